// Search and value history over a big capture read one phase at a time instead of rebuilding the whole
// function: on a real ssa.html, both ways give the same answers, and the lazy way keeps nothing whole.
import path from 'node:path';
import { expect, it } from 'vitest';
import { searchPhases, valueHistory } from '../../../src/core/ssa/analysis';
import { SsaStore } from '../../../src/main/services/ssa/ssaStore';

const DIR = path.join(__dirname, '../../fixtures/ssa/store-add');

it('gives the same hits and history read whole or one phase at a time', async () => {
  const whole = new SsaStore();
  const lazy = new SsaStore(0); // every capture counts as big
  expect((await whole.load('a', DIR)).sort()).toEqual(['dumps', 'html']);
  await lazy.load('a', DIR);
  const w = await whole.phases('a', 'html');
  const l = await lazy.phases('a', 'html');
  expect(Array.isArray(l.phases)).toBe(false);
  expect(Array.isArray(w.phases)).toBe(true);
  expect(l.phases.length).toBe(w.phases.length);
  for (const q of ['v1', 'b2', ':28', 'Load', 'mem']) {
    const hits = await searchPhases(l, q);
    expect(hits.hits.length).toBeGreaterThan(0);
    expect(hits).toEqual(await searchPhases(w, q));
  }
  const lower = (await whole.full('a', 'html')).phases.findIndex((p) => p.name === 'lower');
  for (const v of ['v1', 'v5', 'v12']) expect(await valueHistory(l, v, lower)).toEqual(await valueHistory(w, v, lower));
});

it('reads each phase once per search and per history', async () => {
  const phase = (n: number) => ({ name: `p${n}`, passes: [`p${n}`], timings: [null], names: [], blocks: [{ id: 'b1', kind: 'Plain', preds: [], succs: [], controls: [], aux: '', line: null, dead: false, values: [{ id: 'v1', op: n < 2 ? 'Add64' : 'ADDQ', type: 'int', args: [], aux: '', line: 3, stmt: '' as const, extra: '', dead: false }] }] });
  const reads: number[] = [];
  const list = { length: 4, at: (i: number) => (reads.push(i), i < 4 ? phase(i) : undefined) };
  expect((await searchPhases({ phases: list }, 'v1')).hits).toHaveLength(4);
  expect(reads).toEqual([0, 1, 2, 3]);
  reads.length = 0;
  const h = await valueHistory({ phases: list }, 'v1', 2);
  expect(reads).toEqual([0, 1, 2, 3]);
  expect(h.def?.block).toBe('b1');
  expect(h.presence.map((p) => p?.phase)).toEqual([0, 1, 2, 3]);
});
