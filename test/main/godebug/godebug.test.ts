// GODEBUG with the real toolchain: the catalog read from GOROOT, and the demo run in real ptys under
// presets, with the trace tee parsing what the runtime prints while the console still gets every byte.
import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleExit, TraceEvent } from '../../../src/shared/api';
import { ConsoleService } from '../../../src/main/services/consoles';
import { TraceSessions } from '../../../src/main/services/godebug/traceSessions';
import { catalogFor } from '../../../src/main/services/godebug/catalogService';
import { ProfileStore } from '../../../src/main/services/godebug/profileStore';
import { projectDefaults } from '../../../src/main/services/godebug/projectDefaults';
import { detectToolchain } from '../../../src/main/services/toolchain';
import { inspectFolder } from '../../../src/main/services/workspace';
import { BUILTIN_PROFILES, validateGodebug, type BuiltCatalog } from '../../../src/core/godebug';
import { makeTemp, removeTemp, waitUntil } from '../../support/backend';

const DEMO = path.resolve(__dirname, '../../../resources/samples/godebug-demo');

let temp: string;
let project: string;
let catalog: BuiltCatalog;

beforeAll(async () => {
  temp = await makeTemp('godebug');
  project = path.join(temp, 'godebug-demo');
  await cp(DEMO, project, { recursive: true });
  const tc = await detectToolchain();
  expect(tc.ok).toBe(true);
  catalog = await catalogFor(tc.goroot!, tc.version);
});
afterAll(() => removeTemp(temp));

/** Opens a console with a profile and collects raw output, parsed events and the exit. */
function openTraced(preset: 'run' | 'shell', godebug: string) {
  const raw: string[] = [];
  const events: TraceEvent[] = [];
  let exit: ConsoleExit | null = null;
  const consoles: ConsoleService = new ConsoleService({
    data: (id, d) => {
      raw.push(d);
      consoles.ack(id, d.length);
    },
    exit: (e) => (exit = e),
  });
  const sessions = new TraceSessions((_id, evs) => events.push(...evs));
  consoles.observe({
    opened: (info, g) => g?.GODEBUG && sessions.start(info.id, g.GODEBUG),
    data: (id, d) => sessions.data(id, d),
    exit: ({ id }) => sessions.exit(id),
  });
  const info = consoles.open(preset, project, 200, 40, { GODEBUG: godebug });
  return {
    info,
    consoles,
    raw: () => raw.join(''),
    events,
    exited: () => waitUntil(() => exit, `${preset} with GODEBUG=${godebug} to exit`, 120_000).then((e) => e as ConsoleExit),
    session: () => sessions.get(info.id)!,
  };
}

describe('catalog of the installed toolchain', () => {
  it('is read from GOROOT and knows the trace settings, not mmap', () => {
    const names = catalog.settings.map((s) => s.name);
    for (const n of ['gctrace', 'schedtrace', 'inittrace', 'scavtrace', 'http2debug', 'panicnil']) expect(names).toContain(n);
    expect(names).not.toContain('mmap');
    expect(catalog.goVersion).toMatch(/^go1\.\d+/);
    expect(catalog.compileDebug.map((k) => k.name)).toContain('nil');
    expect(validateGodebug('mmap=1', catalog)[0]!.code).toBe('unknown');
    for (const p of BUILTIN_PROFILES) expect(validateGodebug(p.godebug, catalog).filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

describe('the demo under presets (real go, real pty)', () => {
  it('GC preset: go run gets GODEBUG through -exec env, cycles parse, the console keeps the raw lines', async () => {
    const t = openTraced('run', 'gctrace=1');
    expect(t.info.commandLine).toContain("-exec 'env GODEBUG=gctrace=1'");
    expect(t.info.envNote).toContain('GODEBUG=gctrace=1 (program only)');
    const ex = await t.exited();
    if (ex.exitCode !== 0) console.log(t.raw().slice(-3000));
    expect(ex.exitCode).toBe(0);
    // The exit is reported after the rest of the output, and the tee flushes its last batch on it.
    expect(t.raw()).toContain('done: ');
    const gcs = t.events.filter((e) => e.kind === 'gc');
    expect(gcs.length).toBeGreaterThan(0);
    for (const g of gcs) {
      expect(g.liveMB).toBeLessThanOrEqual(g.heapEndMB);
      expect(g.goalMB).toBeGreaterThan(0);
    }
    // The demo's runtime.GC() cycle is read as forced (on a loaded machine a background cycle may
    // print after it, so not necessarily the last line).
    expect(gcs.some((g) => g.forced)).toBe(true);
    // The tee does not steal: every parsed cycle is still in the console's own output.
    for (const g of gcs) expect(t.raw()).toContain(`gc ${g.n} @`);
    expect(t.session().events.length).toBe(t.events.length);
    await t.consoles.disposeAll();
  });

  it('Init preset: inittrace lines for the packages the demo imports', async () => {
    const t = openTraced('run', 'inittrace=1');
    await t.exited();
    const pkgs = t.events.flatMap((e) => (e.kind === 'init' ? [e.pkg] : []));
    for (const p of ['regexp', 'encoding/json', 'crypto/sha256', 'net/http', 'main']) expect(pkgs).toContain(p);
    // program only: the go command's own inits (cmd/go) are not in the trace
    expect(pkgs.filter((p) => p === 'runtime')).toHaveLength(1);
    await t.consoles.disposeAll();
  });

  it('HTTP/2 preset: a loopback TLS exchange yields frame events', async () => {
    const t = openTraced('shell', 'http2debug=2');
    t.consoles.input(t.info.id, 'go run . -http2; exit\n');
    await t.exited();
    expect(t.events.some((e) => e.kind === 'output' && e.text.includes('hello over HTTP/2.0'))).toBe(true);
    const frames = t.events.flatMap((e) => (e.kind === 'http2' && e.frameType ? [e] : []));
    expect(frames.map((f) => f.frameType)).toEqual(expect.arrayContaining(['SETTINGS', 'HEADERS', 'DATA']));
    expect(frames.find((f) => f.frameType === 'DATA')!.stream).toBe(1);
    await t.consoles.disposeAll();
  });

  it('Scheduler preset with detail', async () => {
    const t = openTraced('run', 'schedtrace=200,scheddetail=1');
    await t.exited();
    const heads = t.events.filter((e) => e.kind === 'sched');
    expect(heads.length).toBeGreaterThan(0);
    expect(t.events.some((e) => e.kind === 'sched-detail' && e.entity === 'P')).toBe(true);
    await t.consoles.disposeAll();
  });
});

describe('project defaults and profiles', () => {
  it('reads go.mod, //go:debug in main, and the DefaultGODEBUG go list computes', async () => {
    await writeFile(path.join(project, 'directive.go'), '//go:debug mmap=1\n\npackage main\n');
    const ws = await inspectFolder(project);
    const d = await projectDefaults(ws, catalog);
    expect(d.goVersion).toBe('1.22');
    expect(d.lines).toContainEqual(expect.objectContaining({ file: 'go.mod', key: 'panicnil', value: '1', kind: 'godebug' }));
    expect(d.lines).toContainEqual(expect.objectContaining({ file: 'directive.go', key: 'mmap', kind: 'go:debug' }));
    expect(d.findings).toContainEqual(expect.objectContaining({ key: 'mmap', code: 'unknown' }));
    // the go command refuses the build with the unknown directive, and gopsy shows why
    expect(d.problem ?? d.defaultGodebug.map((x) => x.value).join()).toBeTruthy();
  });

  it('saves user profiles per project, atomically, beside the built-ins', async () => {
    const store = new ProfileStore(path.join(temp, 'storage'));
    const list = await store.save(project, { id: 'mine', name: 'Mine', godebug: 'gctrace=1,inittrace=1' });
    expect(list.filter((p) => p.builtin).length).toBe(BUILTIN_PROFILES.length);
    expect(list.find((p) => p.id === 'mine')).toMatchObject({ godebug: 'gctrace=1,inittrace=1', builtin: false });
    expect((await store.list('/other/project')).some((p) => p.id === 'mine')).toBe(false);
    await expect(store.save(project, { id: 'gc', name: 'x', godebug: '' })).rejects.toThrow(/built-in/);
    expect((await store.remove(project, 'mine')).some((p) => p.id === 'mine')).toBe(false);
  });
});
