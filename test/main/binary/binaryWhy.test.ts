// "Why is this in my binary?" with the real toolchain: a "Build the binary" run of a program that calls
// reflect.Value.MethodByName keeps the linker's -dumpdep graph in dumpdep.txt (not in the console or the
// events), binary.why (through a connected backend) answers for a symbol and a package, with source lines,
// and a binary opened from disk says how to get a graph. `gopsy binary why` answers from the run folder.
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Backend } from '../../../src/main/services/backend';
import { BUILT_IN_PROFILES } from '../../../src/main/services/runs/profiles';
import type { RpcClient } from '../../../src/shared/rpc';
import { binaryCommand } from '../../../src/cli/binary';
import { connectedBackend, makeTemp, removeTemp, waitUntil } from '../../support/backend';
import { runCli } from '../../support/cliOutput';

let project: string;
let storage: string;
let backend: Backend;
let api: RpcClient;
let runId: string;

beforeAll(async () => {
  project = await makeTemp('why-project');
  await cp(path.join(__dirname, '../../fixtures/dumpdep/src/reflectmethod'), project, { recursive: true });
  storage = await makeTemp('why-storage');
  ({ backend, api } = await connectedBackend(storage, project));
  const keep = structuredClone(BUILT_IN_PROFILES.find((p) => p.name === 'Build the binary')!);
  const summary = await api.call('build.start', { profile: keep });
  runId = summary.id;
  await waitUntil(async () => (await api.call('build.runs', {})).find((r) => r.id === runId && r.status !== 'running'), `run ${runId} to end`, 300_000);
  const detail = await api.call('build.run', { id: runId });
  expect(detail.manifest.status).toBe('succeeded');
  expect(detail.manifest.command.argv).toContain('-ldflags=-dumpdep');
  expect(detail.manifest.artefacts).toContain('dumpdep.txt');
}, 360_000);
afterAll(async () => {
  await backend?.shutdown();
  await removeTemp(project);
  await removeTemp(storage);
});

test('the graph is in dumpdep.txt; the console and the events get one note instead', async () => {
  const run = backend.runs.store.runDir(project, runId);
  const deps = await readFile(path.join(run, 'dumpdep.txt'), 'utf8');
  expect(deps.startsWith('# example.com/reflectmethod\n_ -> ')).toBe(true);
  expect(deps).toContain('type:main.T <UsedInIface> -> main.T.Unused\n');
  const consoleText = await readFile(path.join(run, 'console.txt'), 'utf8');
  expect(consoleText).not.toContain(' -> ');
  expect(consoleText).toMatch(/\(linker reachability graph of example\.com\/reflectmethod: \d+ lines → dumpdep\.txt\)/);
  expect(await readFile(path.join(run, 'build.jsonl'), 'utf8')).not.toContain('-\\u003e');
});

test('binary.why: a method kept by MethodByName, with the culprits and the source lines of the chain', async () => {
  const a = await api.call('binary.openRun', { runId, name: 'reflectmethod' });
  const why = await api.call('binary.why', { id: a.id, target: 'main.T.Unused' });
  expect(why.root).toBe('_rt0_amd64_linux');
  expect(why.chain.at(-1)).toEqual({ from: 'type:main.T', to: 'main.T.Unused' });
  expect(why.culprits.map((c) => c.kind)).toEqual(expect.arrayContaining(['reflect-method', 'interface-method']));
  expect(why.sources?.['main.main']).toEqual({ path: 'main.go', line: 13 });
  expect(why.sources?.['main.T.Unused']).toEqual({ path: 'main.go', line: 11 });
  const pkg = await api.call('binary.why', { id: a.id, target: 'reflect' });
  expect(pkg.kind).toBe('package');
  expect(pkg.packageImportChain).toEqual(['example.com/reflectmethod', 'reflect']);
  await expect(api.call('binary.why', { id: a.id, target: 'net/http' })).rejects.toThrow(/net\/http is not in the binary/);
});

test('a binary opened from disk has no graph: the message says how to get one', async () => {
  const run = backend.runs.store.runDir(project, runId);
  const copy = path.join(project, 'copy.bin');
  await writeFile(copy, await readFile(path.join(run, 'out', 'reflectmethod')), { mode: 0o755 });
  const a = await api.call('binary.open', { path: 'copy.bin' });
  await expect(api.call('binary.why', { id: a.id, target: 'main.main' })).rejects.toThrow(/No reachability graph was recorded for copy\.bin.*Build the binary/);
});

test('gopsy binary why RUN SYMBOL --json; a target not in the binary exits non-zero', async () => {
  const run = backend.runs.store.runDir(project, runId);
  const json = await runCli(binaryCommand, ['why', run, 'main.T.Unused', '--json']);
  expect(json.code).toBe(0);
  const parsed = JSON.parse(json.out) as { target: string; root: string; chain: Array<{ from: string; to: string }> };
  expect(parsed.target).toBe('main.T.Unused');
  expect(parsed.root).toBe('_rt0_amd64_linux');
  expect(parsed.chain.at(-1)).toEqual({ from: 'type:main.T', to: 'main.T.Unused' });
  // The text form has the source lines (go tool addr2line on the real binary).
  const text = await runCli(binaryCommand, ['why', run, 'main.T.Unused']);
  expect(text.code).toBe(0);
  expect(text.out).toMatch(/main\.main {2}\(\S*\/main\.go:13\)[\s\S]*main\.T\.Unused {2}\(\S*\/main\.go:11\)/);
  const missing = await runCli(binaryCommand, ['why', run, 'net/http']);
  expect(missing.code).not.toBe(0);
  expect(missing.err).toMatch(/net\/http is not in the binary/);
});
