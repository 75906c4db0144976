// The debugger against a real dlv (dlv dap) on a temp copy of the inventory sample: breakpoints,
// stepping, variables, goroutines, program output, and no process left behind.
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { realpath } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BreakpointState, DebugState } from '../../../src/shared/api';
import { GopsyError } from '../../../src/shared/rpc';
import { ConsoleService } from '../../../src/main/services/consoles';
import { DebugService } from '../../../src/main/services/debug/debugService';
import { descendants, isAlive } from '../../../src/main/services/processTree';
import { copySample, makeTemp, removeTemp, waitUntil } from '../../support/backend';
import { withGodebug } from '../../../src/renderer/src/panels/debug/godebugEnv';

const procStat = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 'gone';
  }
};

const ADD_LINE = 28; // store/store.go: `if old, ok := s.items[it.SKU]; ok {`

class Recorder {
  states: DebugState[] = [];
  output = '';
  breakpoints: BreakpointState[] = [];
  consoleData = '';
  get last(): DebugState | undefined {
    return this.states[this.states.length - 1];
  }
}

function makeService(project: string, storage: string, rec: Recorder) {
  const consoles = new ConsoleService({ data: (_id, d) => (rec.consoleData += d), exit: () => {} });
  const debug = new DebugService({
    storageDir: storage,
    root: () => project,
    consoles,
    sink: {
      state: (s) => rec.states.push(s),
      output: (_c, t) => (rec.output += t),
      breakpoints: (_f, b) => (rec.breakpoints = b),
    },
  });
  return { debug, consoles };
}

describe('debugging the inventory sample with dlv', () => {
  let temp: string;
  let project: string;
  let storage: string;
  const rec = new Recorder();
  let debug: DebugService;
  let consoles: ConsoleService;

  beforeAll(async () => {
    ({ temp, project } = await copySample('debug'));
    project = await realpath(project);
    storage = await makeTemp('debug-storage');
    ({ debug, consoles } = makeService(project, storage, rec));
  });
  afterAll(async () => {
    await debug?.stop();
    await consoles?.disposeAll();
    await removeTemp(temp);
    await removeTemp(storage);
  });

  it('finds dlv and its version', async () => {
    const info = await debug.dlvInfo();
    expect(info.ok).toBe(true);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('stops at a breakpoint in store.(*Store).Add, reads it.SKU, steps, lists goroutines, and leaves no process', async () => {
    await debug.setBreakpoints('store/store.go', [{ line: ADD_LINE }]);
    const started = await debug.start({ name: 'Debug package', mode: 'debug', program: '.' });
    expect(started.console).toMatchObject({ preset: 'dlv', title: 'dlv dap' });
    const session = debug.current!;
    const dlvPid = session.dlvPid!;
    expect(isAlive(dlvPid)).toBe(true);

    const stop = (await waitUntil(() => (rec.last?.status === 'stopped' ? rec.last : null), 'the breakpoint stop'))!;
    expect(stop.reason).toBe('breakpoint');
    expect(stop.location).toMatchObject({ path: 'store/store.go', inProject: true, line: ADD_LINE });
    expect(rec.breakpoints).toEqual([expect.objectContaining({ path: 'store/store.go', line: ADD_LINE, verified: true })]);
    // dlv runs the debuggee as its child: the tree is what the session owns.
    const tree = await descendants(dlvPid);
    expect(tree.length).toBeGreaterThan(0);

    const { frames } = await session.stack(stop.threadId!, 0, 20);
    expect(frames[0]!.name).toBe('store.(*Store).Add');
    expect(frames.some((f) => f.name === 'main.main')).toBe(true);
    const scopes = await session.scopes(frames[0]!.id);
    const locals = await session.variables(scopes.find((s) => s.name === 'Locals' || s.name === 'Arguments')!.reference);
    const args = scopes.find((s) => s.name === 'Arguments') ? await session.variables(scopes.find((s) => s.name === 'Arguments')!.reference) : [];
    const it = [...args, ...locals].find((v) => v.name === 'it')!;
    expect(it.type).toBe('example.com/inventory/store.Item');
    expect(it.reference).toBeGreaterThan(0);
    const fields = await session.variables(it.reference);
    expect(fields.find((f) => f.name === 'SKU')!.value).toBe('"bolt-m6"');
    expect((await session.evaluate('it.Qty', 'watch', frames[0]!.id)).value).toBe('120');

    const before = rec.states.length;
    await session.control('next');
    const stepped = (await waitUntil(() => rec.states.slice(before).find((s) => s.status === 'stopped'), 'the step'))!;
    expect(stepped.reason).toBe('step');
    expect(stepped.location).toMatchObject({ path: 'store/store.go', line: 31 });

    const gs = await session.goroutines();
    expect(gs.some((g) => g.user && /store\.\(\*Store\)\.Add/.test(g.name))).toBe(true);
    expect(gs.some((g) => !g.user)).toBe(true);

    // Remove the breakpoint and let the program finish: its output arrives, the session ends.
    await debug.setBreakpoints('store/store.go', []);
    await session.control('continue');
    await waitUntil(() => rec.output.includes('value:'), 'the program output');
    expect(rec.output).toContain('items: Bolt M6, Nut M6 and Washer');
    expect(rec.output).toContain('reorder washer (75 left)');
    await waitUntil(() => rec.last?.status === 'ended', 'the end of the session');
    await debug.stop();
    expect([dlvPid, ...tree].filter(isAlive)).toEqual([]);
    expect(rec.consoleData).toMatch(/DAP server listening at: 127\.0\.0\.1:\d+/);
  });

  it('stop ends dlv and the stopped debuggee', async () => {
    await debug.setBreakpoints('store/store.go', [{ line: ADD_LINE }]);
    rec.states = [];
    await debug.start({ name: 'Debug package', mode: 'debug', program: '.' });
    const dlvPid = debug.current!.dlvPid!;
    await waitUntil(() => rec.last?.status === 'stopped', 'the breakpoint stop');
    const tree = await descendants(dlvPid);
    await debug.stop();
    expect(rec.last?.status).toBe('ended');
    const left = [dlvPid, ...tree].filter(isAlive);
    expect(left.map((p) => `${p}: ${procStat(p)}`)).toEqual([]);
  });

  it('keeps breakpoints per project across services (restarts)', async () => {
    await debug.setBreakpoints('store/store.go', [{ line: ADD_LINE, condition: 'it.Qty > 100' }, { line: 31, logMessage: 'added {it.SKU}' }]);
    const again = makeService(project, storage, new Recorder()).debug;
    expect(await again.breakpoints()).toEqual([
      { path: 'store/store.go', line: ADD_LINE, condition: 'it.Qty > 100' },
      { path: 'store/store.go', line: 31, logMessage: 'added {it.SKU}' },
    ]);
  });

  it('conditions and logpoints: stops only where the condition holds, logs the rest', async () => {
    rec.states = [];
    rec.output = '';
    await debug.setBreakpoints('store/store.go', [{ line: ADD_LINE, condition: 'it.Qty == 75' }, { line: 31, logMessage: 'added {it.SKU}' }]);
    await debug.start({ name: 'Debug package', mode: 'debug', program: '.' });
    const stop = (await waitUntil(() => rec.states.find((s) => s.status === 'stopped'), 'the conditional stop'))!;
    const session = debug.current!;
    expect((await session.evaluate('it.SKU', 'watch', (await session.stack(stop.threadId!, 0, 1)).frames[0]!.id)).value).toBe('"washer"');
    expect(rec.output).toContain('added "bolt-m6"');
    await debug.stop();
  });

  it('reports a breakpoint Delve cannot place as unverified, with its reason', async () => {
    rec.states = [];
    await debug.setBreakpoints('store/store.go', [{ line: 2 }]);
    await debug.start({ name: 'Debug package', mode: 'debug', program: '.', stopOnEntry: true });
    const states = await debug.breakpoints();
    expect(states[0]).toMatchObject({ line: 2, verified: false });
    expect(states[0]!.message).toBeTruthy();
    await debug.stop();
    await debug.setBreakpoints('store/store.go', []);
  });

  it('debugs a test with a filter (dlv test -run TestMap)', async () => {
    rec.states = [];
    rec.output = '';
    await debug.setBreakpoints('store/store.go', [{ line: ADD_LINE }]);
    await debug.start({ name: 'Debug test', mode: 'test', program: 'store', testFilter: '^TestMap$', args: ['-test.v'] });
    // TestMap never calls Add: the filter held if the run ends without stopping.
    await waitUntil(() => rec.last?.status === 'ended', 'the end of the test run');
    expect(rec.states.some((s) => s.status === 'stopped')).toBe(false);
    expect(rec.output).toContain('--- PASS: TestMap');
    expect(rec.output).not.toContain('TestAddMergesQuantities');
    await debug.setBreakpoints('store/store.go', []);
  });

  it('passes the GODEBUG profile to the debuggee (inittrace lines in its output)', async () => {
    rec.states = [];
    rec.output = '';
    await debug.start(withGodebug({ name: 'Debug package', mode: 'debug', program: '.' }, { id: 'init', name: 'Init cost', godebug: 'inittrace=1' }).config);
    await waitUntil(() => rec.last?.status === 'ended', 'the end of the run');
    expect(rec.output).toMatch(/init internal\/bytealg @[\d.]+ ms/);
    expect(rec.output).toContain('items: Bolt M6, Nut M6 and Washer');
  });

  it('attaches to a running local process, pauses it, and detaches leaving it running', async () => {
    const bin = path.join(temp, 'inventory-bin');
    await promisify(execFile)('go', ['build', '-gcflags=all=-N -l', '-o', bin, '.'], { cwd: project });
    const target = spawn(bin, ['-wait', '10m'], { stdio: 'ignore' });
    try {
      rec.states = [];
      await debug.start({ name: 'Attach', mode: 'attach', processId: target.pid! });
      const dlvPid = debug.current!.dlvPid!;
      await waitUntil(() => rec.last?.status === 'running', 'the attached program to run');
      await debug.current!.control('pause');
      await waitUntil(() => rec.last?.status === 'stopped', 'the pause');
      const gs = await debug.current!.goroutines();
      // The main goroutine sleeps in `-wait`: Delve names it after its topmost user frame.
      expect(gs.filter((g) => g.user).map((g) => g.name)).toContain('[Go 1] time.Sleep');
      const { frames } = await debug.current!.stack(1, 0, 30);
      expect(frames.map((f) => f.name)).toContain('main.main');
      await debug.stop();
      expect(isAlive(dlvPid)).toBe(false);
      // The process was someone else's before gopsy attached: it keeps running after detach.
      expect(isAlive(target.pid!)).toBe(true);
    } finally {
      target.kill('SIGKILL');
    }
  });

  it('says how to install dlv when it is missing', async () => {
    const saved = process.env.GOPSY_DLV;
    process.env.GOPSY_DLV = '/nonexistent/dlv';
    try {
      const err = await debug.start({ name: 'x', mode: 'debug' }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(GopsyError);
      expect((err as GopsyError).message).toContain('go install github.com/go-delve/delve/cmd/dlv@v');
      expect(rec.last?.problem).toContain('go install github.com/go-delve/delve/cmd/dlv@v');
    } finally {
      if (saved === undefined) delete process.env.GOPSY_DLV;
      else process.env.GOPSY_DLV = saved;
    }
  });

  it('refuses paths outside the project with a clear message', async () => {
    const err = await debug.start({ name: 'x', mode: 'exec', program: '../../etc/passwd' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as GopsyError).message).toMatch(/outside the project/);
  });
});
