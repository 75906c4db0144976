import { describe, expect, test } from 'vitest';
import { parseCompileCost, summarizeCompileCost } from '../../../src/core/build/compileCost';
import { compileCostFixture } from './fixtures';

describe('parseCompileCost (real -gcflags=-d=ssa/all/time and /mem output of go1.26.8)', () => {
  test('time: one entry per function with every SSA pass, the slowest function first', () => {
    const text = compileCostFixture('time');
    const r = parseCompileCost(text);
    expect(r.badLines).toBe(0);
    expect(r.hasMem).toBe(false);
    const names = r.functions.map((f) => `${f.package} ${f.function}`).sort();
    // The equality function of [2]ledger.Entry is generated where the array type is used: in main.
    expect(names).toEqual([
      'example.org/x .eq.[2]example.org/x/ledger.Entry',
      'example.org/x main',
      'example.org/x/ledger .eq.example.org/x/ledger.Entry',
      'example.org/x/ledger Balance',
      'example.org/x/report Line',
      'example.org/x/report itoa',
    ]);
    for (let i = 1; i < r.functions.length; i++)
      expect(r.functions[i - 1]!.totalNs).toBeGreaterThanOrEqual(r.functions[i]!.totalNs);
    const balance = r.functions.find((f) => f.function === 'Balance')!;
    expect(balance.position).toBe('ledger/ledger.go:14:14');
    expect(balance.passes[0]!.name).toBe('number_lines');
    expect(balance.passes.map((p) => p.name)).toContain('regalloc');
    // The totals are the sums of the printed numbers, line by line.
    const printed = text
      .split('\n')
      .filter((l) => l.endsWith('\tBalance'))
      .map((l) => Number(l.split('\t')[3]));
    expect(balance.passes).toHaveLength(printed.length);
    expect(balance.totalNs).toBe(printed.reduce((a, b) => a + b, 0));
  });

  test('mem: bytes and allocations per pass, summed per function', () => {
    const r = parseCompileCost(compileCostFixture('mem'));
    expect(r.hasMem).toBe(true);
    expect(r.badLines).toBe(0);
    const itoa = r.functions.find((f) => f.function === 'itoa')!;
    expect(itoa.passes.every((p) => p.bytes !== undefined && p.allocs !== undefined)).toBe(true);
    expect(itoa.totalBytes).toBe(itoa.passes.reduce((a, p) => a + p.bytes!, 0));
    expect(itoa.totalBytes).toBeGreaterThan(0);
  });

  test('time and mem together: the pass time comes from the TIME(ns) line, memory from the other', () => {
    const both = [
      '# example.org/p',
      './p.go:3:6: \tlower\tTIME(ns)\t100\tF',
      './p.go:3:6: \tlower\tTIME(ns):BYTES:ALLOCS\t130\t64\t2\tF',
    ].join('\n');
    expect(parseCompileCost(both).functions).toEqual([
      {
        package: 'example.org/p',
        function: 'F',
        position: './p.go:3:6',
        totalNs: 100,
        totalBytes: 64,
        totalAllocs: 2,
        passes: [{ name: 'lower', ns: 100, bytes: 64, allocs: 2 }],
      },
    ]);
  });

  test('cut or garbled lines are counted, other compiler output is skipped', () => {
    const text = compileCostFixture('time');
    const cut = text.slice(0, text.indexOf('\tTIME(ns)\t', 5000) + 12);
    const r = parseCompileCost(`./a.go:1:1: note: something else\n${cut}`);
    expect(r.badLines).toBe(1);
    expect(r.functions.length).toBeGreaterThan(0);
    expect(parseCompileCost('x.go:1:1: \tlower\tTIME(ns)\tNaN\tF').badLines).toBe(1);
  });
});

describe('summarizeCompileCost (the fixture)', () => {
  const r = parseCompileCost(compileCostFixture('time'));
  const s = summarizeCompileCost(r);

  test('functions slowest first with their passes; the total counts all of them', () => {
    expect(s.recorded).toBe(true);
    expect(s.total).toBe(r.functions.length);
    expect(s.functions.map((f) => f.function)).toEqual(r.functions.map((f) => f.function));
    expect(s.totalNs).toBe(r.functions.reduce((n, f) => n + f.totalNs, 0));
    const capped = summarizeCompileCost(r, 2);
    expect(capped.functions).toHaveLength(2);
    expect(capped.total).toBe(r.functions.length);
    // The cap limits the list, not the sums.
    expect(capped.byPackage).toEqual(s.byPackage);
  });

  test('by pass: the sum over functions and the 5 slowest functions in it', () => {
    const regalloc = s.byPass.find((p) => p.pass === 'regalloc')!;
    const each = r.functions.map((f) => ({ function: f.function, package: f.package, ns: f.passes.find((p) => p.name === 'regalloc')?.ns ?? 0 }));
    expect(regalloc.totalNs).toBe(each.reduce((n, x) => n + x.ns, 0));
    expect(regalloc.top).toEqual([...each].sort((a, b) => b.ns - a.ns).slice(0, 5));
    for (let i = 1; i < s.byPass.length; i++) expect(s.byPass[i - 1]!.totalNs).toBeGreaterThanOrEqual(s.byPass[i]!.totalNs);
    expect(s.byPass.reduce((n, p) => n + p.totalNs, 0)).toBe(s.totalNs);
  });

  test('by package: functions, total and the share of its 3 slowest', () => {
    expect(s.byPackage.map((p) => p.package).sort()).toEqual(['example.org/x', 'example.org/x/ledger', 'example.org/x/report']);
    const ledger = s.byPackage.find((p) => p.package === 'example.org/x/ledger')!;
    expect(ledger.functions).toBe(2);
    // Two functions: its 3 slowest are all of it.
    expect(ledger.slowestShare).toBe(1);
    expect(ledger.totalNs).toBe(r.functions.filter((f) => f.package === ledger.package).reduce((n, f) => n + f.totalNs, 0));
  });

  test('no pass times: not recorded, empty lists', () => {
    expect(summarizeCompileCost(parseCompileCost('go build ./...\n'))).toEqual({ recorded: false, functions: [], total: 0, totalNs: 0, byPass: [], byPackage: [] });
  });
});
