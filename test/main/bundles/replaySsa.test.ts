// The SSA a bundle's build run captured (the profile's "SSA of function": GOSSAFUNC + GOSSADIR) opens
// in the SSA view's backend from the bundle alone: a real capture of (*Store).Value with the real
// toolchain, bundled, its project deleted, opened in a backend with no project and nothing compiled.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BuildProfile } from '../../../src/shared/api';
import { Backend } from '../../../src/main/services/backend';
import { RunService } from '../../../src/main/services/runs/runService';
import { BUILT_IN_PROFILES } from '../../../src/main/services/runs/profiles';
import { writeCaptureBundle } from '../../../src/main/services/bundles/captureBundle';
import { RpcClient } from '../../../src/shared/rpc';
import { copySample, makeTemp, removeTemp, waitUntil, connectedBackend } from '../../support/backend';

let temp: string;
let storage: string;
let file: string;
let backend: Backend;
let api: RpcClient;

beforeAll(async () => {
  let project: string;
  ({ temp, project } = await copySample('replay-ssa'));
  const runs = new RunService(await makeTemp('replay-ssa-runs'));
  const base = BUILT_IN_PROFILES.find((p) => p.name === 'Optimisation details')!;
  const profile: BuildProfile = { ...base, name: 'Value SSA', packages: ['./store'], capture: { ...base.capture, ssaFunc: 'example.com/inventory/store.(*Store).Value' } };
  const m = await (await runs.start(project, profile)).done;
  expect(m.status).toBe('succeeded');
  file = path.join(temp, 'ssa.gopsy');
  await writeCaptureBundle(file, project, m, runs.store.runDir(project, m.id));
  await rm(project, { recursive: true, force: true });
  storage = await makeTemp('replay-ssa-storage');
  ({ backend, api } = await connectedBackend(storage));
}, 240_000);
afterAll(async () => {
  await backend?.shutdown();
  await removeTemp(temp);
  await removeTemp(storage);
});

it('opens the captured function from the bundle, with its phases, and nothing else', async () => {
  const b = (await api.call('bundle.open', { path: file }))!;
  const html = b.entries.find((e) => /^runs\/[\w.-]+\/ssa\/.*\.html$/.test(e.path))!;
  expect(html.path).toMatch(/\(\*Store\)\.Value,1\.html$/);
  const run = html.path.split('/')[1]!;
  const opened = await api.call('ssa.openBundleRun', { bundle: b.id, run, file: path.basename(html.path) });
  expect(opened.formats).toContain('html');
  const summary = await waitUntil(async () => {
    const s = await api.call('ssa.summary', { id: opened.id });
    return s.done ? s : null;
  }, 'the parse of the bundled ssa.html');
  expect(summary.name).toBe('(*Store).Value,1');
  expect(summary.phases.length).toBeGreaterThan(15);
  const first = await api.call('ssa.phase', { id: opened.id, index: 0 });
  expect(first.blocks.length).toBeGreaterThan(0);
  // A run name that leaves the bundle's runs is refused before anything is read.
  await expect(api.call('ssa.openBundleRun', { bundle: b.id, run: '../x' })).rejects.toThrow();
  await expect(api.call('ssa.openBundleRun', { bundle: b.id, run: 'nope' })).rejects.toThrow(/has no build run nope/);
});
