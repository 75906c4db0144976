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

export function parseHtmlFile(file: string, onPhase: (p: SsaPhase, i: number, fnName: string) => void): Promise<SsaFunction> {
  if (!existsSync(workerFile())) return parseHtmlFileInline(file, onPhase);
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile(), { workerData: { file } });
    const phases: SsaPhase[] = [];
    worker.on('message', (m: { type: 'phase'; phase: SsaPhase; index: number; name: string } | { type: 'done'; fn: SsaFunction } | { type: 'error'; message: string }) => {
      if (m.type === 'phase') {
        phases[m.index] = m.phase;
        onPhase(m.phase, m.index, m.name);
      } else if (m.type === 'done') {
        resolve({ ...m.fn, phases });
        void worker.terminate();
      } else {
        reject(new Error(m.message));
        void worker.terminate();
      }
    });
    worker.on('error', reject);
  });
}
