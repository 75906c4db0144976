// Worker thread entry: parses one ssa.html off the main thread, streaming it from disk in 1 MB chunks
// and posting each phase (as deflated JSON bytes) as soon as it is read, so the first phase can be shown
// before the file ends.
import { parentPort, workerData } from 'node:worker_threads';
import { parseHtmlFileInline, phaseHead, storePhase, type WorkerMessage } from './parseHtmlFile';

const { file } = workerData as { file: string };
const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);
// Phases go out as bytes, transferred (not copied) to the main thread.
parseHtmlFileInline(
  file,
  (phase, index, name) => {
    const stored = storePhase(phase);
    post({ type: 'phase', stored, head: phaseHead(phase), index, name }, [stored.deflated.buffer as ArrayBuffer]);
  },
  false,
  (index) => post({ type: 'drop', index }),
).then(
  (fn) => post({ type: 'done', fn: { ...fn, phases: [] } }),
  (err: Error) => post({ type: 'error', message: err.message }),
);
