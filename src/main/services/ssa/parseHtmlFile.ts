// Parses an ssa.html file from disk: in a worker thread when the built worker exists (the app), in
// this thread otherwise (tests run the sources, where no built worker is present). Either way the file
// is streamed, never read whole, and phases are reported as they complete.
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SsaFunction, SsaPhase } from '../../../shared/ssa';
import { SsaHtmlParser } from '../../../core/ssa/parseSsaHtml';

/** retain=false leaves phases out of the result: the caller keeps what onPhase gave it. */
export async function parseHtmlFileInline(file: string, onPhase: (p: SsaPhase, i: number, fnName: string) => void, retain = true): Promise<SsaFunction> {
  const parser = new SsaHtmlParser(onPhase, retain);
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream) parser.feed(chunk as string);
  return parser.finish();
}

/** The worker bundle electron-vite writes next to the main and CLI bundles. */
const workerFile = () => path.join(__dirname, 'ssaWorker.js');

/**
 * A phase as the backend keeps it: its JSON as UTF-8 bytes, and its counts. The object graph of a big
 * function's phases is several times the file's size; the bytes are less than the file, live outside
 * the JS heap, move from the worker without a copy, and a phase is parsed again only when asked for.
 */
export interface StoredPhase {
  json: Uint8Array;
  blocks: number;
  values: number;
}

export function storePhase(p: SsaPhase): StoredPhase {
  // TextEncoder gives the bytes their own ArrayBuffer (Buffer.from may share its pool), so it can be transferred.
  return { json: new TextEncoder().encode(JSON.stringify(p)), blocks: p.blocks.length, values: p.blocks.reduce((n, b) => n + b.values.length, 0) };
}

export function loadPhase(p: StoredPhase): SsaPhase {
  return JSON.parse(new TextDecoder().decode(p.json)) as SsaPhase;
}

type OnStoredPhase = (p: StoredPhase, summary: SsaPhase, i: number, fnName: string) => void;

/**
 * Like parseHtmlFileInline, but phases arrive as StoredPhase (plus the phase without its blocks, for the
 * summary) and the result has no phases: the caller keeps them.
 */
export function parseHtmlFile(file: string, onPhase: OnStoredPhase): Promise<SsaFunction> {
  const head = (p: SsaPhase): SsaPhase => ({ ...p, blocks: [], names: [] });
  if (!existsSync(workerFile())) return parseHtmlFileInline(file, (p, i, name) => onPhase(storePhase(p), head(p), i, name), false);
  return new Promise((resolve, reject) => {
    // A small young generation: the parse makes short-lived strings by the million, and with the
    // default one the worker's RSS grows by tens of MB of garbage; measured as fast either way.
    const worker = new Worker(workerFile(), { workerData: { file }, resourceLimits: { maxYoungGenerationSizeMb: 6 } });
    worker.on('message', (m: { type: 'phase'; stored: StoredPhase; head: SsaPhase; index: number; name: string } | { type: 'done'; fn: SsaFunction } | { type: 'error'; message: string }) => {
      if (m.type === 'phase') onPhase(m.stored, m.head, m.index, m.name);
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
