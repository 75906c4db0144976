// An SSA capture made in the SSA view travels with Save Session: a real capture of (*Store).Value through
// the SSA service, saved to a bundle (an item of the save, redacted like a run, possible to leave out),
// then opened with the project deleted in a backend with no project, its phases read from the bundle alone.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/services/backend';
import type { RpcClient } from '../../../src/shared/rpc';
import type { SsaSummary } from '../../../src/shared/contract/ssa';
import { BundleReader } from '../../../src/main/services/bundles/bundleReader';
import { walk } from '../../../src/main/services/ssa/capture';
import { copySample, makeTemp, removeTemp, waitUntil, connectedBackend } from '../../support/backend';

let temp: string;
let project: string;
let storage: string;
let backend: Backend;
let api: RpcClient;
let captureId: string;
let live: SsaSummary;

const done = (client: RpcClient, id: string, what: string) =>
  waitUntil(async () => {
    const s = await client.call('ssa.summary', { id });
    return s.done ? s : null;
  }, what);
/** What a reader of the SSA sees of each phase: its name and its block and value counts. */
const shape = (s: SsaSummary) => s.phases.map((p) => ({ name: p.name, blocks: p.blocks, values: p.values }));

beforeAll(async () => {
  ({ temp, project } = await copySample('ssa-save'));
  storage = path.join(temp, 'storage');
  ({ backend, api } = await connectedBackend(storage, project));
  const res = await api.call('ssa.capture', { pkg: './store', func: '(*Store).Value' });
  if (!res.ok) throw new Error(res.message);
  captureId = res.id;
  live = await done(api, res.id, 'the live capture');
}, 240_000);
afterAll(async () => {
  await backend?.shutdown();
  await removeTemp(temp);
});

it('lists the capture as an item of the save, included by default', async () => {
  const p = await api.call('session.preview', { includeSources: true, excludeSources: [] });
  const item = p.items.find((i) => i.key === `ssa/${captureId}`);
  expect(item).toMatchObject({ kind: 'ssa-capture', included: true, label: 'SSA capture: (*Store).Value in example.com/inventory/store' });
  expect(item!.files).toBeGreaterThan(1);
  expect(item!.bytes).toBeGreaterThan(0);
  expect(p.kinds.map((k) => k.kind)).toContain('ssa-capture');
});

it('leaves the capture out when the user unticks it', async () => {
  const out = path.join(temp, 'without.gopsy');
  await api.call('session.save', { includeSources: false, excludeSources: [], excludeItems: [`ssa/${captureId}`], path: out });
  const r = await BundleReader.open(out);
  try {
    expect(r.entries.filter((e) => e.path.startsWith('ssa/'))).toEqual([]);
  } finally {
    r.close();
  }
});

it('saves it under ssa/<capture>/, opens it with the project gone, and shows the same phases', async () => {
  const out = path.join(temp, 'with.gopsy');
  await api.call('session.save', { includeSources: true, excludeSources: [], path: out });
  const r = await BundleReader.open(out);
  let htmlEntry: string;
  try {
    const mine = r.manifest.entries.filter((e) => e.path.startsWith(`ssa/${captureId}/`));
    expect(mine.every((e) => e.kind === 'ssa-capture' && /^[0-9a-f]{64}$/.test(e.sha256))).toBe(true);
    const names = mine.map((e) => e.path);
    expect(names).toContain(`ssa/${captureId}/gopsy-capture.json`);
    htmlEntry = names.find((n) => n.endsWith('.html'))!;
    expect(htmlEntry).toBeDefined();
    expect(names.some((n) => n.endsWith('.dump'))).toBe(true);
    const marker = JSON.parse((await r.readEntry(`ssa/${captureId}/gopsy-capture.json`, 1 << 20)).toString('utf8')) as { func: string; pkg: string };
    expect(marker).toMatchObject({ func: '(*Store).Value', pkg: 'example.com/inventory/store' });
    // The bundled ssa.html is the kept one, byte for byte (nothing in it looked secret).
    const file = (await walk(path.join(storage, 'ssa'))).find((f) => f.includes(captureId) && f.endsWith(path.basename(htmlEntry)))!;
    expect((await r.readEntry(htmlEntry, 512 << 20)).equals(await readFile(file))).toBe(true);
    expect(await r.verifyAll()).toEqual([]);
  } finally {
    r.close();
  }
  await backend.shutdown();
  await rm(project, { recursive: true, force: true });

  // Another machine: no project, a fresh storage; nothing is compiled.
  const other = await makeTemp('ssa-save-other');
  const opened = await connectedBackend(other);
  try {
    const b = (await opened.api.call('bundle.open', { path: out }))!;
    const cap = await opened.api.call('ssa.openBundleCapture', { bundle: b.id, capture: captureId, file: path.basename(htmlEntry) });
    expect(cap.formats).toEqual(live.formats);
    const replayed = await done(opened.api, cap.id, 'the bundled capture');
    expect(replayed.name).toBe(live.name);
    expect(shape(replayed)).toEqual(shape(live));
    expect(shape(replayed).length).toBeGreaterThan(15);
    const first = await opened.api.call('ssa.phase', { id: cap.id, index: 0 });
    expect(first.blocks.length).toBeGreaterThan(0);
    // A name that leaves ssa/ or that the bundle lacks is refused before anything is read.
    await expect(opened.api.call('ssa.openBundleCapture', { bundle: b.id, capture: '..' })).rejects.toThrow();
    await expect(opened.api.call('ssa.openBundleCapture', { bundle: b.id, capture: 'cap-nope' })).rejects.toThrow(/has no SSA capture cap-nope/);
  } finally {
    await opened.backend.shutdown();
    await removeTemp(other);
  }
}, 120_000);
