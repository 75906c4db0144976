// The befores kept in gopsy's storage: read back by a new store, bounded per project (files, bytes)
// and in projects, and a damaged or foreign file in the folder is skipped, never trusted.
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BEFORE_DIR, BeforeStore, MAX_BEFORE_BYTES, MAX_BEFORE_FILES, MAX_BEFORE_PROJECTS } from '../../../src/main/services/edits/beforeStore';
import { projectKey } from '../../../src/main/services/runs/runStore';
import { makeTemp, removeTemp } from '../../support/backend';

describe('BeforeStore', () => {
  let storage: string;
  beforeEach(async () => {
    storage = await makeTemp('before-store');
  });
  afterEach(() => removeTemp(storage));

  it('keeps befores across stores, removes and clears them', async () => {
    const kept = new Map<string, string>();
    const a = new BeforeStore(storage);
    for (const [p, t] of [['a.go', 'package a\n'], ['sub/b.go', 'package sub // ü\n']] as const) {
      kept.set(p, t);
      expect(await a.put('/p', p, t, kept)).toBe(true);
    }
    expect(await new BeforeStore(storage).load('/p')).toEqual(kept);
    expect(await new BeforeStore(storage).load('/other')).toEqual(new Map());
    await a.remove('/p', 'a.go');
    expect([...(await new BeforeStore(storage).load('/p')).keys()]).toEqual(['sub/b.go']);
    await a.clear('/p');
    expect(await new BeforeStore(storage).load('/p')).toEqual(new Map());
  });

  it('refuses a before over the per-project bound of files or bytes', async () => {
    const s = new BeforeStore(storage);
    const many = new Map(Array.from({ length: MAX_BEFORE_FILES }, (_, i) => [`f${i}.go`, 'x'] as [string, string]));
    expect(await s.put('/p', 'one-more.go', 'x', many)).toBe(false);
    expect(await s.put('/p', 'f0.go', 'y', many)).toBe(true); // replacing one of them stays within
    const big = 'x'.repeat(MAX_BEFORE_BYTES / 2 + 1);
    expect(await s.put('/p', 'big.go', big, new Map([['other.go', big]]))).toBe(false);
  });

  it('keeps at most MAX_BEFORE_PROJECTS projects, dropping the least recently written', async () => {
    const s = new BeforeStore(storage);
    for (let i = 0; i < MAX_BEFORE_PROJECTS + 3; i++) await s.put(`/p${i}`, 'a.go', `${i}`, new Map());
    const left = await readdir(path.join(storage, BEFORE_DIR));
    expect(left).toHaveLength(MAX_BEFORE_PROJECTS);
    expect(left).toContain(projectKey(`/p${MAX_BEFORE_PROJECTS + 2}`));
  });

  it('skips damaged and foreign files', async () => {
    const s = new BeforeStore(storage);
    await s.put('/p', 'a.go', 'package a\n', new Map());
    const dir = path.join(storage, BEFORE_DIR, projectKey('/p'));
    await writeFile(path.join(dir, `${'0'.repeat(24)}.json`), JSON.stringify({ path: 'b.go', text: 'claims another name' }));
    await writeFile(path.join(dir, `${'1'.repeat(24)}.json`), '{"path": "c.go", "te');
    expect(await s.load('/p')).toEqual(new Map([['a.go', 'package a\n']]));
  });
});
