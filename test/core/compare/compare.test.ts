// The comparison of two real builds of the sample: the same source compiled by the current go and by
// go1.24.0 (fixtures from scripts/fixtures-compare.mjs).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCompileBench } from '../../../src/core/build';
import { parseNm } from '../../../src/core/binary/nm';
import { attributeFunctions, remarksFromLogopt } from '../../../src/core/remarks';
import { parseSsaHtml } from '../../../src/core/ssa/parseSsaHtml';
import {
  compareRuns,
  diffRemarks,
  diffSsa,
  diffTiming,
  messageShape,
  statesAfterPasses,
  toolchainProblem,
  type ComparedRun,
} from '../../../src/core/compare';
import type { Remark } from '../../../src/shared/remarks';

const root = path.join(__dirname, '..', '..', 'fixtures', 'compare');
const sample = path.join(__dirname, '..', '..', '..', 'resources', 'samples', 'inventory');
const versions = readdirSync(root).sort();
// The newer toolchain is B: "what changed when moving from go1.24 to the current go".
const [oldV, newV] = versions.sort((x, y) => x.localeCompare(y, undefined, { numeric: true }));

function load(version: string): ComparedRun {
  const dir = path.join(root, version);
  const read = (rel: string) => readFileSync(path.join(dir, rel), 'utf8');
  const remarks: Remark[] = [];
  for (const rel of readdirSync(path.join(dir, 'logopt'), { recursive: true }).map(String).filter((f) => f.endsWith('.json'))) {
    remarks.push(...remarksFromLogopt(read(`logopt/${rel}`)).remarks);
  }
  const byFile = new Map<string, Remark[]>();
  for (const r of remarks) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  for (const [file, list] of byFile) {
    if (!file.startsWith('@ROOT@/')) continue;
    attributeFunctions(list, readFileSync(path.join(sample, file.slice('@ROOT@/'.length)), 'utf8'));
    for (const r of list) r.path = file.slice('@ROOT@/'.length);
  }
  const ssa = readdirSync(path.join(dir, 'ssa'), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.html'))
    .map((f) => ({ key: f.slice(0, -'.html'.length), fn: parseSsaHtml(read(`ssa/${f}`)) }));
  return {
    side: { label: version, runId: version, origin: 'directory', goVersion: /go version (\S+)/.exec(read('go-version.txt'))![1]! },
    phases: parseCompileBench(read('bench.txt')).packages,
    remarks,
    ssa,
    binary: { name: 'inventory', symbols: parseNm(read('nm.txt')) },
    wallMs: null,
    missing: {},
    warnings: [],
  };
}

describe('comparing the sample built with two Go versions', () => {
  const a = load(oldV!);
  const b = load(newV!);
  const c = compareRuns(a, b);

  it('has two different real toolchains', () => {
    expect(versions).toHaveLength(2);
    expect(c.a.goVersion).toBe(oldV);
    expect(c.b.goVersion).toBe(newV);
    expect(c.a.goVersion).not.toBe(c.b.goVersion);
  });

  it('diffs timing per package, per phase and in total', () => {
    const t = c.timing;
    expect(t.a && t.b).toBe(true);
    expect(t.notes).toEqual([]);
    const names = t.packages.map((p) => p.name).sort();
    expect(names).toEqual(expect.arrayContaining(['example.com/inventory/store', 'example.com/inventory/internal/textfmt', 'main']));
    for (const p of t.packages) {
      expect(p.aNs).toBeGreaterThan(0);
      expect(p.bNs).toBeGreaterThan(0);
      expect(p.deltaNs).toBe(p.bNs! - p.aNs!);
    }
    // Totals are the sums of the -bench `total` lines.
    expect(t.totalA).toBe(a.phases!.reduce((n, p) => n + p.totalNs, 0));
    expect(t.totalB).toBe(b.phases!.reduce((n, p) => n + p.totalNs, 0));
    const phases = t.phases.map((p) => p.name);
    expect(phases).toEqual(expect.arrayContaining(['fe:parse', 'fe:escapes', 'be:compilefuncs', 'be:dumpobj']));
    expect(phases.some((p) => p.endsWith('subtotal'))).toBe(false);
    const parse = t.phases.find((p) => p.name === 'fe:parse')!;
    const sumParse = (r: ComparedRun) => r.phases!.reduce((n, p) => n + (p.phases.find((x) => x.phase === 'fe:parse')?.ns ?? 0), 0);
    expect(parse.aNs).toBe(sumParse(a));
    expect(parse.bNs).toBe(sumParse(b));
    const store = t.packagePhases.find((p) => p.package === 'example.com/inventory/store')!;
    expect(store.phases.find((p) => p.name === 'be:compilefuncs')!.aNs).toBe(
      a.phases!.find((p) => p.package === 'example.com/inventory/store')!.phases.find((p) => p.phase === 'be:compilefuncs')!.ns,
    );
  });

  it('finds the heap allocations the newer compiler reports that go1.24 did not', () => {
    const r = c.remarks;
    expect(r.a && r.b).toBe(true);
    // go1.26 reports `append(out, it) escapes to heap` in (*Store).Items and (*Store).Filter; go1.24 does not.
    const appends = r.changes.filter((x) => x.change === 'heapNew' && x.message === 'append(out, it) escapes to heap' && x.package === 'example.com/inventory/store');
    expect(appends.map((x) => x.function).sort()).toEqual(['(*Store).Filter', '(*Store).Items']);
    for (const x of appends) {
      expect(x.b?.path).toBe('store/store.go');
      expect(x.a).toBeUndefined();
    }
    expect(r.counts.heapNew).toBe(r.changes.filter((x) => x.change === 'heapNew').length);
    // Remarks present on both sides are matched, not reported.
    expect(r.matched).toBeGreaterThan(0);
    expect(r.changes.some((x) => x.message === 'make(map[string]Item) escapes to heap')).toBe(false);
  });

  it('reports no change against a side without remarks, nor for packages only one side compiled', () => {
    const mk = (pkg: string, message: string): Remark => ({ kind: 'escape', code: 'escape', file: `/p/${pkg}.go`, line: 3, column: 3, message, flow: [], source: 'json', function: 'F', package: pkg });
    const none = diffRemarks({ remarks: [mk('p', 'new(T) escapes to heap')] }, { remarks: null });
    expect(none.changes).toEqual([]);
    expect(none.b).toBe(false);
    const notes: string[] = [];
    const cached = diffRemarks({ remarks: [mk('p', 'new(T) escapes to heap'), mk('std', 'x escapes to heap')] }, { remarks: [mk('p', 'new(U) escapes to heap')] }, notes);
    expect(cached.changes.map((x) => `${x.change} ${x.package} ${x.message}`).sort()).toEqual(['heapGone p new(T) escapes to heap', 'heapNew p new(U) escapes to heap']);
    expect(notes.join('\n')).toMatch(/1 package has remarks on one side only/);
  });

  it('matches by function, kind and message shape, not by line', () => {
    const mk = (line: number, message: string, fn = 'F'): Remark => ({ kind: 'escape', code: 'escape', file: '/p/a.go', line, column: 3, message, flow: [], source: 'json', function: fn, package: 'p' });
    const moved = diffRemarks({ remarks: [mk(10, 'new(T) escapes to heap')] }, { remarks: [mk(14, 'new(T) escapes to heap')] });
    expect(moved.changes).toEqual([]);
    expect(moved.moved).toBe(1);
    const otherFn = diffRemarks({ remarks: [mk(10, 'new(T) escapes to heap', 'F')] }, { remarks: [mk(10, 'new(T) escapes to heap', 'G')] });
    expect(otherFn.changes.map((x) => `${x.change} ${x.function}`).sort()).toEqual(['heapGone F', 'heapNew G']);
    expect(messageShape('parameter s leaks to {heap} with derefs=2')).toBe(messageShape('parameter s leaks to {heap} with derefs=0'));
    const inl = (kind: 'canInline' | 'cannotInline', fn: string): Remark => ({ kind, code: kind === 'canInline' ? 'canInlineFunction' : 'cannotInlineFunction', file: '/p/a.go', line: 1, column: 6, message: kind, flow: [], source: 'json', function: fn, package: 'p', ...(kind === 'cannotInline' ? { reason: 'function too complex', cost: 90, budget: 80 } : { cost: 20 }) });
    const d = diffRemarks({ remarks: [inl('canInline', 'F'), inl('cannotInline', 'G'), inl('canInline', 'H')] }, { remarks: [inl('cannotInline', 'F'), inl('canInline', 'G'), inl('canInline', 'H')] });
    expect(d.changes.map((x) => `${x.change} ${x.function}`)).toEqual(['inlineStarted G', 'inlineStopped F']);
    expect(d.changes.find((x) => x.function === 'F')!.detailB).toBe('function too complex, cost 90 > budget 80');
    const bc = (line: number): Remark => ({ kind: 'boundsCheck', code: 'isInBounds', file: '/p/a.go', line, column: 5, message: 'isInBounds', flow: [], source: 'json', function: 'F', package: 'p' });
    const bounds = diffRemarks({ remarks: [bc(3)] }, { remarks: [bc(4), bc(9)] });
    expect(bounds.counts.boundsNew).toBe(1);
    expect(bounds.changes[0]!.b!.line).toBe(9);
  });

  it('diffs the SSA of (*Store).Value pass by pass, and the generated code', () => {
    const s = c.ssa;
    expect(s.a && s.b).toBe(true);
    expect(s.functions.map((f) => f.function)).toEqual(['example.com/inventory/store.(*Store).Value,1']);
    const f = s.functions[0]!;
    const names = f.passes.map((p) => p.pass);
    expect(names).toEqual(expect.arrayContaining(['start', 'opt', 'lower', 'regalloc']));
    // Passes both toolchains run, with values on both sides.
    const lower = f.passes.find((p) => p.pass === 'lower')!;
    expect(lower.inA && lower.inB).toBe(true);
    expect(lower.valuesA).toBeGreaterThan(0);
    expect(lower.valuesB).toBeGreaterThan(0);
    // The counts are the real ones of the parsed phases.
    const liveValues = (fn: ComparedRun, pass: string) => {
      const p = statesAfterPasses(fn.ssa![0]!.fn).get(pass)!;
      return p.blocks.filter((x) => !x.dead).reduce((n, x) => n + x.values.filter((v) => !v.dead).length, 0);
    };
    expect(lower.valuesA).toBe(liveValues(a, 'lower'));
    expect(lower.valuesB).toBe(liveValues(b, 'lower'));
    expect(f.genssaA).toBe(a.ssa![0]!.fn.genssa.filter((g) => g.pc !== undefined).length);
    expect(f.genssaB).toBeGreaterThan(0);
    // Two different compilers: some pass differs (map iteration changed between these versions).
    expect(f.passes.some((p) => !p.same)).toBe(true);
    expect(f.source?.file).toContain('store.go');
  });

  it('a function compared with itself has no differences', () => {
    const self = diffSsa(a.ssa, a.ssa);
    const f = self.functions[0]!;
    expect(f.passes.every((p) => p.same && p.onlyA === 0 && p.onlyB === 0 && p.addedValues === 0)).toBe(true);
    expect(f.genssaOnlyA).toEqual([]);
    expect(f.genssaOnlyB).toEqual([]);
  });

  it('diffs the binary sizes', () => {
    const bin = c.binary;
    expect(bin.a && bin.b).toBe(true);
    expect(bin.totalBefore).toBeGreaterThan(0);
    expect(bin.totalAfter).toBeGreaterThan(0);
    expect(bin.totalBefore).not.toBe(bin.totalAfter);
    expect(bin.packages.length).toBeGreaterThan(0);
    expect(bin.packages.find((p) => p.name === 'runtime')).toBeDefined();
  });

  it('says plainly which side lacks an artefact', () => {
    const bare: ComparedRun = {
      ...a,
      phases: null,
      remarks: null,
      ssa: null,
      binary: { name: null, symbols: null },
      missing: { timing: 'no compiler phase times (x).', remarks: 'no remarks (y).', ssa: 'no SSA (z).', binary: 'no binary (w).' },
    };
    const d = compareRuns(bare, b);
    expect(d.timing.a).toBe(false);
    expect(d.timing.b).toBe(true);
    expect(d.timing.notes).toEqual([`A (${oldV}): no compiler phase times (x).`]);
    expect(d.remarks.notes[0]).toContain('A (');
    expect(d.ssa.functions).toEqual([]);
    expect(d.ssa.onlyB).toEqual(['example.com/inventory/store.(*Store).Value,1']);
    expect(d.binary.a).toBe(false);
    expect(d.binary.packages).toEqual([]);
    expect(d.binary.notes).toEqual([`A (${oldV}): no binary (w).`]);
    // Timing rows of a package compiled on one side only carry no delta.
    const onlyB = diffTiming({ phases: [], wallMs: null }, { phases: b.phases, wallMs: null });
    expect(onlyB.packages.every((p) => p.aNs === null && p.deltaNs === null && p.ratio === null)).toBe(true);
    // The compile totals cover the packages both sides compiled, not what one side had from the cache.
    expect(onlyB.totalA).toBe(0);
    expect(onlyB.totalB).toBe(0);
    const firstOnly = diffTiming({ phases: b.phases!.slice(0, 1), wallMs: null }, { phases: b.phases, wallMs: null });
    expect(firstOnly.totalB).toBe(b.phases![0]!.totalNs);
    expect(firstOnly.totalA).toBe(firstOnly.totalB);
  });

  it('explains toolchains the go command cannot fetch (messages as go1.26 prints them)', () => {
    const notThere =
      'go: downloading go1.99.0 (linux/amd64)\ngo: download go1.99.0: golang.org/toolchain@v0.0.1-go1.99.0.linux-amd64: reading https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go1.99.0.linux-amd64.zip: 403 Forbidden\n\tserver response: This module version is not available.';
    expect(toolchainProblem('go1.99.0', notThere)).toMatch(/^Go go1\.99\.0 does not exist for this platform/);
    expect(toolchainProblem('banana', 'go: invalid GOTOOLCHAIN "banana"')).toMatch(/is not a toolchain name/);
    expect(toolchainProblem('go1.24.0', 'go: download go1.24.0: dial tcp: lookup proxy.golang.org: no such host')).toMatch(/could not be downloaded/);
  });
});
