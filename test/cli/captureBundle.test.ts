// `gopsy capture --out FILE.gopsy` on a temp copy of the sample with the real toolchain: the bundle is
// checked with the code `gopsy inspect` runs (every entry against its sha256), opens as a read-only
// replay, carries the run and the module's sources, and has secrets redacted by default.
import { readFileSync, writeFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import type { RunManifest } from '../../src/shared/api';
import { captureCommand } from '../../src/cli/capture';
import { inspectCommand } from '../../src/cli/bundle';
import { BundleReader } from '../../src/main/services/bundles/bundleReader';
import { BundleService } from '../../src/main/services/bundles/bundleService';
import { copySample, removeTemp } from '../support/backend';

let temp: string;
let project: string;

beforeAll(async () => {
  ({ temp, project } = await copySample('capture-bundle'));
});
afterAll(() => removeTemp(temp));

async function quiet<T>(run: () => Promise<T>): Promise<{ value: T; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => (err.push(String(c)), true));
  try {
    return { value: await run(), out: out.join(''), err: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

test('a passing capture writes a bundle that inspects intact and opens as a replay', async () => {
  const out = path.join(temp, 'pass.gopsy');
  // A credential in the environment: go env records it, the bundle must not.
  vi.stubEnv('GOPROXY', 'https://alice:s3cr3t-token@proxy.example.com');
  let r;
  try {
    r = await quiet(() => captureCommand.run([project, '--out', out, '--profile', 'Diagnose failure']));
  } finally {
    vi.unstubAllEnvs();
  }
  expect(r.value).toBe(0);
  expect(r.err).toMatch(new RegExp(`bundle written to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ entries`));
  // Atomic: only the bundle is left beside it (no temp file, no capture storage).
  expect((await readdir(temp)).filter((n) => n.startsWith('.'))).toEqual([]);

  const inspected = await quiet(() => inspectCommand.run([out, '--json']));
  expect(inspected.value).toBe(0);
  const j = JSON.parse(inspected.out) as { ok: boolean; problems: string[]; entries: Array<{ path: string; kind: string }>; manifest: { redactions: Array<{ where: string; name: string }>; project: { modulePath?: string } } };
  expect(j.ok).toBe(true);
  expect(j.problems).toEqual([]);
  const paths = j.entries.map((e) => e.path);
  expect(paths).toEqual(expect.arrayContaining(['session.json', 'sources/go.mod', 'sources/main.go', 'sources/store/store.go']));
  const runManifest = paths.find((p) => /^runs\/[^/]+\/manifest\.json$/.test(p));
  expect(runManifest).toBeDefined();
  const runId = runManifest!.split('/')[1]!;
  expect(paths).toEqual(expect.arrayContaining([`runs/${runId}/console.txt`, `runs/${runId}/build.jsonl`, `runs/${runId}/go-env.json`]));
  expect(j.manifest.project.modulePath).toBe('example.com/inventory');
  expect(j.manifest.redactions.some((x) => x.where === `runs/${runId}/go-env.json`)).toBe(true);

  const reader = await BundleReader.open(out);
  try {
    expect(await reader.verifyAll()).toEqual([]);
    const env = (await reader.readEntry(`runs/${runId}/go-env.json`, 1 << 20)).toString('utf8');
    expect(env).not.toContain('s3cr3t-token');
    expect(env).toContain('https://[redacted]@proxy.example.com');
    const m = JSON.parse((await reader.readEntry(runManifest!, 1 << 20)).toString('utf8')) as RunManifest;
    expect(m).toMatchObject({ status: 'succeeded', exitCode: 0 });
  } finally {
    reader.close();
  }

  const replay = new BundleService();
  try {
    const summary = await replay.openFile(out);
    expect(summary.project.name).toBe('inventory');
    expect(summary.kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['run-artefact', 'run-manifest', 'session', 'source']));
    const text = await replay.readText(summary.id, 'sources/main.go');
    expect(text.text).toMatch(/^package main/m);
    expect(replay.store(summary.id).readOnly).toBe(true);
  } finally {
    replay.closeAll();
  }
});

test('a failing capture still writes its bundle and exits with the build\'s code', async () => {
  const out = path.join(temp, 'broken.gopsy');
  const r = await quiet(() => captureCommand.run([project, '--out', out, '--profile', 'Diagnose failure', '--tags', 'gopsy_broken']));
  expect(r.value).toBe(1);
  expect(r.out).toContain('broken/typeerror.go:11:9');
  const reader = await BundleReader.open(out);
  try {
    const mPath = reader.entries.find((e) => e.kind === 'run-manifest')!.path;
    expect(JSON.parse((await reader.readEntry(mPath, 1 << 20)).toString('utf8'))).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(await reader.verifyAll()).toEqual([]);
  } finally {
    reader.close();
  }
});

test('an existing bundle or a missing folder is refused before anything runs', async () => {
  await expect(quiet(() => captureCommand.run([project, '--out', path.join(temp, 'pass.gopsy')]))).rejects.toThrow(/already exists/);
  await expect(quiet(() => captureCommand.run([project, '--out', path.join(temp, 'no', 'such', 'x.gopsy')]))).rejects.toThrow(/does not exist/);
  expect((await stat(path.join(temp, 'no')).catch(() => null))).toBeNull();
});

test('a bundle name that something else takes while the build runs is not replaced', async () => {
  const out = path.join(temp, 'taken.gopsy');
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  // When the build starts (gopsy prints its command line), another program writes the same name.
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => {
    if (err.push(String(c)) === 1) writeFileSync(out, 'not gopsy\'s');
    return true;
  });
  let code;
  try {
    code = await captureCommand.run([project, '--out', out, '--profile', 'Diagnose failure']);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  expect(code).toBe(2);
  expect(err.join('')).toContain(`${out} exists (it appeared while the bundle was written); nothing was replaced.`);
  expect(readFileSync(out, 'utf8')).toBe('not gopsy\'s');
  expect((await readdir(temp)).filter((n) => n.startsWith('.'))).toEqual([]);
});
