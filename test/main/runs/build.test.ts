// Build capture with the real toolchain on a temp copy of the sample: a passing build with every
// artefact, a failing build (tag gopsy_broken), go test -c, cache-hit marking and cancelling.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BuildProfile } from '../../../src/shared/api';
import { BUILT_IN_PROFILES } from '../../../src/main/services/runs/profiles';
import { RunService } from '../../../src/main/services/runs/runService';
import { copySample, makeTemp, removeTemp, waitUntil } from '../../support/backend';

let temp: string;
let project: string;
let storage: string;
let runs: RunService;
const output = new Map<string, string>();

const profile = (name: string): BuildProfile => structuredClone(BUILT_IN_PROFILES.find((p) => p.name === name)!);

beforeAll(async () => {
  ({ temp, project } = await copySample('build'));
  storage = await makeTemp('build-storage');
  runs = new RunService(storage);
  runs.subscribe({ output: (id, d) => output.set(id, (output.get(id) ?? '') + d), status: () => {} });
});
afterAll(async () => {
  await runs?.cancelAll();
  await removeTemp(temp);
  await removeTemp(storage);
});

describe('a passing build with every artefact (Optimisation details: private cache)', () => {
  let id: string;
  beforeAll(async () => {
    const { summary, done } = await runs.start(project, profile('Optimisation details'));
    id = summary.id;
    expect(summary.status).toBe('running');
    expect((await done).status).toBe('succeeded');
  });

  test('the manifest records the command, toolchain, times and artefacts', async () => {
    const [summary] = await runs.list(project);
    expect(summary).toMatchObject({ id, status: 'succeeded', exitCode: 0, profileName: 'Optimisation details' });
    expect(summary!.goVersion).toMatch(/^go1\.\d+/);
    const d = await runs.detail(project, id);
    expect(d.manifest.command.argv).toEqual(expect.arrayContaining(['build', '-json', '-x', './...']));
    expect(d.manifest.command.env.GOCACHE).toMatch(/cache$/);
    expect(d.manifest.artefacts).toEqual(expect.arrayContaining(['actiongraph.json', 'bench.txt', 'build.jsonl', 'console.txt', 'go-env.json', 'go-version.txt', 'logopt/', 'trace.json']));
    expect(d.manifest.artefacts).not.toContain('cache/'); // the private cache is removed after the run
  });

  test('every package compiled: phases for all of them, no cache hits, a timeline with a critical path', async () => {
    const d = await runs.detail(project, id);
    expect(d.problems).toEqual([]);
    expect(d.cachedPackages).toEqual([]);
    expect(d.phases.map((p) => p.package)).toEqual(expect.arrayContaining(['fmt', 'runtime', 'example.com/inventory/store', 'example.com/inventory']));
    expect(d.timeline!.bars.some((b) => b.mode === 'link' && b.critical)).toBe(true);
    // The analysis of the same run: the critical path is the timeline's, and the runtime's compile (the
    // longest of a build where every package compiles) is on it.
    const a = d.analysis!;
    expect(a.criticalPath).toEqual(d.timeline!.bars.filter((b) => b.critical).sort((x, y) => x.start - y.start).map((b) => b.actionId));
    expect(a.criticalPath.map((id) => a.actions.find((r) => r.actionId === id)!.package)).toContain('runtime');
    expect(a.verdict.text).toMatch(/the dependency chain takes .* of the .* wall time/);
    expect(d.commands.some((c) => c.tool === 'compile' && c.package === 'example.com/inventory/store' && c.durationMs! > 0)).toBe(true);
    expect(d.remarksCount).toBeGreaterThan(0);
    expect(d.errors).toEqual([]);
  });

  test('the console showed readable -x lines, not JSON, and kept them in the transcript', async () => {
    const transcript = await readFile(path.join(runs.store.runDir(project, id), 'console.txt'), 'utf8');
    expect(transcript).toBe(output.get(id));
    expect(output.get(id)).toMatch(/WORK=/);
    expect(output.get(id)).not.toMatch(/"Action":"build-output"/);
  });
});

test('a failing build yields the structured compile error and a failed run', async () => {
  const p: BuildProfile = { ...profile('Diagnose failure'), tags: ['gopsy_broken'] };
  const { done } = await runs.start(project, p);
  const m = await done;
  expect(m.status).toBe('failed');
  expect(m.exitCode).toBe(1);
  const d = await runs.detail(project, m.id);
  expect(d.failedPackages).toEqual(['example.com/inventory/broken']);
  expect(d.errors).toContainEqual({
    package: 'example.com/inventory/broken',
    path: 'broken/typeerror.go',
    line: 11,
    column: 9,
    message: 'cannot use total (variable of type string) as int value in return statement',
  });
});

test('go test -c builds the test binary into the run directory', async () => {
  const p: BuildProfile = { ...profile('Diagnose failure'), target: 'test', packages: ['./store'] };
  const m = await (await runs.start(project, p)).done;
  expect(m.status).toBe('succeeded');
  expect(m.command.argv.slice(1, 3)).toEqual(['test', '-c']);
  const d = await runs.detail(project, m.id);
  expect(d.timeline!.bars.some((b) => b.mode === 'link')).toBe(true);
  expect(m.artefacts).toContain('out/');
});

test('a second build with the shared cache marks its packages as cache hits', async () => {
  const p = profile('Diagnose failure');
  await (await runs.start(project, p)).done;
  const m = await (await runs.start(project, p)).done;
  const d = await runs.detail(project, m.id);
  expect(d.cachedPackages).toEqual(expect.arrayContaining(['example.com/inventory/store', 'fmt']));
  expect(d.commands.some((c) => c.tool === 'compile' && c.package === 'example.com/inventory/store')).toBe(false);
});

test('cancelling a running build keeps the run, marked cancelled, with its partial artefacts flagged', async () => {
  const p: BuildProfile = { ...profile('Build timing'), rebuildAll: true };
  const { summary, done } = await runs.start(project, p);
  await waitUntil(() => (output.get(summary.id) ?? '').includes('compile'), 'the first compile');
  await runs.cancel(summary.id);
  const m = await done;
  expect(m.status).toBe('cancelled');
  const d = await runs.detail(project, m.id);
  expect(d.manifest.status).toBe('cancelled');
  // The go command is stopped mid-build: its trace has no end, and the view says so.
  expect(d.problems.find((x) => x.artefact === 'trace.json')?.message).toMatch(/ends early|not written|empty/);
});

test('a profile can ask for the compiler’s CPU profile of one package: it is captured and aggregated', async () => {
  const p: BuildProfile = { ...profile('Diagnose failure'), packages: ['net/http'], capture: { ...profile('Diagnose failure').capture, cpuProfilePackage: 'net/http' } };
  const m = await (await runs.start(project, p)).done;
  expect(m.status).toBe('succeeded');
  expect(m.command.argv.some((a) => a.startsWith('-gcflags=net/http=') && a.includes('-cpuprofile='))).toBe(true);
  expect(m.artefacts).toContain('compile.cpuprof');
  const d = await runs.detail(project, m.id);
  expect(d.problems).toEqual([]);
  const prof = d.compilerProfile!;
  expect(prof.package).toBe('net/http');
  expect(prof.samples).toBeGreaterThan(0);
  expect(prof.root.total).toBe(prof.totalNs);
  expect(prof.root.children.map((c) => c.name)).toContain('runtime.main');
  expect(prof.top[0]!.flat).toBeGreaterThan(0);
  // The profiled package always compiles (its flags name this run's file), even with the shared cache.
  expect(d.cachedPackages).not.toContain('net/http');
});

test('a compiler profile of a package the build does not compile is reported, not an error', async () => {
  const p: BuildProfile = { ...profile('Diagnose failure'), packages: ['./store'], capture: { ...profile('Diagnose failure').capture, cpuProfilePackage: 'net/http' } };
  const m = await (await runs.start(project, p)).done;
  expect(m.status).toBe('succeeded');
  const d = await runs.detail(project, m.id);
  expect(d.compilerProfile).toBeNull();
  expect(d.problems.find((x) => x.artefact === 'compile.cpuprof')?.message).toMatch(/was not compiled/);
});
