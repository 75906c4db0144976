// An ssa.html read by its index (core/ssa/columnIndex.ts): the file is streamed once to find its
// columns and count each phase's blocks and values, which costs about what reading it costs; a column is
// parsed only when asked, from its byte range read again from the file. What is kept is the index (a few
// numbers a column), never the phases.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { SsaFunction } from '../../../shared/ssa';
import { ColumnIndexer, type ColumnEntry, type ColumnIndex, type PhaseEntry } from '../../../core/ssa/columnIndex';
import { addColumn, parseColumn } from '../../../core/ssa/columnParse';
import { phaseCounts, type PhaseCounts } from '../../../core/ssa/phaseCounts';

/** Node's native search (memchr-based), many times the speed of a search in JavaScript. */
const nativeFind = (hay: Uint8Array, needle: Uint8Array, from: number): number =>
  Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength).indexOf(needle, from);

/** Streams `file` through the indexer; onColumn hears of each column as soon as its range is known. */
export async function indexHtmlFile(file: string, onColumn: (c: ColumnEntry | PhaseEntry) => void): Promise<ColumnIndex> {
  const ix = new ColumnIndexer((c) => onColumn(c), nativeFind);
  // The stream reads a chunk ahead at most: the indexer takes each one synchronously.
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
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

/** A phase parsed from its column: its JSON text in UTF-8 (what the view is sent as it is) and its counts. */
export interface ParsedPhase {
  json: Uint8Array;
  /** As the parse counts them, to hold against the index's. */
  counts: PhaseCounts;
}

/** The phase of the pass column at [start, end). */
export async function phaseJsonAt(file: string, headEnd: number, start: number, end: number): Promise<ParsedPhase> {
  const [head, column] = await Promise.all([readRange(file, 0, headEnd), readRange(file, start, end)]);
  const phase = parseColumn(head, column).phases[0];
  if (!phase) throw new Error(`no phase at bytes ${start}-${end} of ${file}`);
  // Its own ArrayBuffer, so it can be transferred from a worker without a copy.
  return { json: new Uint8Array(Buffer.from(JSON.stringify(phase), 'utf8')), counts: phaseCounts(phase) };
}

/** The function's name and its columns that are not phases (sources, AST, genssa, unknown ones). */
export async function nonPhaseColumns(file: string, headEnd: number, columns: Array<{ start: number; end: number }>): Promise<SsaFunction> {
  const head = await readRange(file, 0, headEnd);
  const fn = parseColumn(head, new Uint8Array(0));
  for (const c of columns) addColumn(fn, parseColumn(head, await readRange(file, c.start, c.end)));
  return fn;
}
