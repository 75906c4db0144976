import { describe, expect, test } from 'vitest';
import { parseCompileCost } from '../../../src/core/build/compileCost';
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
