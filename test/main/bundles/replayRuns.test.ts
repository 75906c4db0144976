// Replay of a bundle's build runs with no project open: a bundle written by `gopsy capture` with the
// real toolchain ("Optimisation details": timeline, phases, -x log, remarks) opens in another backend;
// its run is listed and opened through bundle.runs / bundle.run from entries extracted (each checked
// against its sha256) into the backend's storage, and its remarks load through remarks.* with
// `bundle`, attributed to functions from the bundle's own sources (the project it was recorded on is
// gone). A damaged entry gives a clear error and leaves nothing; closing the bundle removes its files.
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Backend } from '../../../src/main/services/backend';
import { RpcClient } from '../../../src/shared/rpc';
import { captureCommand } from '../../../src/cli/capture';
import { BundleReader } from '../../../src/main/services/bundles/bundleReader';
import { contentKey } from '../../../src/main/services/bundles/runCache';
import { isInside } from '../../../src/main/services/paths';
import { transportPair as memoryPair } from '../../support/memoryTransport';
import { copySample, removeTemp, connectedBackend } from '../../support/backend';
import { craftZip, sha256 } from '../../support/zipCraft';

let temp: string;
let storage: string;
let file: string;
let damaged: string;
let backend: Backend;
let api: RpcClient;
let bundleId: string;
let run: string;
let key: string;
let runEntries: Array<{ path: string; sha256: string }>;

async function walk(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true }).catch(() => [] as string[])).map(String);
}

beforeAll(async () => {
  let project: string;
  ({ temp, project } = await copySample('replay-runs'));
  file = path.join(temp, 'recorded.gopsy');
  const o = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(await captureCommand.run([project, '--out', file, '--profile', 'Optimisation details'])).toBe(0);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  // The project it was recorded on is gone: the replay must live on the bundle alone.
  await rm(project, { recursive: true, force: true });

  const reader = await BundleReader.open(file);
  key = contentKey(reader);
  const manifestEntry = reader.entries.find((x) => /^runs\/[^/]+\/manifest\.json$/.test(x.path))!;
  run = manifestEntry.path.split('/')[1]!;
  runEntries = reader.entries.filter((x) => x.path.startsWith(`runs/${run}/`));
  // The same bundle with one byte of the run's trace changed (same size, so only the sha256 tells).
  const files: Array<{ name: string; data: Buffer }> = [];
  for (const x of reader.entries) {
    const data = Buffer.from(await reader.readEntry(x.path, 64 << 20));
    if (x.path === `runs/${run}/trace.json`) data[data.length >> 1] = data[data.length >> 1]! ^ 0x20;
    files.push({ name: x.path, data });
  }
  // Another save (another time) of the same run: another content key, so it has its own folder.
  files.push({ name: 'manifest.json', data: Buffer.from(JSON.stringify({ ...reader.manifest, createdAt: new Date(0).toISOString() })) });
  reader.close();
  damaged = path.join(temp, 'damaged.gopsy');
  await writeFile(damaged, craftZip(files));

  storage = path.join(temp, 'storage');
  ({ backend, api } = await connectedBackend(storage));
  bundleId = (await api.call('bundle.open', { path: file }))!.id;
}, 300_000);

afterAll(async () => {
  await backend?.shutdown();
  await removeTemp(temp);
});

describe('a bundle run in the Build view', () => {
  it('is listed with what the recorded run says', async () => {
    const runs = await api.call('bundle.runs', { id: bundleId });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ run, id: run, profileName: 'Optimisation details', status: 'succeeded', exitCode: 0 });
    expect(runs[0]!.commandLine).toMatch(/&& (GOCACHE=\S+ )?go build /);
  });

  it('opens from verified entries extracted into storage: timeline, phases, commands, remarks, console', async () => {
    const { detail, console, consoleTruncated } = await api.call('bundle.run', { id: bundleId, run });
    expect(detail.problems).toEqual([]);
    expect(detail.manifest.id).toBe(run);
    expect(detail.timeline!.bars.length).toBeGreaterThan(10);
    expect(detail.timeline!.bars.map((b) => b.package)).toEqual(expect.arrayContaining(['example.com/inventory/store', 'fmt']));
    expect(detail.phases.map((p) => p.package)).toEqual(expect.arrayContaining(['example.com/inventory/store']));
    expect(detail.commands.some((c) => c.tool === 'compile' && c.package === 'example.com/inventory/store')).toBe(true);
    expect(detail.remarksCount).toBeGreaterThan(100);
    expect(detail.errors).toEqual([]);
    expect(console).toContain('compile');
    expect(consoleTruncated).toBe(false);

    // Every run entry (but the kept binaries and cache, which the views never read) is on disk, byte for byte.
    const dir = path.join(storage, 'bundle-runs', key, run);
    const onDisk = new Set((await walk(dir)).filter((n) => n.endsWith('.json') || n.endsWith('.txt') || n.endsWith('.jsonl')));
    const expected = runEntries.filter((x) => !/^runs\/[^/]+\/(out|cache)\//.test(x.path));
    expect(expected.length).toBeGreaterThan(20);
    for (const x of expected) {
      const rel = x.path.slice(`runs/${run}/`.length);
      expect(onDisk.has(rel.split('/').join(path.sep)), rel).toBe(true);
      expect(sha256(await readFile(path.join(dir, rel))), rel).toBe(x.sha256);
    }
    // Nothing outside storage: every extracted file lies under <storage>/bundle-runs.
    for (const n of await walk(path.join(storage, 'bundle-runs'))) expect(isInside(storage, path.resolve(storage, 'bundle-runs', n))).toBe(true);
  });

  it('extracts a run once and reuses it', async () => {
    const trace = path.join(storage, 'bundle-runs', key, run, 'trace.json');
    const before = await stat(trace);
    const again = await api.call('bundle.run', { id: bundleId, run });
    expect(again.detail.timeline!.bars.length).toBeGreaterThan(10);
    const after = await stat(trace);
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });

  it('refuses run names that are not a run of the bundle', async () => {
    await expect(api.call('bundle.run', { id: bundleId, run: '..' })).rejects.toThrow(/not a run id/);
    await expect(api.call('bundle.run', { id: bundleId, run: '../../etc' })).rejects.toThrow(/not a run id/);
    await expect(api.call('bundle.run', { id: bundleId, run: '20990101-000000-abcdef' })).rejects.toThrow(/has no build run 20990101-000000-abcdef/);
  });
});

describe('a bundle run in the Remarks view', () => {
  it('loads the remarks with paths relative to the recorded project and functions from the bundle sources', async () => {
    const summary = (await api.call('remarks.load', { bundle: bundleId }))!;
    expect(summary.runId).toBe(run);
    expect(summary.total).toBeGreaterThan(100);
    const files = summary.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['main.go', 'store/store.go']));
    expect(summary.files.every((f) => !f.stale)).toBe(true);

    const page = await api.call('remarks.query', { runId: run, bundle: bundleId, path: 'store/store.go', limit: 5000 });
    expect(page.total).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.path === 'store/store.go')).toBe(true);
    // Attributed from sources/store/store.go in the bundle (the recorded project no longer exists).
    const store = await api.call('bundle.readEntry', { id: bundleId, path: 'sources/store/store.go' });
    const funcs = [...store.text.matchAll(/^func (?:\([^)]*\) )?(\w+)/gm)].map((m) => m[1]!);
    const attributed = page.rows.filter((r) => r.function);
    expect(attributed.length).toBeGreaterThan(0);
    for (const r of attributed) expect(funcs.some((f) => r.function!.endsWith(f)), r.function).toBe(true);

    const forFile = await api.call('remarks.forFile', { runId: run, bundle: bundleId, path: 'store/store.go' });
    expect(forFile.stale).toBe(false);
    expect(forFile.remarks.length).toBe(page.total);
    const heap = await api.call('remarks.heap', { runId: run, bundle: bundleId });
    expect(heap.length).toBeGreaterThan(0);
    expect(heap.every((r) => r.kind === 'escape')).toBe(true);
    expect(Array.isArray(await api.call('remarks.almostInlined', { runId: run, bundle: bundleId }))).toBe(true);
  });
});

describe('a damaged bundle', () => {
  it('says which entry is damaged and keeps nothing of the run', async () => {
    const id = (await api.call('bundle.open', { path: damaged }))!.id;
    await expect(api.call('bundle.run', { id, run })).rejects.toThrow(
      new RegExp(`Cannot replay build run ${run} of damaged\\.gopsy: runs/${run}/trace\\.json is damaged: its sha256 does not match the manifest\\. Nothing of the run was kept\\.`),
    );
    // No run folder and no partial one.
    const reader = await BundleReader.open(damaged);
    const damagedKey = contentKey(reader);
    reader.close();
    expect(damagedKey).not.toBe(key);
    expect(await readdir(path.join(storage, 'bundle-runs', damagedKey))).toEqual([]);
    // A second try fails the same way: the failure is not remembered as a good folder.
    await expect(api.call('bundle.run', { id, run })).rejects.toThrow(/trace\.json is damaged/);
    await expect(api.call('remarks.load', { bundle: id })).rejects.toThrow(/trace\.json is damaged/);
    await api.call('bundle.close', { id });
  });
});

describe('closing', () => {
  it('removes a bundle run folder when the last open copy of that bundle closes', async () => {
    const keyDir = path.join(storage, 'bundle-runs', key);
    const second = (await api.call('bundle.open', { path: file }))!.id;
    await api.call('bundle.run', { id: second, run });
    await api.call('bundle.close', { id: bundleId });
    // Its remarks (loaded above) are not served any more either.
    await expect(api.call('remarks.query', { runId: run, bundle: bundleId })).rejects.toThrow(/not open any more/);
    // The other copy still replays from the same folder.
    expect((await stat(keyDir)).isDirectory()).toBe(true);
    expect((await api.call('bundle.run', { id: second, run })).detail.timeline!.bars.length).toBeGreaterThan(10);
    await api.call('bundle.close', { id: second });
    await expect(stat(keyDir)).rejects.toThrow(/ENOENT/);
    await expect(api.call('bundle.run', { id: second, run })).rejects.toThrow(/not open any more/);
  });

  it('extracts a run once for concurrent callers, and removes the replayed runs when gopsy quits', async () => {
    const other = new Backend({ host: 'browser', storageDir: path.join(temp, 'storage-quit') });
    const [client, server] = memoryPair();
    other.connect(server);
    const otherApi = new RpcClient(client);
    const id = (await otherApi.call('bundle.open', { path: file }))!.id;
    // Two windows opening the run at once share one extraction.
    const [a, b] = await Promise.all([otherApi.call('bundle.run', { id, run }), otherApi.call('bundle.run', { id, run })]);
    expect(a.detail.timeline!.bars.length).toBe(b.detail.timeline!.bars.length);
    const root = path.join(temp, 'storage-quit', 'bundle-runs');
    expect(await readdir(root)).toEqual([key]);
    expect(await readdir(path.join(root, key))).toEqual([run]);
    await other.shutdown();
    expect(await readdir(root)).toEqual([]);
  });
});
