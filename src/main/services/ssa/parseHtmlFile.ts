// Parses an ssa.html file from disk: in a worker thread when the built worker exists (the app), in
// this thread otherwise (tests run the sources, where no built worker is present). Either way the file
// is streamed, never read whole, phases are reported as they complete, and the first phase is parsed
// as soon as its column is read (core/ssa/firstPhase.ts).
import { createReadStream } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { SsaFunction, SsaPhase } from '../../../shared/ssa';
import { parseSsaHtmlChunks } from '../../../core/ssa/firstPhase';
import { phaseCounts, type PhaseCounts } from '../../../core/ssa/phaseCounts';
import { builtWorkerFile } from '../builtWorker';

/**
 * retain=false leaves phases out of the result: the caller keeps what onPhase gave it. onPhase may be
 * called twice for index 0 (the second call replaces the first), and onDrop(0) takes the first back.
 * gate, when given, is awaited before each chunk is parsed: the file is read no further until it
 * resolves (the worker waits there for the main thread to take the phases it posted).
 */
export async function parseHtmlFileInline(
  file: string,
  onPhase: (p: SsaPhase, i: number, fnName: string) => void,
  retain = true,
  onDrop?: (index: number) => void,
  gate?: () => Promise<void>,
): Promise<SsaFunction> {
  // Bytes, not text: the parser reads UTF-8 itself and decodes only the text it keeps. The stream reads
  // a chunk ahead at most: the parse pulls the next one when done with the last (backpressure).
  const stream = createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>;
  return parseSsaHtmlChunks(gate ? gated(stream, gate) : stream, onPhase, retain, onDrop);
}

async function* gated(chunks: AsyncIterable<Buffer>, gate: () => Promise<void>): AsyncIterable<Buffer> {
  for await (const chunk of chunks) {
    await gate();
    yield chunk;
  }
}

/**
 * A phase as the backend keeps it: its JSON as UTF-8 bytes, deflated, and its counts. The object graph
 * of a big function's phases is several times the file's size; their JSON is about half the file, and
 * deflated a seventh of that. The bytes live outside the JS heap, move from the worker without a copy,
 * go to the view as they are (inflated, not parsed: RawJson), and are parsed again only for analysis.
 */
export interface StoredPhase {
  deflated: Uint8Array;
  /** All blocks and values, dead ones included (what the phase costs to rebuild). */
  blocks: number;
  values: number;
  /** What the view shows as the phase's size (see core/ssa/phaseCounts.ts). */
  counts: PhaseCounts;
}

export function storePhase(p: SsaPhase): StoredPhase {
  // Level 1: a tenth of the time of the default level for nearly the same size on this text. The copy
  // gives the bytes their own ArrayBuffer (zlib's may be shared), so it can be transferred.
  const deflated = new Uint8Array(deflateRawSync(Buffer.from(JSON.stringify(p), 'utf8'), { level: 1 }));
  return { deflated, blocks: p.blocks.length, values: p.blocks.reduce((n, b) => n + b.values.length, 0), counts: phaseCounts(p) };
}

/** The phase's JSON text as UTF-8 bytes. */
export function phaseJson(p: StoredPhase): Uint8Array {
  return inflateRawSync(p.deflated);
}

export function loadPhase(p: StoredPhase): SsaPhase {
  return JSON.parse(inflateRawSync(p.deflated).toString('utf8')) as SsaPhase;
}

type OnStoredPhase = (p: StoredPhase, summary: SsaPhase, i: number, fnName: string) => void;

/** What the main thread tells the worker: a phase it posted has been taken (see parseWorker.ts). */
export const PHASE_TAKEN = 'taken';

export type WorkerMessage =
  | { type: 'phase'; stored: StoredPhase; head: SsaPhase; index: number; name: string }
  | { type: 'drop'; index: number }
  | { type: 'done'; fn: SsaFunction }
  | { type: 'error'; message: string };

/** The phase without its blocks: name, passes, timings for the summary. */
export const phaseHead = (p: SsaPhase): SsaPhase => ({ ...p, blocks: [], names: [] });

/**
 * Like parseHtmlFileInline, but phases arrive as StoredPhase (plus the phase without its blocks, for the
 * summary) and the result has no phases: the caller keeps them. A phase given again for the same index
 * replaces the first one; onDrop takes one back (see parseSsaHtmlChunks).
 */
export function parseHtmlFile(file: string, onPhase: OnStoredPhase, onDrop: (index: number) => void = () => undefined): Promise<SsaFunction> {
  const script = builtWorkerFile('ssaWorker.js', __dirname, __filename, 'the SSA parser worker');
  if (!script) return parseHtmlFileInline(file, (p, i, name) => onPhase(storePhase(p), phaseHead(p), i, name), false, onDrop);
  return parseHtmlFileInWorker(script, file, onPhase, onDrop);
}

/** parseHtmlFile in the worker built at `script` (exported for the test that runs the built worker). */
export function parseHtmlFileInWorker(script: string, file: string, onPhase: OnStoredPhase, onDrop: (index: number) => void): Promise<SsaFunction> {
  return new Promise((resolve, reject) => {
    // A small young generation: the parse makes short-lived strings by the million, and with the
    // default one the worker's RSS grows by tens of MB of garbage. Peak RSS growth of a process running
    // this worker on genssa (75 MB), two runs each: default 144-145 MB, 16 MB 117-119, 6 MB 111-112,
    // 2 MB 98-103, for the same CPU time within the machine's noise (3.4-4.1 s each).
    const worker = new Worker(script, { workerData: { file }, resourceLimits: { maxYoungGenerationSizeMb: 2 } });
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'phase') {
        onPhase(m.stored, m.head, m.index, m.name);
        worker.postMessage(PHASE_TAKEN);
      }
      else if (m.type === 'drop') onDrop(m.index);
      else if (m.type === 'done') {
        resolve(m.fn);
        void worker.terminate();
      } else {
        reject(new Error(m.message));
        void worker.terminate();
      }
    });
    worker.on('error', reject);
  });
}
