// A debugger frame in the runtime opens in the editor: a real dlv stops in the sample, the call stack's
// runtime.main frame points into GOROOT, and that file reads read-only with its origin, the way the
// Debug view's call stack opens it (workspace.resolveLocation, then workspace.readFile).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/services/backend';
import type { DebugState } from '../../../src/shared/api';
import type { RpcClient } from '../../../src/shared/rpc';
import { connectedBackend, copySample, makeTemp, removeTemp, waitUntil } from '../../support/backend';

const ADD_LINE = 28; // store/store.go: `if old, ok := s.items[it.SKU]; ok {`

describe('a standard library file from a debugger frame', () => {
  let temp: string;
  let storage: string;
  let backend: Backend;
  let api: RpcClient;

  beforeAll(async () => {
    const copy = await copySample('lsp-frame');
    temp = copy.temp;
    storage = await makeTemp('lsp-frame-storage');
    ({ backend, api } = await connectedBackend(storage, copy.project));
  });
  afterAll(async () => {
    await api?.call('debug.stop', {}).catch(() => {});
    await backend?.shutdown();
    await removeTemp(temp);
    await removeTemp(storage);
  });

  it('opens runtime/proc.go read-only from the runtime.main frame', async () => {
    const states: DebugState[] = [];
    api.on('debug.state', (s) => states.push(s));
    await api.call('debug.setBreakpoints', { path: 'store/store.go', breakpoints: [{ line: ADD_LINE }] });
    await api.call('debug.start', { config: { name: 'Debug package', mode: 'debug', program: '.' } });
    const stop = await waitUntil(() => states.find((s) => s.status === 'stopped'), 'the breakpoint stop', 120_000);
    const { frames } = await api.call('debug.stack', { threadId: stop.threadId!, levels: 50 });
    const runtimeMain = frames.find((f) => f.name === 'runtime.main');
    expect(runtimeMain?.location).toMatchObject({ inProject: false });
    const goroot = execFileSync('realpath', [execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim()], { encoding: 'utf8' }).trim();
    const resolved = await api.call('workspace.resolveLocation', { path: runtimeMain!.location!.path });
    expect(resolved?.path).toBe(path.join(goroot, 'src/runtime/proc.go'));
    const file = await api.call('workspace.readFile', { path: resolved!.path });
    expect(file.readOnly).toMatch(/^read-only: outside the project/);
    expect(file.origin).toMatch(/^Go stdlib go\d/);
    expect(file.text).toContain('func main() {');
  });
});
