// The debugger through the contract (Backend + RpcClient over an in-memory transport), with a real dlv:
// closing the connection or shutting the backend down ends dlv and the debuggee.
import { realpath } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DebugState } from '../../../src/shared/api';
import { RpcClient } from '../../../src/shared/rpc';
import { Backend } from '../../../src/main/services/backend';
import { descendants, isAlive } from '../../../src/main/services/processTree';
import { copySample, makeTemp, removeTemp, waitUntil } from '../../support/backend';
import { transportPair } from '../../support/memoryTransport';


describe('debug sessions end with their connection', () => {
  let temp: string;
  let storage: string;
  let backend: Backend;

  beforeAll(async () => {
    const copy = await copySample('debug-backend');
    temp = copy.temp;
    storage = await makeTemp('debug-backend-storage');
    backend = new Backend({ host: 'browser', storageDir: storage, log: () => {} });
    await backend.openFolder(await realpath(copy.project));
  });
  afterAll(async () => {
    await backend?.shutdown();
    await removeTemp(temp);
    await removeTemp(storage);
  });

  /** Connects, stops at the Add breakpoint, returns the client, its transport and dlv's process tree. */
  async function stoppedSession() {
    const [server, client] = transportPair();
    backend.connect(server);
    const api = new RpcClient(client);
    const states: DebugState[] = [];
    api.on('debug.state', (s) => states.push(s));
    await api.call('debug.setBreakpoints', { path: 'store/store.go', breakpoints: [{ line: 28 }] });
    const started = await api.call('debug.start', { config: { name: 'Debug package', mode: 'debug', program: '.' } });
    await waitUntil(() => states.some((s) => s.status === 'stopped'), 'the breakpoint stop');
    const dlvPid = started.console!.pid;
    const tree = [dlvPid, ...(await descendants(dlvPid))];
    expect(tree.length).toBeGreaterThan(1);
    expect(tree.every(isAlive)).toBe(true);
    return { api, client, tree };
  }

  it('closing the connection (window closed) ends dlv and the debuggee', async () => {
    const { client, tree } = await stoppedSession();
    client.close();
    await waitUntil(() => !tree.some(isAlive), 'every process of the session to end');
  });

  it('backend shutdown (quit) ends dlv and the debuggee', async () => {
    const { tree } = await stoppedSession();
    await backend.shutdown();
    expect(tree.filter(isAlive)).toEqual([]);
  });

  it('rejects bad input through the contract with a clear message', async () => {
    const [server, client] = transportPair();
    backend.connect(server);
    const api = new RpcClient(client);
    await expect(api.call('debug.setBreakpoints', { path: '../outside.go', breakpoints: [{ line: 1 }] })).rejects.toThrow(/outside the project/);
    await expect(api.call('debug.continue', {})).rejects.toThrow(/No debug session is running/);
    client.close();
  });
});
