// What gopsy keeps in storage, through the real backend on real runs of the sample: the listing against
// the files on disk (as `find` counts them), deleting the oldest but never what is in use (shown in a
// view, running), the limits after a run ends, the session still saving afterwards, and the built CLI
// honouring what a workbench process has in use.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/services/backend';
import type { RpcClient } from '../../../src/shared/rpc';
import type { RunSummary } from '../../../src/shared/api';
import type { DeleteOutcome, StorageReport } from '../../../src/shared/contract/storage';
import { BundleReader } from '../../../src/main/services/bundles/bundleReader';
import { projectKey } from '../../../src/main/services/runs/runStore';
import { connectedBackend, copySample, removeTemp, waitUntil } from '../../support/backend';

const REPO = path.resolve(__dirname, '../../..');

let temp: string;
let project: string;
let storage: string;
let backend: Backend;
let api: RpcClient;
const runs: RunSummary[] = [];
const deletedEvents: Array<{ reason: string; ids: string[]; why?: string }> = [];

/** Bytes and plain files under a folder as find(1) counts them: the toolchain-independent truth. */
function onDisk(dir: string): { bytes: number; files: number } {
  const sizes = execFileSync('find', [dir, '-type', 'f', '-printf', '%s\\n'], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  return { bytes: sizes.reduce((a, b) => a + b, 0), files: sizes.length };
}

async function build(name = 'Diagnose failure'): Promise<RunSummary> {
  const profile = (await api.call('build.profiles', {})).find((p) => p.name === name)!;
  const started = await api.call('build.start', { profile });
  let done: RunSummary | null = null;
  const off = api.on('build.status', (s) => {
    if (s.id === started.id && s.status !== 'running') done = s;
  });
  try {
    return await waitUntil(() => done, `run ${started.id} to end`, 180_000);
  } finally {
    off();
  }
}

const runDir = (id: string) => path.join(storage, 'runs', projectKey(project), id);
const listedRuns = async () => (await api.call('build.runs', {})).map((r) => r.id);

beforeAll(async () => {
  ({ temp, project } = await copySample('storage'));
  storage = path.join(temp, 'storage');
  ({ backend, api } = await connectedBackend(storage, project));
  project = backend.current!.root;
  api.on('storage.deleted', (e) => deletedEvents.push({ reason: e.reason, ids: e.items.map((i) => i.id), ...(e.why ? { why: e.why } : {}) }));
  // Three real runs, oldest first (the second a different profile).
  runs.push(await build());
  runs.push(await build('Build the binary'));
  runs.push(await build());
}, 600_000);
afterAll(async () => {
  await backend?.shutdown();
  await removeTemp(temp);
});

describe('storage listing', () => {
  it('lists the open project first with each run as the files on disk say', async () => {
    const rep: StorageReport = await api.call('storage.report', {});
    expect(rep.current).toBe(projectKey(project));
    const p = rep.projects[0]!;
    expect(p.key).toBe(projectKey(project));
    expect(p.root).toBe(project);
    expect(p.name).toBe('inventory');
    // Newest first, exactly the runs the run store has.
    expect(p.runs.map((r) => r.id)).toEqual([...runs].reverse().map((r) => r.id));
    expect(readdirSync(path.join(storage, 'runs', p.key)).sort()).toEqual(runs.map((r) => r.id).sort());
    for (const item of p.runs) {
      const disk = onDisk(runDir(item.id));
      expect({ bytes: item.bytes, files: item.files }).toEqual(disk);
      expect(disk.files).toBeGreaterThan(3);
    }
    expect(p.runs.find((r) => r.id === runs[1]!.id)!.label).toBe('Build the binary, succeeded');
    expect(p.oldest).toBe(runs[0]!.startedAt);
    expect(p.newest).toBe(runs[2]!.startedAt);
    expect(p.bytes).toBe(p.runs.reduce((n, r) => n + r.bytes, 0));
    expect(rep.limits).toEqual({ keepRuns: 20, keepSsa: 50, maxBytes: 4 * 2 ** 30 });
    // Items and areas add up to every file in storage.
    expect(rep.totalBytes).toBe(onDisk(storage).bytes);
    expect(rep.areas.map((a) => a.name)).toContain('settings.json');
  });

  it('refuses an item id that names another folder', async () => {
    await expect(api.call('storage.delete', { items: [{ kind: 'run', id: '../../etc', project: projectKey(project) }] })).rejects.toThrow(/storage item id|not a/i);
    const res = await api.call('storage.delete', { items: [{ kind: 'run', id: '20990101-000000-abcdef', project: projectKey(project) }] });
    expect(res.deleted).toEqual([]);
    expect(res.kept[0]!.reason).toMatch(/not in storage/);
  });
});

describe('deleting', () => {
  it('prune keeps the newest N and never the run a view shows', async () => {
    // The Build view shows the oldest run.
    await api.call('storage.showing', { view: 'build', runs: [runs[0]!.id], ssa: [] });
    const before = onDisk(runDir(runs[1]!.id));
    const res: DeleteOutcome = await api.call('storage.prune', { keep: 1, kinds: ['run'] });
    expect(res.deleted.map((i) => i.id)).toEqual([runs[1]!.id]);
    expect(res.freedBytes).toBe(before.bytes);
    expect(res.kept).toEqual([{ ref: { kind: 'run', id: runs[0]!.id, project: projectKey(project) }, reason: 'in use: shown in the Build view' }]);
    expect(existsSync(runDir(runs[1]!.id))).toBe(false);
    expect(existsSync(runDir(runs[0]!.id))).toBe(true);
    // Nothing renamed aside is left behind.
    expect(readdirSync(path.dirname(runDir(runs[0]!.id))).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(await listedRuns()).toEqual([runs[2]!.id, runs[0]!.id]);
    await waitUntil(() => deletedEvents.some((e) => e.reason === 'user' && e.ids.includes(runs[1]!.id)), 'the storage.deleted event');
    // The shown run still opens.
    expect((await api.call('build.run', { id: runs[0]!.id })).manifest.id).toBe(runs[0]!.id);
  });

  it('once the view shows something else, the run can go', async () => {
    await api.call('storage.showing', { view: 'build', runs: [], ssa: [] });
    const res = await api.call('storage.delete', { items: [{ kind: 'run', id: runs[0]!.id, project: projectKey(project) }] });
    expect(res.deleted.map((i) => i.id)).toEqual([runs[0]!.id]);
    expect(await listedRuns()).toEqual([runs[2]!.id]);
  });

  it('never deletes a run that is running', async () => {
    const profile = (await api.call('build.profiles', {})).find((p) => p.name === 'Build timing')!; // a private cache: it takes a while
    const started = await api.call('build.start', { profile });
    const res = await api.call('storage.delete', { items: [{ kind: 'run', id: started.id, project: projectKey(project) }] });
    expect(res.deleted).toEqual([]);
    expect(res.kept[0]!.reason).toBe('in use: the build is running');
    await api.call('build.cancel', { id: started.id });
    await waitUntil(async () => (await api.call('build.runs', {})).find((r) => r.id === started.id)?.status === 'cancelled', 'the cancelled run');
    runs.push((await api.call('build.runs', {})).find((r) => r.id === started.id)!);
  });
});

describe('limits after a run', () => {
  it('are kept across a restart of the backend', async () => {
    await api.call('storage.setLimits', { keepRuns: 1, keepSsa: 50, maxBytes: 4 * 2 ** 30 });
    const again = await connectedBackend(storage);
    try {
      expect(await again.api.call('storage.limits', {})).toEqual({ keepRuns: 1, keepSsa: 50, maxBytes: 4 * 2 ** 30 });
    } finally {
      await again.backend.shutdown();
    }
  });

  it('delete the oldest when a run ends, keeping the one just ended and what a view shows', async () => {
    const shown = runs[2]!.id;
    await api.call('storage.showing', { view: 'remarks', runs: [shown], ssa: [] });
    const cancelled = runs[3]!.id; // the cancelled one: not shown, older than the next run
    const events = deletedEvents.length;
    const next = await build();
    const e = await waitUntil(() => deletedEvents.slice(events).find((x) => x.reason === 'limits'), 'the limits to apply');
    expect(e.ids).toEqual([cancelled]);
    expect(e.why).toMatch(/newest 1 runs/);
    expect(await listedRuns()).toEqual([next.id, shown]);
    await api.call('storage.showing', { view: 'remarks', runs: [], ssa: [] });
    runs.push(next);
  });
});

describe('the session after deleting', () => {
  it('still previews and saves, with only the runs that exist', async () => {
    const preview = await api.call('session.preview', { includeSources: true, excludeSources: [] });
    const keys = preview.items.filter((i) => i.kind === 'run').map((i) => i.key);
    expect(keys.sort()).toEqual((await listedRuns()).map((id) => `runs/${id}`).sort());
    const out = path.join(temp, 'after-prune.gopsy');
    const saved = await api.call('session.save', { includeSources: true, excludeSources: [], path: out });
    expect(saved?.entries).toBeGreaterThan(0);
    const r = await BundleReader.open(out);
    try {
      expect(await r.verifyAll()).toEqual([]);
      const bundled = new Set(r.entries.filter((x) => x.path.startsWith('runs/')).map((x) => x.path.split('/')[1]));
      expect([...bundled].sort()).toEqual((await listedRuns()).sort());
    } finally {
      r.close();
    }
  });
});

describe('SSA captures', () => {
  it('lists a capture with its files and keeps it while the SSA view shows it', async () => {
    const cap = await api.call('ssa.capture', { pkg: './store', func: '(*Store).Add' });
    if (!cap.ok) throw new Error(cap.message);
    const rep = await api.call('storage.report', {});
    const item = rep.projects[0]!.ssa.find((s) => s.id === cap.id)!;
    expect(item.label).toContain('Add');
    const dir = path.join(storage, 'ssa', item.project!, cap.id);
    expect({ bytes: item.bytes, files: item.files }).toEqual(onDisk(dir));
    // The SSA view's own GOCACHE is listed with its size, and kept while SSA builds may be running.
    const cache = rep.shared.find((i) => i.kind === 'ssa-cache')!;
    expect({ bytes: cache.bytes, files: cache.files }).toEqual(onDisk(path.join(storage, 'ssa', 'gocache')));
    expect(cache.inUse).toMatch(/started in the last 16 minutes/);
    expect(rep.areas.map((a) => a.name)).toContain('ssa/toolexec.sh');
    await api.call('storage.showing', { view: 'ssa', runs: [], ssa: [cap.id] });
    const kept = await api.call('storage.delete', { items: [{ kind: 'ssa', id: cap.id, project: item.project! }] });
    expect(kept.kept[0]!.reason).toBe('in use: shown in the SSA view');
    // Another window's process honours it too: the built CLI reads this process's ledger.
    const cli = await gopsyCli(['storage', 'prune', '--keep', '0', '--project', project, '--storage', storage, '--json']);
    expect(cli.code).toBe(0);
    const res = JSON.parse(cli.out) as DeleteOutcome;
    expect(res.kept.map((k) => k.ref.id).sort()).toEqual([cap.id].sort());
    expect(res.kept[0]!.reason).toMatch(/shown in the SSA view \(gopsy process \d+\)/);
    expect(existsSync(dir)).toBe(true);
    // The runs were not shown or running: the CLI deleted them.
    expect(res.deleted.map((i) => i.kind)).toEqual(expect.arrayContaining(['run']));
    expect(await listedRuns()).toEqual([]);
    await api.call('storage.showing', { view: 'ssa', runs: [], ssa: [] });
    const gone = await api.call('storage.delete', { items: [{ kind: 'ssa', id: cap.id, project: item.project! }] });
    expect(gone.deleted.map((i) => i.id)).toEqual([cap.id]);
    expect(existsSync(dir)).toBe(false);
  });

  it('the CLI lists storage as JSON and as text, and says what a bad id is', async () => {
    const run = await build();
    const json = await gopsyCli(['storage', '--storage', storage, '--json']);
    expect(json.code).toBe(0);
    const rep = JSON.parse(json.out) as StorageReport;
    const listed = rep.projects.find((p) => p.root === project)!;
    expect(listed.runs.map((r) => r.id)).toEqual([run.id]);
    expect({ bytes: listed.runs[0]!.bytes, files: listed.runs[0]!.files }).toEqual(onDisk(runDir(run.id)));
    const text = await gopsyCli(['storage', '--storage', storage, '--project', project]);
    expect(text.out).toMatch(/^inventory \(.*\): /m);
    expect(text.out).toContain(`run:${run.id}`);
    const bad = await gopsyCli(['storage', 'delete', 'run:20990101-000000-abcdef', '--storage', storage]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/not in gopsy's storage/);
    expect(bad.err).not.toMatch(/\n\s+at /); // no stack trace for a user error
  });
});

function gopsyCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  if (!existsSync(path.join(REPO, 'out/main/cli.js'))) throw new Error('run npm run build first (these tests run the built CLI)');
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO, 'bin/gopsy.js'), ...args], { timeout: 120_000 }, (error, out, err) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, out, err });
    });
  });
}
