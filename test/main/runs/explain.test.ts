// "Why was this rebuilt?" end to end with the real toolchain: a temp copy of the sample built with the
// shared GOCACHE (so unchanged packages really are cache hits) and the cache-key inputs recorded, then
// again after an edited file and after a -gcflags change; the reasons asked for over the contract (a
// connected backend) and through the built `gopsy explain`.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Backend } from '../../../src/main/services/backend';
import { BUILT_IN_PROFILES } from '../../../src/main/services/runs/profiles';
import type { BuildProfile } from '../../../src/shared/api';
import type { RpcClient } from '../../../src/shared/rpc';
import { connectedBackend, copySample, makeTemp, removeTemp, runToEnd } from '../../support/backend';

const REPO = path.resolve(__dirname, '../../..');
const BIN = path.join(REPO, 'bin/gopsy.js');

let temp: string;
let project: string;
let storage: string;
let backend: Backend;
let api: RpcClient;
const ids: Record<'first' | 'edited' | 'flags' | 'unrecorded', string> = { first: '', edited: '', flags: '', unrecorded: '' };

const diagnose = (): BuildProfile => structuredClone(BUILT_IN_PROFILES.find((p) => p.name === 'Diagnose failure')!);

async function build(profile: BuildProfile): Promise<string> {
  const done = await runToEnd(api, profile, 180_000);
  expect(done.status).toBe('succeeded');
  return done.id;
}

function gopsy(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: REPO, timeout: 120_000 }, (error, out, err) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, out, err });
    });
  });
}

beforeAll(async () => {
  ({ temp, project } = await copySample('explain'));
  storage = await makeTemp('explain-storage');
  ({ backend, api } = await connectedBackend(storage, project));
  expect(diagnose().capture.rebuildReasons).toBe(true);
  expect(diagnose().privateCache).toBeFalsy();
  ids.first = await build(diagnose());
  await appendFile(path.join(project, 'store/store.go'), '\n// Edited between two builds.\nconst edited = 1\n');
  ids.edited = await build(diagnose());
  ids.flags = await build({ ...diagnose(), gcflags: '-N -l' });
  ids.unrecorded = await build({ ...diagnose(), capture: { ...diagnose().capture, rebuildReasons: false } });
}, 600_000);
afterAll(async () => {
  await backend?.shutdown();
  await removeTemp(temp);
  await removeTemp(storage);
});

describe('build.explain over the contract', () => {
  test('the hash lines went to cachehash.txt, not to the console or build.jsonl', async () => {
    const dir = path.join(backend.runs.store.runDir(project, ids.edited));
    const hashes = await readFile(path.join(dir, 'cachehash.txt'), 'utf8');
    expect(hashes).toMatch(/^HASH\[build example\.com\/inventory\/store\]$/m);
    expect(hashes).not.toContain('\r');
    expect(hashes.split('\n').filter(Boolean).every((l) => l.startsWith('HASH[') || l.startsWith('HASH '))).toBe(true);
    for (const f of ['console.txt', 'build.jsonl']) expect(await readFile(path.join(dir, f), 'utf8'), f).not.toMatch(/^HASH/m);
    const listed = await api.call('build.runs', {});
    expect(listed.find((r) => r.id === ids.edited)!.rebuildReasons).toBe(true);
    expect(listed.find((r) => r.id === ids.unrecorded)!.rebuildReasons).toBeUndefined();
    const detail = await api.call('build.run', { id: ids.edited });
    expect(detail.manifest.command.env.GODEBUG).toMatch(/(^|,)gocachehash=1$/);
    expect(detail.manifest.command.shellLine).toContain('GODEBUG=');
  });

  test('an edited file: its package, named by the file, and the rest were cache hits', async () => {
    const r = await api.call('build.explain', { id: ids.edited });
    expect(r.against).toBe(ids.first);
    if (!r.explanation.ok) throw new Error(r.explanation.error);
    const store = r.explanation.actions.find((a) => a.key === 'build example.com/inventory/store')!;
    expect(store.status).toBe('changed');
    expect(store.reasons.map((x) => `${x.kind}: ${x.detail}`)).toEqual(['file: store/store.go changed']);
    expect(r.explanation.summary[0]).toMatchObject({ kind: 'file', detail: 'store/store.go changed' });
    expect(r.explanation.actions.find((a) => a.key === 'build fmt')!.status).toBe('same');
    expect(r.explanation.counts.same).toBeGreaterThan(10);

    const side = await api.call('build.explainAction', { id: ids.edited, against: ids.first, key: 'build example.com/inventory/store' });
    const file = side.lines.find((l) => l.slot === 'file store.go')!;
    expect(file).toMatchObject({ kind: 'file', changed: true });
    expect(file.earlier).not.toBe(file.later);
    expect(side.lines.filter((l) => l.changed)).toEqual([file]);
  });

  test('a -gcflags change: the flag is the root cause of every project package it applies to', async () => {
    const r = await api.call('build.explain', { id: ids.flags });
    expect(r.against).toBe(ids.edited);
    if (!r.explanation.ok) throw new Error(r.explanation.error);
    expect(r.explanation.summary[0]).toMatchObject({ kind: 'flag', detail: '-gcflags changed from (none) to -N -l' });
    const store = r.explanation.actions.find((a) => a.key === 'build example.com/inventory/store')!;
    expect(store.reasons.map((x) => x.detail)).toContain('-gcflags changed from (none) to -N -l');
    expect(r.explanation.actions.find((a) => a.key === 'build fmt')!.status).toBe('same');
  });

  test('a run without recorded inputs, and a first run, are refused with what to do', async () => {
    await expect(api.call('build.explain', { id: ids.unrecorded })).rejects.toMatchObject({
      code: 'no-hash-inputs',
      message: "This run did not record why its actions ran: turn on 'Why rebuilt' (rebuildReasons) in its profile",
    });
    await expect(api.call('build.explain', { id: ids.first })).rejects.toMatchObject({ code: 'no-earlier-run' });
    await expect(api.call('build.explain', { id: ids.flags, against: ids.unrecorded })).rejects.toMatchObject({
      code: 'no-hash-inputs',
      message: `The run to compare with (${ids.unrecorded}) did not record why its actions ran: turn on 'Why rebuilt' (rebuildReasons) in its profile`,
    });
  });
});

describe("a profile that writes compiler files into the run: gopsy's own flags are named", () => {
  test('two Build timing runs of one package differ only in the run folders inside -gcflags', async () => {
    const timing = structuredClone(BUILT_IN_PROFILES.find((p) => p.name === 'Build timing')!);
    const profile: BuildProfile = { ...timing, packages: ['./internal/textfmt'], capture: { ...timing.capture, rebuildReasons: true } };
    const a = await build(profile);
    const b = await build(profile);
    const r = await api.call('build.explain', { id: b, against: a });
    if (!r.explanation.ok) throw new Error(r.explanation.error);
    expect(r.explanation.summary).toEqual([
      {
        kind: 'flag',
        detail: "gopsy's per-run capture flags (-bench/-json paths) differ: this profile recompiles every package each run",
        actions: r.explanation.actions.filter((x) => x.mode === 'build').length,
      },
    ]);
  }, 600_000);
});

describe('gopsy explain (the built CLI)', () => {
  beforeAll(() => {
    if (!existsSync(path.join(REPO, 'out/main/cli.js'))) throw new Error('run npm run build first (these tests run the built CLI)');
  });

  test('text: the actions that ran with their reasons, then the root causes', async () => {
    const r = await gopsy(['explain', ids.edited, '--storage', storage]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('build example.com/inventory/store: changed\n    store/store.go changed\n');
    expect(r.out).toMatch(/^Root causes:\n {2}store\/store\.go changed → \d+ actions?$/m);
  });

  test('--json: package, mode, cached, reasons; --against picks the run', async () => {
    const r = await gopsy(['explain', backend.runs.store.runDir(project, ids.flags), '--against', ids.first, '--json', '--storage', storage]);
    expect(r.code, r.err).toBe(0);
    const rows = JSON.parse(r.out) as Array<{ package: string; mode: string; cached: boolean; reasons: Array<{ kind: string; detail: string }> }>;
    const store = rows.find((x) => x.package === 'example.com/inventory/store' && x.mode === 'build')!;
    expect(store.cached).toBe(false);
    expect(store.reasons).toEqual(expect.arrayContaining([{ kind: 'flag', detail: '-gcflags changed from (none) to -N -l' }]));
    expect(rows.find((x) => x.package === 'fmt')!.cached).toBe(true);
  });

  test('a run without recorded inputs: one line, exit 1', async () => {
    const r = await gopsy(['explain', ids.unrecorded, '--storage', storage]);
    expect(r.code).toBe(1);
    expect(r.err).toBe("gopsy explain: This run did not record why its actions ran: turn on 'Why rebuilt' (rebuildReasons) in its profile\n");
    const first = await gopsy(['explain', ids.first, '--storage', storage]);
    expect(first.code).toBe(1);
    expect(first.err).toMatch(/^gopsy explain: There is no earlier run of this project/);
    const notRun = await gopsy(['explain', temp, '--storage', storage]);
    expect(notRun.code).toBe(1);
    expect(notRun.err).toBe(`gopsy explain: ${temp} is not a run directory (it has no manifest.json).\n`);
  });
});
