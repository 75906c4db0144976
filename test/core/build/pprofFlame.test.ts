// The compiler CPU profile fixture (the compiler compiling net/http, captured by
// scripts/fixtures-build.mjs) aggregated into a flame graph tree and a flat/cum table.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import type { FlameNode } from '../../../src/shared/build';
import { compilerProfile } from '../../../src/core/build/pprofFlame';

const raw = gunzipSync(readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'build', 'nethttp.compile.cpuprof')));
const prof = compilerProfile(raw, 'net/http');

const walk = (n: FlameNode, f: (n: FlameNode, depth: number) => void, depth = 0): void => {
  f(n, depth);
  n.children.forEach((c) => walk(c, f, depth + 1));
};

test('every sample is in the tree: totals add up from the leaves to the root', () => {
  expect(prof.samples).toBeGreaterThan(50);
  expect(prof.totalNs).toBe(prof.root.total);
  expect(prof.totalNs).toBeGreaterThan(100e6); // at least 0.1 s of compiler CPU time
  walk(prof.root, (n) => {
    const below = n.children.reduce((s, c) => s + c.total, 0);
    // Pruned frames (< 0.1%) keep their time in the parent's total, never more.
    expect(n.self + below).toBeLessThanOrEqual(n.total);
  });
});

test('the tree starts at the goroutines of the compiler (main, the backend workers) and reaches its phases', () => {
  const names = new Set<string>();
  walk(prof.root, (n) => names.add(n.name));
  const roots = prof.root.children.map((c) => c.name);
  expect(roots).toContain('runtime.main');
  expect(roots.some((n) => n.startsWith('cmd/compile/internal/gc.compileFunctions'))).toBe(true);
  expect(names).toContain('cmd/compile/internal/gc.Main');
  expect([...names].some((n) => n.startsWith('cmd/compile/internal/ssa.'))).toBe(true);
  expect([...names].some((n) => n.startsWith('cmd/compile/internal/syntax.'))).toBe(true);
});

test('top functions: flat time first, cum ≥ flat, the flat times sum to at most the total', () => {
  expect(prof.top.length).toBe(50);
  for (let i = 1; i < prof.top.length; i++) expect(prof.top[i - 1]!.flat).toBeGreaterThanOrEqual(prof.top[i]!.flat);
  for (const t of prof.top) expect(t.cum).toBeGreaterThanOrEqual(t.flat);
  expect(prof.top.reduce((s, t) => s + t.flat, 0)).toBeLessThanOrEqual(prof.totalNs);
});

test('bytes that are not a profile are refused', () => {
  expect(() => compilerProfile(new TextEncoder().encode('not a profile at all'), 'x')).toThrow();
});
