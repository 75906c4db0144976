// An ssa.html read by its index (core/ssa/columnIndex.ts): the file is streamed once to find its
// columns and count each phase's blocks and values, which costs about what reading it costs; a column is
// parsed only when asked, from its byte range read again from the file. What is kept is the index (a few
// numbers a column), never the phases.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { SsaFunction } from '../../../shared/ssa';
import { ColumnIndexer, type ColumnEntry, type ColumnIndex, type PhaseEntry } from '../../../core/ssa/columnIndex';
import { addColumn, parseColumn, parsePhasePreview } from '../../../core/ssa/columnParse';
import { phaseCounts, type PhaseCounts } from '../../../core/ssa/phaseCounts';

/** Node's native search (memchr-based), many times the speed of a search in JavaScript. */
const nativeFind = (hay: Uint8Array, needle: Uint8Array, from: number): number =>
  Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength).indexOf(needle, from);

/**
 * Parses someone waits on (a phase shown, its preview) go before the index's next chunk: they share one
 * thread, and the index of a big file goes on for a second after the first phase is shown.
 */
let urgent = 0;
let resume: Array<() => void> = [];

async function asUrgent<T>(work: () => Promise<T>): Promise<T> {
  urgent++;
  try {
    return await work();
  } finally {
    if (--urgent === 0) {
      for (const r of resume) r();
      resume = [];
    }
  }
}

/** Streams `file` through the indexer; onColumn hears of each column as soon as its range is known. */
export async function indexHtmlFile(file: string, onColumn: (c: ColumnEntry | PhaseEntry) => void): Promise<ColumnIndex> {
  const ix = new ColumnIndexer((c) => onColumn(c), nativeFind);
  // The stream reads a chunk ahead at most: the indexer takes each one synchronously.
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (urgent > 0) await new Promise<void>((r) => resume.push(r));
    ix.feed(chunk);
    if (ix.abnormal) break;
  }
  return ix.end();
}

/** A file's bytes in [start, end). */
async function readRange(file: string, start: number, end: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(end - start);
    let at = 0;
    while (at < buf.length) {
      const { bytesRead } = await fh.read(buf, at, buf.length - at, start + at);
      if (bytesRead === 0) throw new Error(`${file} is shorter than when it was read (it changed on disk)`);
      at += bytesRead;
    }
    return buf;
  } finally {
    await fh.close();
  }
}

/** A phase parsed from its column: its JSON text in UTF-8 (what the view is sent as it is), and what to hold against the index. */
export interface ParsedPhase {
  json: Uint8Array;
  /** As the parse reads them, to hold against the index's. */
  counts: PhaseCounts;
  name: string;
  passes: string[];
  timings: Array<number | null>;
}

/** The phase of the pass column at [start, end); null when the column, parsed on its own, is not one phase. */
export function phaseJsonAt(file: string, headEnd: number, start: number, end: number): Promise<ParsedPhase | null> {
  return asUrgent(() => parsePhaseAt(file, headEnd, start, end));
}

async function parsePhaseAt(file: string, headEnd: number, start: number, end: number): Promise<ParsedPhase | null> {
  const [head, column] = await Promise.all([readRange(file, 0, headEnd), readRange(file, start, end)]);
  const phases = parseColumn(head, column).phases;
  if (phases.length !== 1) return null;
  const phase = phases[0]!;
  // Its own ArrayBuffer, so it can be transferred from a worker without a copy.
  const json = new Uint8Array(Buffer.from(JSON.stringify(phase), 'utf8'));
  return { json, counts: phaseCounts(phase), name: phase.name, passes: phase.passes, timings: phase.timings };
}

/** How much of a pass column its preview reads: about two hundred values, more than a screen shows. */
export const PREVIEW_BYTES = 64 * 1024;

/** The first blocks of the phase in the pass column at [start, end) (see parsePhasePreview), or null. */
export function phasePreviewAt(file: string, headEnd: number, start: number, end: number): Promise<Uint8Array | null> {
  if (end - start <= PREVIEW_BYTES) return Promise.resolve(null);
  return asUrgent(async () => {
    const [head, prefix] = await Promise.all([readRange(file, 0, headEnd), readRange(file, start, start + PREVIEW_BYTES)]);
    const phase = parsePhasePreview(head, prefix);
    return phase ? new Uint8Array(Buffer.from(JSON.stringify(phase), 'utf8')) : null;
  });
}

/** The function's name and its columns that are not phases (sources, AST, genssa, unknown ones). */
export async function nonPhaseColumns(file: string, headEnd: number, columns: Array<{ start: number; end: number }>): Promise<SsaFunction> {
  const head = await readRange(file, 0, headEnd);
  const fn = parseColumn(head, new Uint8Array(0));
  for (const c of columns) addColumn(fn, parseColumn(head, await readRange(file, c.start, c.end)));
  return fn;
}

/**
 * An ssa.html laid out as html.go writes it, of a size that gets the index and the parse compiled by the
 * optimising compiler (one sources column, one pass column of `values` values).
 */
export function madeUpSsaHtml(values: number): Buffer {
  const value = (i: number) =>
    `<li class="ssa-long-value ${i % 7 ? '' : 'dead-value'}"><span class="v${i} ssa-long-value"><span class="v${i} ssa-value">v${i}</span> <span class="l${i} line-number">(<b>+${i}</b>)</span> = Add64 &lt;int&gt; <span class="v${i - 1} ssa-value">v${i - 1}</span> : AX (x[int])</span></li>`;
  const block = (b: number, from: number, to: number) => {
    const vs: string[] = [];
    for (let i = from; i < to; i++) vs.push(value(i));
    return `<ul class="b${b} ssa-print-func "><li class="ssa-start-block"><span class="b${b} ssa-block">b${b}</span>:<button onclick="hideBlock(this)">-</button></li><li class="ssa-value-list"><ul>${vs.join('')}</ul></li><li class="ssa-end-block"><span class="b${b} ssa-block">Plain</span> &#8594; <span class="b${b + 1} ssa-block">b${b + 1}</span> <span class="l1 line-number">(1)</span></li></ul>`;
  };
  const blocks: string[] = [];
  for (let b = 1, i = 1; i < values; b++, i += 50) blocks.push(block(b, i, Math.min(values, i + 50)));
  return Buffer.from(
    '<html><head><style>td { width: 1px; }</style></head><body><h1>f</h1><table><tr>' +
      '<td id="sources-col" class="collapsed"><div>sources</div></td><td id="sources-exp" class="allow-x-scroll"><h2>sources</h2><div class="lines" style="width: 8%"><div class="l1 line-number">1</div></div><div style="width: 92%"><pre><div class="l1 line-number">func f() {}</div></pre></div></td>\n' +
      `<td id="opt-col" class="collapsed"><div>opt</div></td><td id="opt-exp" class="hash-0"><h2>opt <span class="stats">[100 ns]</span></h2><code>${blocks.join('')}<li>name x[int]: <span class="v1 ssa-value">v1</span> </li></code></td>\n` +
      '</tr></table></body></html>',
  );
}

/**
 * Runs the index and the column parse on a made-up file of about a megabyte, so the first capture a
 * user opens is read by compiled code: measured on genssa's ssa.html, the first open of a fresh worker
 * took 440 ms to its first phase and the next ones 100-170 ms.
 */
export function warmUp(values = 4000): Promise<ColumnIndex> {
  const file = madeUpSsaHtml(values);
  const ix = new ColumnIndexer(undefined, nativeFind);
  for (let at = 0; at < file.length; at += 1 << 16) ix.feed(file.subarray(at, at + (1 << 16)));
  const index = ix.end();
  if (index.abnormal) return Promise.reject(new Error(`the warm-up file is not read by its index: ${index.abnormal}`));
  const head = file.subarray(0, index.headEnd);
  for (const c of index.columns) {
    // What a request does with a phase: parse, count, serialise.
    const phase = parseColumn(head, file.subarray(c.start, c.end)).phases[0];
    if (phase) void (phaseCounts(phase).values + JSON.stringify(phase).length);
  }
  return Promise.resolve(index);
}
