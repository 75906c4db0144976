// The index of an ssa.html (core/ssa/columnIndex.ts) and the columns parsed from its ranges
// (columnParse.ts) against the in-order parse of the whole file: the same function, phase for phase,
// with each phase's passes, timings and counts found by byte search equal to what the parse counts. On
// the real fixtures cut into any chunks, on markup written the way html.go writes it from random
// functions (escaped text of any kind), and on fuzzed markup, where the index either says it cannot read
// the file (the store then parses it in order) or gives the in-order result.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ColumnIndexer, type ColumnIndex, type PhaseEntry } from '../../../src/core/ssa/columnIndex';
import { functionFromIndex, parseColumn, parsePhasePreview } from '../../../src/core/ssa/columnParse';
import { parseSsaHtml } from '../../../src/core/ssa/parseSsaHtml';
import { phaseCounts } from '../../../src/core/ssa/phaseCounts';
import type { SsaFunction, SsaPhase } from '../../../src/shared/ssa';
import { ssaHtmlFixture } from './ssaFixtures';

const FIXTURES = ['store-add', 'map-shaped', 'store-items-closure'];

/** The index of UTF-8 bytes fed in chunks of the given sizes (cycled). */
function indexOf(bytes: Uint8Array, sizes: number[]): ColumnIndex {
  const ix = new ColumnIndexer();
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = sizes.length ? sizes[k % sizes.length]! : bytes.length;
    ix.feed(bytes.subarray(at, at + size));
    at += size;
  }
  return ix.end();
}

/** What the summary shows of each phase, from the index and from the parsed function. */
const indexHeads = (ix: ColumnIndex) =>
  ix.columns.filter((c): c is PhaseEntry => c.kind === 'phase').map((p) => ({ name: p.title, passes: p.passes, timings: p.timings, ...p.counts }));
const parsedHeads = (fn: SsaFunction) => fn.phases.map((p) => ({ name: p.name, passes: p.passes, timings: p.timings, ...phaseCounts(p) }));

function expectSameAsInOrder(html: string, sizes: number[] = []): ColumnIndex {
  const bytes = Buffer.from(html, 'utf8');
  const ix = indexOf(bytes, sizes);
  if (ix.abnormal) return ix;
  const ref = parseSsaHtml(html);
  expect(functionFromIndex(ix, (s, e) => bytes.subarray(s, e))).toEqual(ref);
  expect(indexHeads(ix)).toEqual(parsedHeads(ref));
  return ix;
}

// ---- markup as html.go writes it (HTMLWriter.WriteMultiTitleColumn, htmlFuncPrinter) ----

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;');

interface GenValue {
  dead: boolean;
  op: string;
  type: string;
  aux: string;
  line: number | null;
  args: number[];
}
interface GenBlock {
  dead: boolean;
  values: GenValue[];
  kind: string;
  succs: number[];
}
interface GenPhase {
  passes: Array<{ name: string; ns: number | null }>;
  blocks: GenBlock[];
}

const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const value = fc.record({ dead: fc.boolean(), op: fc.constantFrom('Add64', 'Load', 'Phi', 'MOVQload'), type: text, aux: text, line: fc.option(fc.integer({ min: 1, max: 9999 })), args: fc.array(fc.nat(30), { maxLength: 3 }) });
const block = fc.record({ dead: fc.boolean(), values: fc.array(value, { maxLength: 5 }), kind: fc.constantFrom('Plain', 'If', 'Ret'), succs: fc.array(fc.nat(9), { maxLength: 2 }) });
const passName = fc.constantFrom('opt', 'lower', 'late deadcode', 'regalloc', 'dead auto elim', 'sccp');
const phase = fc.record({
  passes: fc.array(fc.record({ name: passName, ns: fc.option(fc.nat(1_000_000)) }), { minLength: 1, maxLength: 3 }),
  blocks: fc.array(block, { minLength: 1, maxLength: 5 }),
});

let vid = 0;
function valueHtml(v: GenValue): string {
  const id = `v${++vid}`;
  const line = v.line === null ? '<span class="no-line-number">(?)</span>' : `<span class="l${v.line} line-number">(${v.line})</span>`;
  const args = v.args.map((a) => ` <span class="v${a} ssa-value">v${a}</span>`).join('');
  return `<li class="ssa-long-value ${v.dead ? 'dead-value' : ''}"><span class="${id} ssa-long-value"><span class="${id} ssa-value">${id}</span> ${line} = ${v.op} &lt;${escape(v.type)}&gt;${escape(v.aux)}${args}</span></li>`;
}

function phaseHtml(p: GenPhase, k: number): string {
  const title = p.passes.map((x) => x.name).join('  +  ');
  const id = title.replace(/ /g, '-');
  const h2s = p.passes.map((x) => `<h2>${x.name}${k === 0 ? '' : ` <span class="stats">${x.ns === null ? '' : `[${x.ns} ns]`}</span>`}</h2>`).join('');
  const blocks = p.blocks
    .map((b, i) => {
      const values = b.values.length ? `<li class="ssa-value-list"><ul>${b.values.map(valueHtml).join('')}</ul></li>` : '';
      const succs = b.succs.length ? ` &#8594;${b.succs.map((s) => ` <span class="b${s} ssa-block">b${s}</span>`).join('')}` : '';
      return `<ul class="b${i + 1} ssa-print-func ${b.dead ? 'dead-block' : ''}"><li class="ssa-start-block"><span class="b${i + 1} ssa-block">b${i + 1}</span>:</li>${values}<li class="ssa-end-block"><span class="b${i + 1} ssa-block">${b.kind}</span>${succs}</li></ul>`;
    })
    .join('');
  return `<td id="${id}-col" class="collapsed"><div>${title}</div></td><td id="${id}-exp" class="hash-${k}">${h2s}<code>${blocks}<li>name x[int]: <span class="v1 ssa-value">v1</span> </li></code></td>\n`;
}

function documentHtml(name: string, source: string[], phases: GenPhase[]): string {
  const sources = `<td id="sources-col" class="collapsed"><div>sources</div></td><td id="sources-exp" class="allow-x-scroll"><h2>sources</h2><div class="lines" style="width: 8%"><div>&nbsp;</div>${source.map((_, i) => `<div class="l${i + 1} line-number">${i + 1}</div>`).join('')}</div><div style="width: 92%"><pre><div>&nbsp;</div><div><strong>a.go</strong></div>${source.map((l, i) => `<div class="l${i + 1} line-number">${l.trim() ? escape(l) : '&nbsp;'}</div>`).join('')}</pre></div></td>\n`;
  return `<html><head><style>td > h2 { cursor: pointer; }</style><script>function f() { return 1 < 2; }</script></head><body><h1>${escape(name)}</h1><table><tr>${sources}${phases.map(phaseHtml).join('')}</tr></table></body></html>`;
}

describe('the ssa.html index', () => {
  it('gives the in-order parse on every fixture, whatever the chunks', () => {
    for (const name of FIXTURES) {
      const html = ssaHtmlFixture(name);
      for (const sizes of [[], [1 << 20], [4096], [77, 1000, 13]]) {
        const ix = expectSameAsInOrder(html, sizes);
        expect(ix.abnormal).toBeNull();
        expect(ix.columns.filter((c) => c.kind === 'phase').length).toBeGreaterThan(10);
        expect(ix.columns.map((c) => c.kind).slice(0, 2)).toEqual(['sources', 'AST']);
        expect(ix.columns.at(-1)!.kind).toBe('genssa');
      }
    }
  });

  it('counts blocks and values as the parse does on markup html.go writes from any function', () => {
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 4 }), fc.array(phase, { minLength: 1, maxLength: 4 }), fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 4 }), (name, source, phases, sizes) => {
        const html = documentHtml(name, source, phases);
        const ix = expectSameAsInOrder(html, sizes);
        expect(ix.abnormal).toBeNull();
        expect(indexHeads(ix).length).toBe(phases.length);
      }),
      { numRuns: 200 },
    );
  });

  it('on fuzzed markup, says it cannot read the file, or a column disagrees with it, or it gives the in-order parse', () => {
    const html = ssaHtmlFixture('store-add');
    const cells = html.indexOf('<td id="sources-col"');
    let read = 0;
    let same = 0;
    /** As the store reads a damaged file (see test/hardening/ssaIndex.test.ts for why "nearly always"). */
    const check = (s: string, size: number) => {
      const bytes = Buffer.from(s, 'utf8');
      const ix = indexOf(bytes, [size]);
      if (ix.abnormal) return;
      const head = bytes.subarray(0, ix.headEnd);
      const entries = ix.columns.filter((c): c is PhaseEntry => c.kind === 'phase');
      // A column that disagrees makes the store parse the file in order.
      for (const e of entries) {
        const ps = parseColumn(head, bytes.subarray(e.start, e.end)).phases;
        if (ps.length !== 1 || JSON.stringify([ps[0]!.name, ps[0]!.passes, ps[0]!.timings, phaseCounts(ps[0]!)]) !== JSON.stringify([e.title, e.passes, e.timings, e.counts])) return;
      }
      read++;
      if (JSON.stringify(functionFromIndex(ix, (a, b) => bytes.subarray(a, b))) === JSON.stringify(parseSsaHtml(s))) same++;
    };
    const PIECES = ['<td id="x-col">', '<td id="x-exp">', '<td>', '</td>', '</tr>', '<h2>', '</h2>', '<li class="ssa-long-value ">', ' ssa-print-func ', '<ul class="b9 ssa-print-func ">', 'dead-block', '</ul>', '</li>', '<', '"', '</html>', 'x', ' ', '&lt;', '😀', '7', '<b>', '</s>'];
    fc.assert(
      fc.property(
        // Most edits go to the columns, some to the document head before them.
        fc.array(fc.record({ head: fc.nat(4).map((n) => n === 0), at: fc.double({ min: 0, max: 1, noNaN: true }), cut: fc.nat(60), piece: fc.constantFrom(...PIECES) }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 50, max: 5000 }),
        (edits, size) => {
          let s = html;
          for (const e of edits) {
            const i = e.head ? Math.floor(e.at * cells) : cells + Math.floor(e.at * (s.length - cells));
            s = s.slice(0, i) + e.piece + s.slice(i + e.cut);
          }
          check(s, size);
        },
      ),
      { numRuns: 150 },
    );
    // Many edits leave a file the index reads (47 to 58 of 150 in three runs when this was written): the property is not vacuous.
    expect(read).toBeGreaterThan(25);
    // All of them, in 3,000 runs when this was written; the in-order tokenizer can read a damaged tag past its column.
    expect(same).toBeGreaterThanOrEqual(read * 0.9);
  });

  it('previews a phase by its first blocks, as the whole parse gives them', () => {
    /** The preview's blocks are the whole phase's, but the last, which may be cut after some of its values. */
    const expectPreviewOf = (preview: SsaPhase, whole: SsaPhase) => {
      const n = preview.blocks.length;
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThanOrEqual(whole.blocks.length);
      expect(preview.blocks.slice(0, n - 1)).toEqual(whole.blocks.slice(0, n - 1));
      const last = preview.blocks[n - 1]!;
      const full = whole.blocks[n - 1]!;
      if (JSON.stringify(last) !== JSON.stringify(full)) {
        expect(last.id).toBe(full.id);
        expect(last.values.length).toBeGreaterThan(0);
        expect(last.values.length).toBeLessThan(full.values.length);
        expect(last.values).toEqual(full.values.slice(0, last.values.length));
      }
      expect({ ...preview, blocks: [] }).toEqual({ ...whole, blocks: [], names: [], preview: true });
    };
    let cutInBlock = 0;
    for (const name of FIXTURES) {
      const html = ssaHtmlFixture(name);
      const bytes = Buffer.from(html, 'utf8');
      const ix = indexOf(bytes, []);
      const ref = parseSsaHtml(html);
      const head = bytes.subarray(0, ix.headEnd);
      ix.columns
        .filter((c): c is PhaseEntry => c.kind === 'phase')
        .forEach((c, k) => {
          const column = bytes.subarray(c.start, c.end);
          // Cut after the third value of the first block, and at 30% and 70% of the column.
          const firstValue = column.indexOf('<li class="ssa-long-value ');
          const fourth = [1, 2, 3].reduce((at) => (at < 0 ? at : column.indexOf('<li class="ssa-long-value ', at + 1)), firstValue);
          for (const end of [fourth, Math.floor(column.length * 0.3), Math.floor(column.length * 0.7)]) {
            if (end <= 0) continue;
            const preview = parsePhasePreview(head, column.subarray(0, end));
            if (!preview) continue;
            expectPreviewOf(preview, ref.phases[k]!);
            if (preview.blocks.length === 1 && preview.blocks[0]!.values.length < ref.phases[k]!.blocks[0]!.values.length) cutInBlock++;
          }
        });
    }
    expect(cutInBlock).toBeGreaterThan(0);
    // A prefix holding no value of its one block has nothing to show.
    const html = ssaHtmlFixture('store-add');
    const b = html.indexOf('<ul class="b');
    expect(parsePhasePreview(Buffer.from(html.slice(0, html.indexOf('<td id="sources-col"'))), Buffer.from(html.slice(b - 10, b + 100)))).toBeNull();
  });

  it('says why it cannot read a file that is not laid out as html.go writes it', () => {
    const html = ssaHtmlFixture('store-add');
    const read = (s: string) => indexOf(Buffer.from(s, 'utf8'), [1000]).abnormal;
    expect(read('')).toBe('no compiler columns were found');
    expect(read('<html><body><p>hello</p></body></html>')).toBe('no compiler columns were found');
    expect(read(html.slice(0, Math.floor(html.length / 2)))).toMatch(/^the file ends inside the ".*" column$/);
    expect(read(html.slice(0, html.indexOf('</tr>') + 5))).toBe('the file ends before </html>');
    expect(read(html.replace('<td id="AST-exp"', '<td id="other-exp"'))).toBe('the title cell "AST-col" is not followed by its column');
    expect(read(html.replace('<td id="AST-col"', '<td id="AST"'))).toBe('a cell "AST" that is not a column');
  });
});
