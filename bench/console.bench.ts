// Console throughput: 100 MB of output through the real path (node-pty → PtyProcess batching and
// flow control → RPC → WebSocket of the browser host → a client that acks like the renderer does)
// against node-pty read directly, in the same run. Also the process's peak RSS during each.
import { describe, it } from 'vitest';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import * as pty from 'node-pty';
import WebSocket from 'ws';
import { Backend } from '../src/main/services/backend';
import { startBrowserHost } from '../src/server/browserHost';
import { recordBench } from './report';

const MB = 100;
const ACK_CHUNK = 5_000; // as the renderer does

/** Samples RSS while a phase runs; stop() gives the growth over the phase's start, in bytes. */
function rssGrowth(): { stop: () => number } {
  const start = process.memoryUsage().rss;
  let peak = start;
  const t = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return { stop: () => (clearInterval(t), Math.max(0, peak - start)) };
}

async function rawPty(file: string): Promise<number> {
  return new Promise((resolve) => {
    let n = 0;
    const p = pty.spawn('cat', [file], { cols: 200, rows: 50, cwd: os.tmpdir(), env: { PATH: process.env.PATH ?? '' } });
    p.onData((d) => (n += d.length));
    p.onExit(() => setTimeout(() => resolve(n), 300));
  });
}

async function throughGopsy(dir: string, file: string): Promise<number> {
  const backend = new Backend({ host: 'browser', storageDir: path.join(dir, 'storage') });
  await backend.openFolder(dir);
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  const host = await startBrowserHost({ backend, rendererDir: dir });
  const cookie = `gopsy-tkn-${host.port}=${host.token}`;
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc`, {
    headers: { Cookie: cookie, Origin: `http://127.0.0.1:${host.port}` },
  });
  await new Promise((r) => ws.once('open', r));
  let received = 0;
  const done = new Promise<void>((resolve) => {
    let id = '';
    let unacked = 0;
    let nextReq = 10;
    ws.on('message', (raw) => {
      const m = JSON.parse(raw.toString()) as { t: string; id?: number; event?: string; result?: { id: string }; payload?: { id: string; data: string } };
      if (m.t === 'res' && m.id === 1 && m.result) {
        id = m.result.id;
        ws.send(JSON.stringify({ t: 'req', id: 2, method: 'console.input', params: { id, data: `stty -echo; cat ${file}; exit\r` } }));
      } else if (m.t === 'evt' && m.event === 'console.data' && m.payload) {
        received += m.payload.data.length;
        unacked += m.payload.data.length;
        if (unacked >= ACK_CHUNK) {
          ws.send(JSON.stringify({ t: 'req', id: nextReq++, method: 'console.ack', params: { id, chars: unacked } }));
          unacked = 0;
        }
      } else if (m.t === 'evt' && m.event === 'console.exit') resolve();
    });
  });
  ws.send(JSON.stringify({ t: 'req', id: 1, method: 'console.open', params: { preset: 'shell', cols: 200, rows: 50 } }));
  await done;
  ws.close();
  await backend.shutdown();
  await host.close();
  return received;
}

describe('console throughput', () => {
  it(`${MB} MB through gopsy vs raw node-pty`, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gopsy-bench-'));
    const file = path.join(dir, 'out.txt');
    // Written in 1 MB chunks so that no 100 MB string stays around to blur the RSS figures.
    const fd = openSync(file, 'w');
    for (let i = 0; i < MB; i++) writeSync(fd, randomBytes(786_432).toString('base64').replace(/(.{120})/g, '$1\n'));
    closeSync(fd);
    writeFileSync(path.join(dir, 'go.mod'), 'module bench\n\ngo 1.22\n');
    try {
      let m = rssGrowth();
      let t0 = performance.now();
      const rawChars = await rawPty(file);
      const rawMs = performance.now() - t0;
      const rawGrowth = m.stop();

      m = rssGrowth();
      t0 = performance.now();
      const gopsyChars = await throughGopsy(dir, file);
      const gopsyMs = performance.now() - t0;
      const gopsyGrowth = m.stop();
      if (gopsyChars < rawChars) throw new Error(`lost output: ${gopsyChars} of ${rawChars} characters arrived`);

      recordBench('console', [
        {
          name: `console: ${MB} MB of output, time to the last byte`,
          baseline: { label: 'node-pty read directly', value: rawMs / 1000 },
          measured: { label: 'gopsy console over WebSocket with acks', value: gopsyMs / 1000 },
          unit: 's',
          ratio: gopsyMs / rawMs,
          goal: 'at most 3× (batching, JSON and acks cost something; no stall)',
          met: gopsyMs / rawMs <= 3,
          notes: `${(gopsyChars / 1e6).toFixed(1)} M characters arrived (raw: ${(rawChars / 1e6).toFixed(1)} M, which includes no prompt).`,
        },
        {
          name: `console: ${MB} MB of output, peak RSS growth of the backend process`,
          baseline: { label: 'node-pty read directly', value: rawGrowth / 2 ** 20 },
          measured: { label: 'gopsy console (server and test client in one process)', value: gopsyGrowth / 2 ** 20 },
          unit: 'MiB',
          ratio: gopsyGrowth / Math.max(2 ** 20, rawGrowth),
          goal: `bounded: growth well under the ${MB} MB that passed through`,
          met: gopsyGrowth < (MB * 2 ** 20) / 2,
        },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
