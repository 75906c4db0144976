import { describe, expect, it } from 'vitest';
import { BUNDLE_FORMAT_VERSION, checkManifest, type BundleManifest } from '../../../src/core/bundle/manifest';
import { diffManifests } from '../../../src/core/bundle/diff';

const sha = (c: string) => c.repeat(64);

function sampleManifest(over: Partial<BundleManifest> = {}): BundleManifest {
  return {
    format: 'gopsy-bundle',
    formatVersion: 1,
    writer: { name: 'gopsy', version: '0.1.0' },
    createdAt: '2025-01-02T03:04:05.000Z',
    project: { name: 'inventory' },
    toolchain: { goVersion: 'go1.25.0', goos: 'linux', goarch: 'amd64', env: { GOFLAGS: '' } },
    redactions: [],
    entries: [
      { path: 'session.json', size: 10, sha256: sha('a'), kind: 'session' },
      { path: 'sources/main.go', size: 100, sha256: sha('b'), kind: 'source' },
    ],
    ...over,
  };
}

describe('manifest', () => {
  it('accepts a valid manifest and ignores unknown fields', () => {
    const r = checkManifest({ ...sampleManifest(), futureField: 1 });
    expect(r.ok).toBe(true);
  });

  it('accepts older versions and refuses newer ones with a clear message', () => {
    expect(checkManifest(sampleManifest(), 2).ok).toBe(true);
    const r = checkManifest({ ...sampleManifest(), formatVersion: BUNDLE_FORMAT_VERSION + 1, writer: { name: 'gopsy', version: '9.0.0' } });
    expect(r).toEqual({
      ok: false,
      problem: `This bundle was written by gopsy 9.0.0 in bundle format version ${BUNDLE_FORMAT_VERSION + 1}; this gopsy reads versions up to ${BUNDLE_FORMAT_VERSION}. Update gopsy to open it.`,
    });
  });

  it('says what is wrong with a manifest of the wrong schema', () => {
    expect(checkManifest([])).toEqual({ ok: false, problem: 'manifest.json is not a JSON object.' });
    expect(checkManifest({ format: 'zip' })).toMatchObject({ ok: false, problem: expect.stringMatching(/does not describe a gopsy bundle/) });
    expect(checkManifest({ format: 'gopsy-bundle' })).toMatchObject({ ok: false, problem: expect.stringMatching(/no valid formatVersion/) });
    const bad = checkManifest({ ...sampleManifest(), entries: [{ path: '../x', size: -1, sha256: 'nope', kind: 'source' }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.problem).toMatch(/entries\.0\.path: the name climbs out/);
      expect(bad.problem).toMatch(/entries\.0\.size/);
      expect(bad.problem).toMatch(/entries\.0\.sha256/);
    }
  });
});

describe('diffManifests', () => {
  it('lists added, removed and changed entries per kind and toolchain differences', () => {
    const a = sampleManifest();
    const b = sampleManifest({
      toolchain: { goVersion: 'go1.24.0', env: { GOFLAGS: '' } },
      entries: [
        { path: 'session.json', size: 10, sha256: sha('a'), kind: 'session' },
        { path: 'sources/main.go', size: 120, sha256: sha('c'), kind: 'source' },
        { path: 'runs/r1/x.log', size: 5, sha256: sha('d'), kind: 'run-artefact' },
      ],
    });
    const d = diffManifests(a, b);
    expect(d.identical).toBe(false);
    expect(d.kinds.map((k) => [k.kind, k.added.length, k.removed.length, k.changed.length, k.unchanged, k.sizeDelta])).toEqual([
      ['run-artefact', 1, 0, 0, 0, 5],
      ['session', 0, 0, 0, 1, 0],
      ['source', 0, 0, 1, 0, 20],
    ]);
    expect(d.toolchain).toEqual([{ name: 'go version', a: 'go1.25.0', b: 'go1.24.0' }]);
    expect(diffManifests(a, a).identical).toBe(true);
  });
});
