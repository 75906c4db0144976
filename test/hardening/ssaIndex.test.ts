// The index of an ssa.html (core/ssa/columnIndex.ts) on hostile input: truncated and mutated real
// captures, any bytes put anywhere, cut into chunks of any size. Property: the index either says it
// cannot read the file (the store then parses it in order) or the function parsed from its ranges is
// exactly the in-order parse; it never throws. Its counts, found by byte search, may disagree with the
// parse's on a damaged file (a value left unclosed, which the parse merges into the next): the store
// holds each parsed phase's counts against them and parses the file in order when they differ
// (test/main/ssa/indexedStore.test.ts).
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ColumnIndexer, type PhaseEntry } from '../../src/core/ssa/columnIndex';
import { functionFromIndex } from '../../src/core/ssa/columnParse';
import { parseSsaHtml } from '../../src/core/ssa/parseSsaHtml';
import { phaseCounts } from '../../src/core/ssa/phaseCounts';
import { fixture } from '../core/fixtures';
import { RUNS, recordTrial, saveTrials } from './trials';

const full = fixture('ssa/store-add/ssa.html');

/** Markup that changes how what follows is read, and bytes of any kind. */
const TOKENS = ['<td id="x-col">', '<td id="x-exp">', '<td>', '</td>', '</td>\n', '</tr>', '</table>', '</code>', '</html>', '<h2>', '</h2>', '<!--', '<script>', '<li class="ssa-long-value ">', '<ul class="b9 ssa-print-func ">', 'dead-value', '<', '"', '&', ''];

const input = fc.record({
  keep: fc.nat({ max: full.length }),
  edits: fc.array(fc.tuple(fc.nat({ max: full.length - 1 }), fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'binary', maxLength: 4 }))), { maxLength: 6 }),
  chunk: fc.integer({ min: 1, max: 70_000 }),
});

/** The capture, half of the time whole and half cut short, with the edits made. */
function mutated(keep: number, edits: Array<[number, string]>): string {
  let s = keep % 2 === 0 ? full : full.slice(0, keep);
  for (const [at, ins] of edits) s = s.slice(0, at) + ins + s.slice(at + 1);
  return s;
}

let cases = 0;
let indexed = 0;
let caught = 0;

describe('ssa.html index on hostile input', () => {
  it('says it cannot read the file, or gives exactly the in-order parse', () => {
    fc.assert(
      fc.property(input, ({ keep, edits, chunk }) => {
        cases++;
        const text = mutated(keep, edits);
        const bytes = Buffer.from(text, 'utf8');
        const ix = new ColumnIndexer();
        for (let i = 0; i < bytes.length; i += chunk) ix.feed(bytes.subarray(i, i + chunk));
        const index = ix.end();
        if (index.abnormal) return;
        indexed++;
        const ref = parseSsaHtml(text);
        expect(functionFromIndex(index, (s, e) => bytes.subarray(s, e))).toEqual(ref);
        const counts = index.columns.filter((c): c is PhaseEntry => c.kind === 'phase').map((p) => p.counts);
        if (JSON.stringify(counts) !== JSON.stringify(ref.phases.map(phaseCounts))) caught++;
      }),
      { numRuns: Math.max(50, Math.floor(RUNS / 3)) },
    );
    expect(indexed).toBeGreaterThan(0);
    recordTrial({
      area: 'hostile input',
      what: 'ssa.html index: truncated/mutated real capture (cells, row and document closes, pass titles, block and value markup, any bytes inserted anywhere), random chunk sizes',
      cases,
      outcome: `the index said it could not read ${cases - indexed} files (those are parsed in order); for the other ${indexed} the function parsed from its ranges equals the in-order parse; in ${caught} of them a phase's counts differ from its parse's, which the store notices when it parses that phase (it then parses the file in order)`,
      ok: true,
    });
  });
});

afterAll(() => saveTrials('ssa-index'));
