// gopsy inspect and gopsy diff on real bundles written by the real writer, and on damaged ones.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inspectCommand, diffCommand } from '../../src/cli/bundle';
import { writeBundle, type PlannedEntry } from '../../src/main/services/bundles/bundleWriter';
import { craftZip, manifestFor } from '../support/zipCraft';
import { SAMPLE_DIR, makeTemp, removeTemp } from '../support/backend';

let temp: string;
const header = { project: { name: 'inventory' }, toolchain: { goVersion: 'go1.26.0', env: { GOFLAGS: '' } }, redactions: [] };
const src = (rel: string): PlannedEntry => ({ path: `sources/${rel}`, kind: 'source', from: { file: path.join(SAMPLE_DIR, rel) }, redact: false });

async function capture(run: () => Promise<number | undefined>): Promise<{ code: number | undefined; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await run(), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

beforeAll(async () => {
  temp = await makeTemp('cli');
  await writeBundle(path.join(temp, 'a.gopsy'), [src('main.go'), src('go.mod'), src('store/store.go')], header);
  await writeBundle(
    path.join(temp, 'b.gopsy'),
    [src('main.go'), src('go.mod'), { ...src('store/store_test.go'), path: 'sources/store/store.go' }, { path: 'runs/r1/x.log', kind: 'run-artefact', from: { bytes: Buffer.from('WORK=/tmp/x\n') }, redact: true }],
    { ...header, toolchain: { goVersion: 'go1.25.0', env: { GOFLAGS: '' } } },
  );
  const data = Buffer.from('package main\n');
  await writeFile(path.join(temp, 'damaged.gopsy'), craftZip([{ name: 'sources/main.go', data: Buffer.from('package evil\n') }, { name: 'manifest.json', data: manifestFor([{ name: 'sources/main.go', data }]) }]));
  await writeFile(path.join(temp, 'future.gopsy'), craftZip([{ name: 'manifest.json', data: manifestFor([], { formatVersion: 7 }) }]));
});
afterAll(() => removeTemp(temp));

describe('gopsy inspect', () => {
  it('summarises an intact bundle and exits 0', async () => {
    const r = await capture(() => inspectCommand.run([path.join(temp, 'a.gopsy')]));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/gopsy bundle, format version 1, written by gopsy /);
    expect(r.out).toMatch(/project {5}inventory/);
    expect(r.out).toMatch(/toolchain {3}go1\.26\.0/);
    expect(r.out).toMatch(/source +3 files/);
    expect(r.out).toMatch(/integrity {3}all 3 entries match their sha256/);
  });

  it('reports damaged entries with --json and exits 1', async () => {
    const r = await capture(() => inspectCommand.run([path.join(temp, 'damaged.gopsy'), '--json']));
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { ok: boolean; problems: string[] };
    expect(j.ok).toBe(false);
    expect(j.problems).toEqual(['sources/main.go is damaged: its sha256 does not match the manifest.']);
  });

  it('exits 2 with the reason when the file is not a bundle it can read', async () => {
    const r = await capture(() => inspectCommand.run([path.join(temp, 'future.gopsy')]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/format version 7; this gopsy reads versions up to 1\. Update gopsy/);
  });
});

describe('gopsy diff', () => {
  it('lists what changed per kind and in the toolchain, exit 1; identical bundles exit 0', async () => {
    const r = await capture(() => diffCommand.run([path.join(temp, 'a.gopsy'), path.join(temp, 'b.gopsy')]));
    expect(r.code).toBe(1);
    expect(r.out).toContain('toolchain go version: go1.26.0 → go1.25.0');
    expect(r.out).toMatch(/^run-artefact: 1 added, 0 removed, 0 changed, 0 unchanged/m);
    expect(r.out).toContain('  + runs/r1/x.log (12 B)');
    expect(r.out).toMatch(/^source: 0 added, 0 removed, 1 changed, 2 unchanged/m);
    expect(r.out).toMatch(/ {2}~ sources\/store\/store\.go/);

    const j = await capture(() => diffCommand.run([path.join(temp, 'a.gopsy'), path.join(temp, 'b.gopsy'), '--json']));
    expect(JSON.parse(j.out)).toMatchObject({ identical: false, toolchain: [{ name: 'go version', a: 'go1.26.0', b: 'go1.25.0' }] });

    const same = await capture(() => diffCommand.run([path.join(temp, 'a.gopsy'), path.join(temp, 'a.gopsy')]));
    expect(same).toMatchObject({ code: 0, out: 'The bundles hold the same entries and toolchain.\n' });
  });

  it('says why there is nothing to compare, as JSON with --json, exit 2', async () => {
    const args = [path.join(temp, 'a.gopsy'), temp];
    const text = await capture(() => diffCommand.run(args));
    expect(text).toMatchObject({ code: 2, out: '' });
    expect(text.err).toMatch(/a\.gopsy holds no build runs/);
    const j = await capture(() => diffCommand.run([...args, '--json']));
    expect(j).toMatchObject({ code: 2, err: '' });
    expect(JSON.parse(j.out)).toMatchObject({ ok: false, error: expect.stringMatching(/a\.gopsy holds no build runs/) });
  });
});
