// The pieces around the comparison: a profile's SSA capture in the command, the form field, the
// downloaded-toolchain listing, what the contract accepts as a run reference and a Go version.
import { describe, expect, test } from 'vitest';
import { BuildProfile } from '../../../src/shared/build';
import { GO_VERSION, RunRef } from '../../../src/shared/compare';
import { buildCommand } from '../../../src/main/services/runs/command';
import { BUILT_IN_PROFILES } from '../../../src/main/services/runs/profiles';
import { toolchainsIn } from '../../../src/main/services/compare/toolchains';
import { draftOf, profileOf } from '../../../src/renderer/src/panels/build/profileDraft';
import { comparisonDiffers } from '../../../src/cli/compareText';

const base = BUILT_IN_PROFILES.find((p) => p.name === 'Optimisation details')!;

describe('a profile that keeps one function’s SSA', () => {
  test('sets GOSSAFUNC and points GOSSADIR into the run, shown in the shell line', () => {
    const cmd = buildCommand({ ...base, capture: { ...base.capture, ssaFunc: 'example.com/m/store.(*Store).Add' } }, '/p', { goBinary: 'go', runDir: '/r', supportsJson: true });
    expect(cmd.env).toMatchObject({ GOSSAFUNC: 'example.com/m/store.(*Store).Add', GOSSADIR: '/r/ssa' });
    expect(cmd.shellLine).toContain("GOSSAFUNC='example.com/m/store.(*Store).Add' GOSSADIR=/r/ssa go build");
    expect(buildCommand(base, '/p', { goBinary: 'go', runDir: '/r', supportsJson: true }).env.GOSSAFUNC).toBeUndefined();
  });

  test('refuses names that would mean something else to the compiler (+ prints every pass, : draws CFGs)', () => {
    const withFunc = (ssaFunc: string) => BuildProfile.safeParse({ ...base, capture: { ...base.capture, ssaFunc } }).success;
    expect(withFunc('example.com/m/store.Map[go.shape.int]')).toBe(true);
    expect(withFunc('(*Store).Add,1')).toBe(true);
    expect(withFunc('Add+')).toBe(false);
    expect(withFunc('Add:lower')).toBe(false);
    expect(withFunc('a b')).toBe(false);
  });

  test('the form carries it and says what is wrong', () => {
    const d = draftOf(base, 'SSA');
    expect(profileOf({ ...d, ssaFunc: ' example.com/m.F ' }).profile!.capture.ssaFunc).toBe('example.com/m.F');
    expect(profileOf({ ...d, ssaFunc: 'F+' }).errors.ssaFunc).toMatch(/no spaces, no \+ or :/);
    expect(profileOf(d).profile!.capture.ssaFunc).toBeUndefined();
  });
});

describe('toolchains the go command has downloaded', () => {
  test('from the module cache names, for this platform only, newest first', () => {
    const names = [
      'toolchain@v0.0.1-go1.19.13.linux-amd64',
      'toolchain@v0.0.1-go1.24.0.linux-amd64',
      'toolchain@v0.0.1-go1.9.7.linux-amd64',
      'toolchain@v0.0.1-go1.25rc1.linux-amd64',
      'toolchain@v0.0.1-go1.24.0.darwin-arm64',
      'x',
    ];
    expect(toolchainsIn(names, 'linux', 'amd64')).toEqual(['go1.25rc1', 'go1.24.0', 'go1.19.13', 'go1.9.7']);
  });
});

describe('the contract', () => {
  test('a run reference is a project run id or a bundle and its run folder, nothing else', () => {
    expect(RunRef.safeParse({ run: '20261127-013000-abc123' }).success).toBe(true);
    expect(RunRef.safeParse({ bundle: 'abc', run: 'r1' }).success).toBe(true);
    expect(RunRef.safeParse({ run: '../../etc' }).success).toBe(false);
    expect(RunRef.safeParse({ run: '20261127-013000-abc123', path: '/x' }).success).toBe(false);
  });

  test('Go versions as GOTOOLCHAIN names releases', () => {
    for (const v of ['go1.24.0', 'go1.25rc1', 'go1.20', 'go1.21.13']) expect(GO_VERSION.test(v)).toBe(true);
    for (const v of ['1.24.0', 'go1.24.0+auto', 'local', 'go1.24.0; rm -rf /', 'go2.0.0']) expect(GO_VERSION.test(v)).toBe(false);
  });
});

test('gopsy diff exits 0 only when nothing but timing differs', () => {
  const empty = { a: true, b: true, notes: [] };
  const zero = { heapNew: 0, heapGone: 0, inlineStarted: 0, inlineStopped: 0, boundsNew: 0, boundsGone: 0 };
  const c = {
    a: { label: 'a', runId: 'a', origin: 'directory' as const, goVersion: 'go1.26.8' },
    b: { label: 'b', runId: 'b', origin: 'directory' as const, goVersion: 'go1.26.8' },
    timing: { ...empty, totalA: 1, totalB: 2, wallA: 1, wallB: 2, packages: [], phases: [], packagePhases: [] },
    remarks: { ...empty, counts: zero, projectCounts: zero, kindsA: {}, kindsB: {}, matched: 0, moved: 0, changes: [] },
    ssa: { ...empty, functions: [], onlyA: [], onlyB: [], caveat: '' },
    binary: { ...empty, totalBefore: 5, totalAfter: 5, packages: [], symbols: [] },
    warnings: [],
  };
  expect(comparisonDiffers(c)).toBe(false);
  expect(comparisonDiffers({ ...c, b: { ...c.b, goVersion: 'go1.24.0' } })).toBe(true);
  expect(comparisonDiffers({ ...c, binary: { ...c.binary, totalAfter: 6 } })).toBe(true);
});
