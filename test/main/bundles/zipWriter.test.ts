// The bundle's own zip writer (blocks deflated in parallel, concatenated into one deflate stream) read
// back by independent readers: Info-ZIP's `unzip -t` (CRC of every entry) and Python's zipfile, plus
// yauzl through gopsy's reader. Entries of many blocks, one byte, nothing, and a redacted text.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBundle, type PlannedEntry } from '../../../src/main/services/bundles/bundleWriter';
import { BundleReader } from '../../../src/main/services/bundles/bundleReader';
import { BLOCK, ZipWriter } from '../../../src/main/services/bundles/zipWriter';
import { makeTemp, removeTemp } from '../../support/backend';

const run = promisify(execFile);
let temp: string;
let out: string;
const text = Array.from({ length: 200_000 }, (_, i) => `line ${i}: v${(i * 7919) % 1000} GITHUB_TOKEN=ghp_${i % 3 === 0 ? 'abc' : 'def'}\n`).join('');
const noise = randomBytes(BLOCK * 3 + 12345);
const entries: PlannedEntry[] = [];

beforeAll(async () => {
  temp = await makeTemp('zipwriter');
  await writeFile(path.join(temp, 'noise.bin'), noise);
  await writeFile(path.join(temp, 'log.txt'), text);
  await writeFile(path.join(temp, 'empty'), '');
  entries.push(
    { path: 'runs/r1/noise.bin', kind: 'run-artefact', from: { file: path.join(temp, 'noise.bin') }, redact: false },
    { path: 'runs/r1/log.txt', kind: 'run-artefact', from: { file: path.join(temp, 'log.txt') }, redact: true },
    { path: 'runs/r1/empty', kind: 'run-artefact', from: { file: path.join(temp, 'empty') }, redact: false },
    { path: 'sources/ünïcode/one.go', kind: 'source', from: { bytes: Buffer.from('x') }, redact: false },
  );
  out = path.join(temp, 'w.gopsy');
  await writeBundle(out, entries, { project: { name: 'w' }, toolchain: null, redactions: [] });
});
afterAll(() => removeTemp(temp));

describe('the bundle zip writer', () => {
  it('passes Info-ZIP unzip -t (every CRC)', async () => {
    const r = await run('unzip', ['-t', out]);
    expect(r.stdout).toMatch(/No errors detected in compressed data/);
    for (const e of entries) expect(r.stdout).toContain(`testing: ${e.path}`);
  });

  it('reads back byte for byte in Python zipfile and through gopsy\'s reader', async () => {
    const py = await run('python3', [
      '-c',
      'import sys, zipfile, hashlib, json\nz = zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({i.filename: [i.file_size, hashlib.sha256(z.read(i)).hexdigest(), i.compress_type] for i in z.infolist()}))',
      out,
    ]);
    const seen = JSON.parse(py.stdout) as Record<string, [number, string, number]>;
    const reader = await BundleReader.open(out);
    try {
      expect(await reader.verifyAll()).toEqual([]);
      for (const m of reader.entries) expect(seen[m.path]).toEqual([m.size, m.sha256, 8]);
      expect((await reader.readEntry('runs/r1/noise.bin', 1 << 30)).equals(noise)).toBe(true);
      expect((await reader.readEntry('runs/r1/empty', 10)).length).toBe(0);
      const log = (await reader.readEntry('runs/r1/log.txt', 1 << 30)).toString('utf8');
      expect(log).not.toContain('ghp_');
      expect(log.split('\n')[1]).toBe('line 1: v919 GITHUB_TOKEN=[redacted]');
      expect(reader.manifest.redactions).toEqual([{ where: 'runs/r1/log.txt', name: 'GITHUB_TOKEN', count: 200_000 }]);
    } finally {
      reader.close();
    }
  });

  it('compresses a large text as well as one deflate pass does', async () => {
    const zipinfo = await run('zipinfo', ['-l', out]);
    const line = zipinfo.stdout.split('\n').find((l) => l.endsWith('runs/r1/log.txt'))!;
    const [, size, , csize] = line.trim().split(/\s+/).slice(2, 6);
    const zlib = await import('node:zlib');
    const single = zlib.deflateRawSync(Buffer.from(text.replace(/ghp_\w+/g, '[redacted]')), { level: 6 }).length;
    expect(Number(size)).toBeGreaterThan(BLOCK * 3); // several blocks
    // Each block primed with the previous 32 KiB: within 1% of a single pass.
    expect(Number(csize) / single).toBeLessThan(1.01);
  });

  it('reports a failed write (here: a read-only descriptor) as a write failure, not as a bad entry', async () => {
    const fh = await open(path.join(temp, 'noise.bin'), 'r');
    try {
      const zip = new ZipWriter(fh);
      await expect(zip.add('big.bin', [noise], { mtime: new Date(), mode: 0o100644 })).rejects.toMatchObject({ code: 'EBADF' });
      expect(zip.writeFailed).toBe(true);
    } finally {
      await fh.close();
    }
  });
});

describe('what gopsy writes, gopsy opens', () => {
  it('an entry that deflates beyond the reader\'s ratio cap is stored instead, and the bundle opens', async () => {
    // A console of one line repeated deflates about 1000:1; the reader refuses more than 400:1.
    const repeated = 'API_KEY=s3cret\n' + 'ok\n'.repeat(4_000_000);
    const file = path.join(temp, 'repeated.gopsy');
    const list: PlannedEntry[] = [
      { path: 'runs/r1/before.txt', kind: 'run-artefact', from: { bytes: Buffer.from(text) }, redact: false },
      { path: 'runs/r1/console.txt', kind: 'console', from: { bytes: Buffer.from(repeated) }, redact: true },
      { path: 'runs/r1/after.bin', kind: 'run-artefact', from: { bytes: noise }, redact: false },
    ];
    await writeBundle(file, list, { project: { name: 'w' }, toolchain: null, redactions: [] });
    expect((await run('unzip', ['-t', file])).stdout).toMatch(/No errors detected in compressed data/);
    const py = await run('python3', ['-c', 'import sys, zipfile, json\nprint(json.dumps({i.filename: i.compress_type for i in zipfile.ZipFile(sys.argv[1]).infolist()}))', file]);
    expect(JSON.parse(py.stdout)).toEqual({ 'runs/r1/before.txt': 8, 'runs/r1/console.txt': 0, 'runs/r1/after.bin': 8, 'manifest.json': 8 });
    const reader = await BundleReader.open(file);
    try {
      expect(await reader.verifyAll()).toEqual([]);
      const console = (await reader.readEntry('runs/r1/console.txt', 1 << 30)).toString('utf8');
      expect(console).toBe(repeated.replace('s3cret', '[redacted]'));
      expect((await reader.readEntry('runs/r1/after.bin', 1 << 30)).equals(noise)).toBe(true);
      // Written twice, redacted and counted once.
      expect(reader.manifest.redactions).toEqual([{ where: 'runs/r1/console.txt', name: 'API_KEY', count: 1 }]);
    } finally {
      reader.close();
    }
  });

  it('an entry larger than the cap it was given is refused with its name and the cap', async () => {
    const fh = await open(path.join(temp, 'capped.zip'), 'w');
    try {
      const zip = new ZipWriter(fh);
      await expect(zip.add('big.bin', [noise], { mtime: new Date(), mode: 0o100644, maxSize: BLOCK })).rejects.toThrow(`big.bin is larger than the ${BLOCK} bytes a bundle entry may hold.`);
    } finally {
      await fh.close();
    }
  });
});

describe('stopping and not replacing', () => {
  const header = { project: { name: 'w' }, toolchain: null, redactions: [] };

  it('a save stopped by its signal leaves nothing, not even a partial file', async () => {
    const dir = await makeTemp('zipwriter-abort');
    try {
      const file = path.join(dir, 'stopped.gopsy');
      await expect(writeBundle(file, entries, header, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'cancelled' });
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await removeTemp(dir);
    }
  });

  it('noReplace keeps a file that is already there, and leaves no partial file', async () => {
    const dir = await makeTemp('zipwriter-noreplace');
    try {
      const file = path.join(dir, 'there.gopsy');
      await writeFile(file, 'mine');
      await expect(writeBundle(file, entries, header, { noReplace: true })).rejects.toMatchObject({ code: 'exists' });
      expect(await readdir(dir)).toEqual(['there.gopsy']);
      expect(await readFile(file, 'utf8')).toBe('mine');
      const fresh = path.join(dir, 'fresh.gopsy');
      await writeBundle(fresh, entries, header, { noReplace: true });
      expect((await readdir(dir)).sort()).toEqual(['fresh.gopsy', 'there.gopsy']);
    } finally {
      await removeTemp(dir);
    }
  });
});
