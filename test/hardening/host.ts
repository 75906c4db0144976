// A real backend behind the real browser host, and RPC clients that connect to it over WebSocket
// exactly as the page does (token cookie, Origin), for the load, fault and access trials.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { Backend } from '../../src/main/services/backend';
import { startBrowserHost, type BrowserHost } from '../../src/server/browserHost';
import { RpcClient, type Transport } from '../../src/shared/rpc';

export interface TestHost {
  backend: Backend;
  host: BrowserHost;
  connect(): Promise<{ client: RpcClient; ws: WebSocket }>;
  close(): Promise<void>;
}

function wsTransport(ws: WebSocket): Transport {
  return {
    send: (m) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(m)),
    onMessage: (l) => ws.on('message', (d) => l(JSON.parse(d.toString()))),
    onClose: (l) => ws.on('close', l),
    close: () => ws.close(),
  };
}

export async function startTestHost(project: string): Promise<TestHost> {
  const storage = await mkdtemp(path.join(os.tmpdir(), 'gopsy-hard-storage-'));
  const rendererDir = await mkdtemp(path.join(os.tmpdir(), 'gopsy-hard-renderer-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const backend = new Backend({ host: 'browser', storageDir: storage, log: () => {} });
  await backend.openFolder(project);
  const host = await startBrowserHost({ backend, rendererDir });
  return {
    backend,
    host,
    connect: async () => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc`, {
        headers: { Cookie: `gopsy-tkn-${host.port}=${host.token}`, Origin: `http://127.0.0.1:${host.port}` },
      });
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      return { client: new RpcClient(wsTransport(ws)), ws };
    },
    close: async () => {
      await backend.shutdown();
      await host.close();
      await rm(storage, { recursive: true, force: true });
      await rm(rendererDir, { recursive: true, force: true });
    },
  };
}
