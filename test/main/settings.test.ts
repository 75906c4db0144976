// SettingsStore on a real temp directory: recent folders, persistence, damaged files, atomic writes.
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../src/main/services/settings';
import { writeFileAtomic } from '../../src/main/services/atomicFile';

describe('SettingsStore', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'gopsy-settings-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const onDisk = async (file: string) =>
    JSON.parse(await readFile(file, 'utf8')) as { recentFolders: string[] };

  it('starts empty without a file', async () => {
    const s = new SettingsStore(path.join(dir, 'not-yet'));
    expect(await s.read()).toEqual({ recentFolders: [] });
  });

  it('keeps recent folders newest first, without duplicates, at most 10', async () => {
    const s = new SettingsStore(dir);
    expect(await s.addRecentFolder('/a')).toEqual(['/a']);
    expect(await s.addRecentFolder('/b')).toEqual(['/b', '/a']);
    expect(await s.addRecentFolder('/a')).toEqual(['/a', '/b']);
    for (let i = 0; i < 12; i++) await s.addRecentFolder(`/p${i}`);
    const recent = (await s.read()).recentFolders;
    expect(recent).toHaveLength(10);
    expect(recent).toEqual(['/p11', '/p10', '/p9', '/p8', '/p7', '/p6', '/p5', '/p4', '/p3', '/p2']);
    expect((await onDisk(s.file)).recentFolders).toEqual(recent);
  });

  it('persists across instances', async () => {
    const first = new SettingsStore(dir);
    await first.addRecentFolder('/one');
    await first.addRecentFolder('/two');
    const second = new SettingsStore(dir);
    expect((await second.read()).recentFolders).toEqual(['/two', '/one']);
    await second.addRecentFolder('/one');
    expect((await new SettingsStore(dir).read()).recentFolders).toEqual(['/one', '/two']);
  });

  it('tolerates a damaged file and replaces it on the next write', async () => {
    for (const damaged of [
      '{"recentFolders": ["/x", ',
      '{"recentFolders": "nope"}',
      'null',
      '',
      '\u0000\u0001',
    ]) {
      await writeFile(path.join(dir, 'settings.json'), damaged);
      const s = new SettingsStore(dir);
      expect(await s.read(), JSON.stringify(damaged)).toEqual({ recentFolders: [] });
      await s.addRecentFolder('/fresh');
      expect(await onDisk(s.file)).toEqual({ recentFolders: ['/fresh'] });
    }
  });

  it('writes atomically: no temp files are left behind', async () => {
    const s = new SettingsStore(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.addRecentFolder(`/f${i}`)));
    expect(await readdir(dir)).toEqual(['settings.json']);
    const saved = await onDisk(s.file); // whole JSON, never a torn write
    expect(saved.recentFolders).toHaveLength(10);
  });

  it('loses no folder when several are added at once', async () => {
    const s = new SettingsStore(dir);
    await Promise.all([s.addRecentFolder('/x'), s.addRecentFolder('/y'), s.addRecentFolder('/z')]);
    const recent = (await s.read()).recentFolders;
    expect([...recent].sort()).toEqual(['/x', '/y', '/z']);
    expect((await onDisk(s.file)).recentFolders).toEqual(recent);
    expect((await new SettingsStore(dir).read()).recentFolders).toEqual(recent);
  });

  it('keeps saving after a write failed once', async () => {
    // The storage folder cannot be created while a file sits where it should be.
    const storage = path.join(dir, 'storage');
    await writeFile(storage, 'in the way');
    const s = new SettingsStore(storage);
    await expect(s.addRecentFolder('/first')).rejects.toThrow();
    await rm(storage);
    await mkdir(storage);
    await s.addRecentFolder('/second');
    expect(await onDisk(s.file)).toEqual({ recentFolders: ['/second', '/first'] });
  });
});

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'gopsy-atomic-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('replaces the file whole, private to the user', async () => {
    const file = path.join(dir, 'deep', 'er', 'f.json');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    expect(await readFile(file, 'utf8')).toBe('two');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(path.dirname(file))).toEqual(['f.json']);
  });

  it('leaves no temp file when the rename fails', async () => {
    const target = path.join(dir, 'occupied');
    await mkdir(path.join(target, 'child'), { recursive: true }); // a non-empty folder cannot be renamed over
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['occupied']);
  });
});
