// The index of an ssa.html (core/ssa/columnIndex.ts) on hostile input: truncated and mutated real
// captures, any bytes put anywhere, cut into chunks of any size. Property: the index never throws; it
// says it cannot read the file (the store then parses it in order), or a pass column parsed on its own
// disagrees with it (the store then parses in order too), or the function from its ranges is nearly
// always the in-order parse of the whole damaged file. Not always: a tag whose quote the damage removed makes
// the in-order tokenizer read on past its column's end (it once merged one pass's blocks into the one
// before), where a column parsed on its own stops at its end; the index's reading then keeps the columns
// apart. A column disagrees with the index when, say, a value is left unclosed (the parse merges it into
// the next, the byte search counts both) (test/main/ssa/indexedStore.test.ts).
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ColumnIndexer, type PhaseEntry } from '../../src/core/ssa/columnIndex';
import { functionFromIndex, parseColumn } from '../../src/core/ssa/columnParse';
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
let same = 0;

describe('ssa.html index on hostile input', () => {
  it('says it cannot read the file, or reads each pass column as its index says; nearly always as the in-order parse does', () => {
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
        // What the store holds each phase it parses against (ssaStore.ts: agrees): one phase, with the
        // index's name, passes, times and counts. When one does not agree, the store parses in order.
        const head = bytes.subarray(0, index.headEnd);
        const entries = index.columns.filter((c): c is PhaseEntry => c.kind === 'phase');
        const agree = entries.every((e) => {
          const ps = parseColumn(head, bytes.subarray(e.start, e.end)).phases;
          return ps.length === 1 && JSON.stringify([ps[0]!.name, ps[0]!.passes, ps[0]!.timings, phaseCounts(ps[0]!)]) === JSON.stringify([e.title, e.passes, e.timings, e.counts]);
        });
        if (!agree) return void caught++;
        const fn = functionFromIndex(index, (s, e) => bytes.subarray(s, e));
        if (JSON.stringify(fn) === JSON.stringify(parseSsaHtml(text))) same++;
      }),
      { numRuns: Math.max(50, Math.floor(RUNS / 3)) },
    );
    expect(indexed).toBeGreaterThan(0);
    // One case in about a thousand differed when this was written.
    expect(same).toBeGreaterThanOrEqual((indexed - caught) * 0.9);
    recordTrial({
      area: 'hostile input',
      what: 'ssa.html index: truncated/mutated real capture (cells, row and document closes, pass titles, block and value markup, any bytes inserted anywhere), random chunk sizes',
      cases,
      outcome: `the index said it could not read ${cases - indexed} files (those are parsed in order); for ${caught} others a pass column parsed on its own is not the phase the index names or counts, which the store notices when it parses that phase (it then parses the file in order); for the remaining ${indexed - caught} the function from the index equals the in-order parse in ${same} (the others: a tag the damage left open, which the in-order tokenizer reads on past its column's end)`,
      ok: true,
    });
  });
});

afterAll(() => saveTrials('ssa-index'));
