// The SSA browser shows the first phase of an ssa.html from an early parse of its column alone
// (core/ssa/firstPhase.ts). Property: on truncated and mutated real captures, cut into chunks of any
// size, what a caller keeps in the end (the last phase given per index, minus those taken back) is
// exactly what the in-order parse of the whole text finds, and the returned function is the same.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SsaPhase } from '../../src/shared/ssa';
import { parseSsaHtmlChunks } from '../../src/core/ssa/firstPhase';
import { parseSsaHtml } from '../../src/core/ssa/parseSsaHtml';
import { fixture } from '../core/fixtures';
import { RUNS, recordTrial, saveTrials } from './trials';

// The head, sources, AST and the first two pass columns of a real capture.
const full = fixture('ssa/store-add/ssa.html');
const seed = full.slice(0, full.indexOf('<td id="number-lines-col"') + 2000);

/** Markup that changes how what follows is read, put anywhere. */
const TOKENS = ['<td id="x-col">', '<td id="sources-col">', '</td>', '<td>', '</tr>', '<!--', '-->', '<script>', '</script>', '<h1>', '<ul class="b9 ssa-print-func">', '<', '"', ''];

const input = fc
  .tuple(
    fc.nat({ max: seed.length }),
    fc.array(fc.tuple(fc.nat({ max: seed.length - 1 }), fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'binary', maxLength: 4 }))), { maxLength: 8 }),
    fc.integer({ min: 1, max: 70_000 }),
  )
  .map(([cut, edits, chunk]) => {
    let s = seed.slice(0, cut);
    for (const [at, ins] of edits) s = s.slice(0, at) + ins + s.slice(at + 1);
    return { text: s, chunk };
  });

async function* chunks(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

let cases = 0;
let early = 0;
let corrected = 0;

describe('early first phase of ssa.html', () => {
  it('ends with exactly the in-order result, whatever the markup and the chunks', async () => {
    await fc.assert(
      fc.asyncProperty(input, async ({ text, chunk }) => {
        cases++;
        const kept: SsaPhase[] = [];
        let zeros = 0;
        const fn = await parseSsaHtmlChunks(
          chunks(text, chunk),
          (p, i) => {
            kept[i] = p;
            if (i === 0) zeros++;
          },
          true,
          (i) => {
            kept.splice(i, 1);
            corrected++;
          },
        );
        const ref = parseSsaHtml(text);
        expect(kept).toEqual(ref.phases);
        expect(fn).toEqual(ref);
        if (zeros > 0) early++;
        if (zeros > 1) corrected++;
      }),
      { numRuns: Math.min(RUNS, 300) },
    );
    recordTrial({
      area: 'hostile input',
      what: 'ssa.html early first phase: truncated/mutated real capture (column, script, comment and row markup inserted anywhere), random chunk sizes',
      cases,
      outcome: `the phases kept in the end equal the in-order parse in every case; ${early} cases showed a phase early, ${corrected} had it replaced or taken back`,
      ok: true,
    });
  });
});

afterAll(() => saveTrials('ssa-first-phase'));
