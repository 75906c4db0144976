// Worker thread entry: parses one ssa.html off the main thread, streaming it from disk in 1 MB chunks
// and posting each phase (as deflated JSON bytes) as soon as it is read, so the first phase can be shown
// before the file ends. The main thread says when it has taken each phase; with more than a few not
// taken (it is busy: a machine compiling beside us), the worker stops reading the file until it catches
// up, so neither the message queue nor the read-ahead grows without bound.
import { parentPort, workerData } from 'node:worker_threads';
import { PHASE_TAKEN, parseHtmlFileInline, phaseHead, storePhase, type WorkerMessage } from './parseHtmlFile';

/** Phases posted and not yet taken before the parse waits. */
const MAX_IN_FLIGHT = 2;

const { file } = workerData as { file: string };
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
