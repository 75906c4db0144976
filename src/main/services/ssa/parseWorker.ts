// Worker thread entry for ssa.html, in one of two modes, chosen by its workerData:
// - { serve: true }: answers SsaThread's requests (ssaThread.ts): index a file, parse one column. This is
//   how the app reads an ssa.html laid out as html.go writes it.
// - { file }: parses one ssa.html in order, the fallback for a file its index cannot read (truncated,
//   not html.go's layout): streaming it from disk in 1 MB chunks and posting each phase (as deflated
//   JSON bytes) as soon as it is read. The main thread says when it has taken each phase; with more than
//   a few not taken (it is busy: a machine compiling beside us), the worker stops reading the file until
//   it catches up, so neither the message queue nor the read-ahead grows without bound.
import { parentPort, workerData } from 'node:worker_threads';
import { PHASE_TAKEN, parseHtmlFileInline, phaseHead, storePhase, type WorkerMessage } from './parseHtmlFile';
import { serveRequests } from '../requestWorker';
import { answerSsa } from './ssaThread';

/** Phases posted and not yet taken before the parse waits. */
const MAX_IN_FLIGHT = 2;

function parseInOrder(file: string): void {
  const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);
  let inFlight = 0;
  let wake: (() => void) | null = null;
  parentPort!.on('message', (m: unknown) => {
    if (m !== PHASE_TAKEN) return;
    inFlight--;
    if (inFlight <= MAX_IN_FLIGHT && wake) {
      wake();
      wake = null;
    }
  });
  const gate = (): Promise<void> => (inFlight <= MAX_IN_FLIGHT ? Promise.resolve() : new Promise((resolve) => (wake = resolve)));
  // Phases go out as bytes, transferred (not copied) to the main thread.
  parseHtmlFileInline(
    file,
    (phase, index, name) => {
      const stored = storePhase(phase);
      inFlight++;
      post({ type: 'phase', stored, head: phaseHead(phase), index, name }, [stored.deflated.buffer as ArrayBuffer]);
    },
    false,
    (index) => post({ type: 'drop', index }),
    gate,
  ).then(
    (fn) => post({ type: 'done', fn: { ...fn, phases: [] } }),
    (err: Error) => post({ type: 'error', message: err.message }),
  );
}

const data = workerData as { file: string } | { serve: true };
if ('serve' in data) serveRequests(answerSsa);
else parseInOrder(data.file);
