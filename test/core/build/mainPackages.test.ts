// Naming the compiles of several `main` packages by import path, on the 7 commands of a real gopls
// v0.20.0 build (scripts/fixtures-main-compiles.mjs): -bench's own line count of each compile must be
// the line count of the package it is named after. Two of them ended 8 ms apart.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nameMainCompiles, parseActionGraph, parseCompileBench } from '../../../src/core/build';

const dir = path.join(__dirname, '..', '..', 'fixtures', 'main-compiles', 'gopls-v0.20.0');
const bench = parseCompileBench(readFileSync(path.join(dir, 'bench.txt'), 'utf8')).packages;
const actions = parseActionGraph(readFileSync(path.join(dir, 'actiongraph.json'), 'utf8')).actions;
const lines = JSON.parse(readFileSync(path.join(dir, 'lines.json'), 'utf8')) as Record<string, number>;

describe('nameMainCompiles on gopls', () => {
  it('names each of the 7 main compiles by the import path whose sources it parsed', () => {
    expect(bench.map((p) => p.package)).toEqual(['main', 'main (2)', 'main (3)', 'main (4)', 'main (5)', 'main (6)', 'main (7)']);
    const named = nameMainCompiles(bench, actions);
    expect(named.note).toBeUndefined();
    expect(Object.fromEntries(named.phases.map((p) => [p.package, p.lines]))).toEqual(lines);
  });

  it('keeps the numbered names, and says why, when the action graph does not match', () => {
    const named = nameMainCompiles(bench, actions.slice(1));
    expect(named.phases).toBe(bench);
    expect(named.note).toMatch(/shows 6 compiles with -p main, the -bench file 7/);
    expect(nameMainCompiles(bench, null).note).toMatch(/no action graph/);
  });
});

describe('nameMainCompiles with the sources as built', () => {
  it('pairs by lines where the compiles ended too close together for their order to tell', () => {
    // Every compile said to end at the same moment, in the reverse of the file's order: only the lines can pair them.
    const sameEnd = actions.map((a) => (a.cmdMs !== undefined ? { ...a, startMs: 0, cmdMs: 1e9, doneMs: 1e9 } : a)).reverse();
    const named = nameMainCompiles(bench, sameEnd, new Map(Object.entries(lines)));
    expect(named.note).toBeUndefined();
    expect(Object.fromEntries(named.phases.map((p) => [p.package, p.lines]))).toEqual(lines);
    // Without the lines the same graph pairs by order, and gets it wrong.
    const guessed = nameMainCompiles(bench, sameEnd);
    expect(Object.fromEntries(guessed.phases.map((p) => [p.package, p.lines]))).not.toEqual(lines);
  });
});
