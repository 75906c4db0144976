// The Build view's profile form: round trip of every built-in profile, one clear message per bad field,
// and the per-project profile store (save, replace, delete; built-in names reserved).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { BUILT_IN_PROFILES, ProfileStore } from '../../../src/main/services/runs/profiles';
import { draftOf, profileOf } from '../../../src/renderer/src/panels/build/profileDraft';

const diagnose = BUILT_IN_PROFILES.find((p) => p.name === 'Diagnose failure')!;

describe('profile drafts', () => {
  test('every built-in profile survives the form unchanged (apart from its built-in mark)', () => {
    for (const p of BUILT_IN_PROFILES) {
      const { builtIn: _b, description: _d, ...own } = p;
      const { description: _d2, ...back } = profileOf(draftOf(p)).profile!;
      expect(back).toEqual(own);
    }
  });

  test('a run-tests profile keeps its test flags; a flag go test does not cache or know is named', () => {
    const tests = BUILT_IN_PROFILES.find((p) => p.name === 'Run tests')!;
    const draft = { ...draftOf(tests, 'Mine'), testFlags: ' -count=1  -run=TestGreet ' };
    expect(profileOf(draft).profile).toMatchObject({ target: 'run-tests', testFlags: ['-count=1', '-run=TestGreet'] });
    expect(profileOf({ ...draft, testFlags: '-exec=sh' }).errors.testFlags).toMatch(/^a test flag: -count/);
    // Test flags belong to the run-tests target only.
    expect(profileOf({ ...draft, target: 'test' }).profile!.testFlags).toBeUndefined();
  });

  test('lists are split, flags and environment carried, the compiler profile package set', () => {
    const d = { ...draftOf(diagnose, 'Arm'), packages: './store  ./internal/...', tags: 'a, b.c', race: true, gcflags: ' -m=2 ' };
    d.env = { ...d.env, GOARCH: 'arm64', CGO_ENABLED: '0' };
    const { profile, errors } = profileOf({ ...d, cpuProfilePackage: './store' });
    expect(errors).toEqual({});
    expect(profile).toMatchObject({ name: 'Arm', packages: ['./store', './internal/...'], tags: ['a', 'b.c'], race: true, gcflags: '-m=2', env: { GOARCH: 'arm64', CGO_ENABLED: '0' } });
    expect(profile!.capture.cpuProfilePackage).toBe('./store');
  });

  test('the Why rebuilt and Compile cost options go through the editor both ways', () => {
    const d = draftOf(diagnose, 'Why');
    expect(d.capture.rebuildReasons).toBe(true); // Diagnose failure records why actions ran
    expect(d.capture.compileCost).toBe(false);
    const changed = profileOf({ ...d, capture: { ...d.capture, rebuildReasons: false, compileCost: true } }).profile!;
    expect(changed.capture).toMatchObject({ rebuildReasons: false, compileCost: true });
    expect(draftOf(changed).capture).toMatchObject({ rebuildReasons: false, compileCost: true });
  });

  test('Why in binary (the reachability graph) is on unless turned off, and only off is written', () => {
    const d = draftOf(diagnose, 'Why');
    expect(d.capture.reachability).toBe(true);
    expect(profileOf(d).profile!.capture).not.toHaveProperty('reachability');
    const off = profileOf({ ...d, capture: { ...d.capture, reachability: false } }).profile!;
    expect(off.capture.reachability).toBe(false);
    expect(draftOf(off).capture.reachability).toBe(false);
  });

  test('each wrong field gets its own message and no profile', () => {
    const d = draftOf(diagnose, '');
    const { profile, errors } = profileOf({ ...d, packages: ' ', tags: 'ok bad-tag', cpuProfilePackage: './...', env: { ...d.env, GOAMD64: 'v9', CGO_ENABLED: 'yes' }, ldflags: 'a\nb' });
    expect(profile).toBeNull();
    expect(errors).toEqual({
      name: 'give the profile a name (at most 80 characters)',
      packages: 'give at least one package pattern, e.g. ./...',
      tags: '"bad-tag" is not a build tag (letters, digits, _ and .)',
      cpuProfilePackage: expect.stringContaining('one package'),
      'env.GOAMD64': 'GOAMD64 is v1, v2, v3 or v4',
      'env.CGO_ENABLED': 'CGO_ENABLED is 0 or 1',
      ldflags: 'control characters are not allowed',
    });
    expect(profileOf({ ...d, name: 'x', packages: '-bad' }).errors.packages).toBe('a package pattern cannot start with -');
  });
});

test('the profile store saves, replaces and deletes per project and keeps built-in names', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gopsy-profiles-'));
  try {
    const store = new ProfileStore(dir);
    const mine = { ...diagnose, builtIn: true, name: 'Mine', tags: ['x'] };
    expect((await store.save('p1', mine)).map((p) => p.name)).toEqual([...BUILT_IN_PROFILES.map((p) => p.name), 'Mine']);
    expect((await store.saved('p1'))[0]).not.toHaveProperty('builtIn');
    await store.save('p1', { ...mine, tags: ['y'] });
    expect((await store.saved('p1')).map((p) => p.tags)).toEqual([['y']]);
    expect(await store.saved('p2')).toEqual([]);
    await expect(store.remove('p1', 'Diagnose failure')).rejects.toThrow(/built-in/);
    expect((await store.remove('p1', 'Mine')).some((p) => p.name === 'Mine')).toBe(false);
    expect(await store.saved('p1')).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
