// Compile cost with the real toolchain: a Build timing run of a temp copy of the sample keeps the
// compiler's -d=ssa/all/time lines in compile-cost.txt (not in the console or the events), and
// build.compileCost (through a connected backend) reads them.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Backend } from '../../../src/main/services/backend';
import { BUILT_IN_PROFILES } from '../../../src/main/services/runs/profiles';
import type { RpcClient } from '../../../src/shared/rpc';
import { connectedBackend, copySample, makeTemp, removeTemp, waitUntil } from '../../support/backend';

let temp: string;
let project: string;
let storage: string;
let backend: Backend;
let api: RpcClient;
let id: string;

beforeAll(async () => {
  ({ temp, project } = await copySample('compile-cost'));
  storage = await makeTemp('compile-cost-storage');
  ({ backend, api } = await connectedBackend(storage, project));
  const timing = structuredClone(BUILT_IN_PROFILES.find((p) => p.name === 'Build timing')!);
  expect(timing.capture.compileCost).toBe(true);
  const summary = await api.call('build.start', { profile: timing });
  id = summary.id;
  await waitUntil(async () => (await api.call('build.runs', {})).find((r) => r.id === id && r.status !== 'running'), `run ${id} to end`, 300_000);
  const detail = await api.call('build.run', { id });
  expect(detail.manifest.status).toBe('succeeded');
  expect(detail.manifest.artefacts).toContain('compile-cost.txt');
}, 360_000);
afterAll(async () => {
  await backend?.shutdown();
  await removeTemp(temp);
  await removeTemp(storage);
});

test('the pass lines are in compile-cost.txt under their package headers, not in the console or the events', async () => {
  const run = backend.runs.store.runDir(project, id);
  const cost = await readFile(path.join(run, 'compile-cost.txt'), 'utf8');
  expect(cost).toMatch(/^# example\.com\/inventory\/store$/m);
  expect(cost).toMatch(/^store\/store\.go:\d+:\d+: \tregalloc\tTIME\(ns\)\t\d+\t/m);
  const console = await readFile(path.join(run, 'console.txt'), 'utf8');
  expect(console).not.toContain('TIME(ns)');
  expect(console).toMatch(/^\(SSA pass times of \d+ functions of example\.com\/inventory\/store → compile-cost\.txt\)\r?$/m);
  expect(await readFile(path.join(run, 'build.jsonl'), 'utf8')).not.toContain('TIME(ns)');
});

test('build.compileCost: the functions of the project packages, by pass and by package', async () => {
  const s = await api.call('build.compileCost', { id });
  expect(s.recorded).toBe(true);
  expect(s.total).toBe(s.functions.length);
  expect(s.functions.length).toBeGreaterThan(5);
  expect(s.functions.every((f) => f.package.startsWith('example.com/inventory'))).toBe(true);
  expect(s.functions.map((f) => f.function)).toEqual(expect.arrayContaining(['main', 'New']));
  expect(s.byPackage.map((p) => p.package).sort()).toEqual(['example.com/inventory', 'example.com/inventory/internal/textfmt', 'example.com/inventory/store']);
  expect(s.byPass.map((p) => p.pass)).toContain('regalloc');
});
