// The SSA store reads an ssa.html by its index (services/ssa/htmlIndex.ts): the summary from the index,
// each phase parsed from the file when asked. Whatever it is given, what it answers in the end is what
// the in-order parse of the whole file finds: on the real captures, on a truncated one (parsed in order
// instead) and on mutated ones. A file changed on disk after it was indexed is refused with a reason,
// never read at stale offsets. Through the built worker as the app runs it, and in this thread.
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSsaHtml } from '../../../src/core/ssa/parseSsaHtml';
import { phaseCounts } from '../../../src/core/ssa/phaseCounts';
import { SsaStore } from '../../../src/main/services/ssa/ssaStore';
import { SsaThread } from '../../../src/main/services/ssa/ssaThread';
import { madeUpSsaHtml, warmUp } from '../../../src/main/services/ssa/htmlIndex';
import type { SsaFunction, SsaPhase } from '../../../src/shared/ssa';
import { decodeParts, RawJson } from '../../../src/shared/rpc';

const REPO = path.resolve(__dirname, '../../..');
const WORKER = path.join(REPO, 'out/main/ssaWorker.js');
const FIXTURES = path.join(REPO, 'test/fixtures/ssa');
const NAMES = ['store-add', 'map-shaped', 'store-items-closure'];

let tmp = '';
beforeAll(() => {
  if (!existsSync(WORKER)) throw new Error(`run npm run build first: this test runs the built SSA worker (${path.relative(REPO, WORKER)} is missing)`);
  tmp = mkdtempSync(path.join(os.tmpdir(), 'gopsy-ssa-index-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let dirs = 0;
/** A folder holding `html` as its ssa.html. */
function folder(html: string | Buffer): string {
  const dir = path.join(tmp, `c${dirs++}`);
  cpSync(path.join(FIXTURES, 'map-shaped'), dir, { recursive: true });
  writeFileSync(path.join(dir, 'ssa.html'), html);
  return dir;
}

/** What the store ends with: its summary's phases and the whole function. */
async function answers(store: SsaStore, dir: string) {
  const id = `c${dirs++}`;
  await store.load(id, dir);
  await store.full(id).catch(() => undefined);
  return { summary: await store.summary(id), fn: await store.full(id).catch((e: Error) => e.message), id };
}

const summaryOf = (fn: SsaFunction) =>
  fn.phases.map((p, index) => ({ index, name: p.name, passes: p.passes, timings: p.timings, ...(p.partial ? { partial: true } : {}), ...phaseCounts(p) }));

for (const [where, thread] of [
  ['the built worker', () => new SsaThread(WORKER)],
  ['this thread', () => new SsaThread(null)],
] as const) {
  describe(`an ssa.html read by its index, in ${where}`, () => {
    it('answers what the in-order parse finds, on every real capture', async () => {
      const store = new SsaStore(undefined, thread());
      for (const name of NAMES) {
        const html = readFileSync(path.join(FIXTURES, name, 'ssa.html'), 'utf8');
        const ref = parseSsaHtml(html);
        const { summary, fn, id } = await answers(store, folder(html));
        expect(summary.done).toBe(true);
        expect(summary.warnings).toEqual([]);
        expect(summary.phases).toEqual(summaryOf(ref));
        expect(summary.counts).toEqual({ sources: ref.sources.reduce((n, s) => n + s.lines.length, 0), ast: ref.ast.length, genssa: ref.genssa.length });
        expect(fn).toEqual(ref);
        // The view's bytes are the phase's JSON.
        const view = await store.phaseForView(id, 'html', 3);
        expect(view).toBeInstanceOf(RawJson);
        expect(JSON.parse(decodeParts((view as RawJson<unknown>).parts))).toEqual(ref.phases[3]);
        await expect(store.phase(id, 'html', ref.phases.length)).rejects.toThrow(`Phase ${ref.phases.length} does not exist`);
      }
    });

    it('shows the first blocks of a big first phase while it parses the rest', async () => {
      // 30,000 values in one phase (about 9 MB): parsed whole in a few hundred ms, previewed in a few.
      const html = madeUpSsaHtml(30_000);
      const ref = parseSsaHtml(html.toString('utf8'));
      const store = new SsaStore(undefined, thread());
      await store.load('big', folder(html));
      await store.summary('big');
      const first = JSON.parse(decodeParts(((await store.phaseForView('big', 'html', 0, true)) as RawJson<unknown>).parts)) as SsaPhase;
      expect(first.preview).toBe(true);
      const whole = ref.phases[0]!;
      expect(first.blocks.length).toBeLessThan(whole.blocks.length);
      expect(first).toEqual({ ...whole, blocks: whole.blocks.slice(0, first.blocks.length), names: [], preview: true });
      // Asked again without preview, the whole phase.
      const again = JSON.parse(decodeParts(((await store.phaseForView('big', 'html', 0)) as RawJson<unknown>).parts)) as SsaPhase;
      expect(again).toEqual(whole);
      expect(await store.full('big')).toEqual(ref);
    });

    it('answers from the in-order parse a big capture found truncated after its first phase was shown', async () => {
      // Two big pass columns, the file cut inside the second: the first is indexed, previewed and parsed
      // before the index finds the file truncated.
      const one = madeUpSsaHtml(20_000).toString('utf8');
      const col = one.slice(one.indexOf('<td id="opt-col"'), one.indexOf('</tr>'));
      const two = one.replace('</tr>', col.replace(/opt-col|opt-exp/g, (m) => m.replace('opt', 'lower')).replace('<div>opt</div>', '<div>lower</div>') + '</tr>');
      const cut = two.slice(0, two.length - Math.floor(col.length / 2));
      const ref = parseSsaHtml(cut);
      expect(ref.partial).toBe(true);
      const store = new SsaStore(undefined, thread());
      await store.load('cut', folder(cut));
      await store.summary('cut');
      const shown = JSON.parse(decodeParts(((await store.phaseForView('cut', 'html', 0, true)) as RawJson<unknown>).parts)) as SsaPhase;
      expect(shown.name).toBe('opt');
      const whole = await store.phaseForView('cut', 'html', 0);
      expect(JSON.parse(decodeParts((whole as RawJson<unknown>).parts))).toEqual(ref.phases[0]);
      expect(await store.full('cut')).toEqual(ref);
      const summary = await store.summary('cut');
      expect(summary.partial).toBe(true);
      expect(summary.warnings).toEqual(ref.warnings);
      expect(summary.phases).toEqual(summaryOf(ref));
    });

    it('parses a truncated capture in order and says it is truncated', async () => {
      const html = readFileSync(path.join(FIXTURES, 'store-add', 'ssa.html'), 'utf8');
      const cut = html.slice(0, Math.floor(html.length * 0.6));
      const ref = parseSsaHtml(cut);
      expect(ref.partial).toBe(true);
      const { summary, fn } = await answers(new SsaStore(undefined, thread()), folder(cut));
      expect(summary.partial).toBe(true);
      expect(summary.warnings).toEqual(ref.warnings);
      expect(summary.phases).toEqual(summaryOf(ref));
      expect(fn).toEqual(ref);
    });

    it('refuses to read a phase once the file changed on disk, and reads it again when reopened', async () => {
      const store = new SsaStore(undefined, thread());
      const dir = folder(readFileSync(path.join(FIXTURES, 'store-add', 'ssa.html')));
      await store.load('x', dir);
      await store.full('x');
      const second = (await store.summary('x')).phases.length - 1;
      appendFileSync(path.join(dir, 'ssa.html'), '<!-- more -->');
      await expect(store.phase('x', 'html', second)).rejects.toThrow(/ssa\.html changed on disk after it was opened/);
      await store.load('x', dir);
      expect((await store.phase('x', 'html', second)).blocks.length).toBeGreaterThan(0);
    });
  });
}

it('warms the reader on a small file laid out as html.go writes it', async () => {
  const ix = await warmUp();
  expect(ix.abnormal).toBeNull();
  expect(ix.columns.map((c) => c.kind)).toEqual(['sources', 'phase']);
});

describe('an ssa.html the index cannot read', () => {
  it('parses a damaged file in order once a phase\'s parse disagrees with the index', async () => {
    // A value's </li> lost: the parse merges it into the next value, the index's byte search counts both.
    const html = readFileSync(path.join(FIXTURES, 'store-add', 'ssa.html'), 'utf8');
    const lower = html.indexOf('<td id="lower-col"');
    const at = html.indexOf('</li><li class="ssa-long-value ', lower);
    const damaged = html.slice(0, at) + html.slice(at + 1);
    const ref = parseSsaHtml(damaged);
    const store = new SsaStore(undefined, new SsaThread(WORKER));
    const id = 'damaged';
    await store.load(id, folder(damaged));
    const before = await store.summary(id);
    const k = ref.phases.findIndex((p) => p.name === 'lower');
    // The index's count is one more than the parse's until the phase is parsed.
    await expect.poll(async () => (await store.summary(id)).done).toBe(true);
    expect((await store.summary(id)).phases[k]!.values).toBe(phaseCounts(ref.phases[k]!).values + 1);
    expect(before.name).toBe(ref.name);
    expect(await store.phase(id, 'html', k)).toEqual(ref.phases[k]);
    const after = await store.summary(id);
    expect(after.phases).toEqual(summaryOf(ref));
    expect(await store.full(id)).toEqual(ref);
  });

  it('ends with the in-order result whatever markup is put in it', async () => {
    const html = readFileSync(path.join(FIXTURES, 'store-add', 'ssa.html'), 'utf8');
    const cells = html.indexOf('<td id="sources-col"');
    const store = new SsaStore(undefined, new SsaThread(null));
    const PIECES = ['<td id="x-col">', '<td>', '</td>', '</tr>', '<h2>', '</html>', '<li class="ssa-long-value ">', '<ul class="b9 ssa-print-func ">', '<'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...PIECES)), { minLength: 1, maxLength: 3 }), async (edits) => {
        let s = html;
        for (const [at, piece] of edits) {
          const i = cells + Math.floor(at * (s.length - cells));
          s = s.slice(0, i) + piece + s.slice(i);
        }
        const ref = parseSsaHtml(s);
        const { summary, fn } = await answers(store, folder(s));
        expect(fn).toEqual(ref);
        expect(summary.phases).toEqual(summaryOf(ref));
        expect(summary.warnings).toEqual(ref.warnings);
      }),
      { numRuns: 25 },
    );
  });
});
