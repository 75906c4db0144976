// Worker thread entry: parses one ssa.html off the main thread, streaming it from disk in 1 MB chunks
// and posting each phase (as JSON bytes) as soon as it is read, so the first phase can be shown before the file ends.
import { parentPort, workerData } from 'node:worker_threads';
import { parseHtmlFileInline, storePhase } from './parseHtmlFile';

const { file } = workerData as { file: string };
// Phases go out as JSON bytes, transferred (not copied) to the main thread, and compact there.
parseHtmlFileInline(
  file,
  (phase, index, name) => {
    const stored = storePhase(phase);
    parentPort!.postMessage({ type: 'phase', stored, head: { ...phase, blocks: [], names: [] }, index, name }, [stored.json.buffer as ArrayBuffer]);
  },
  false,
).then(
  (fn) => parentPort!.postMessage({ type: 'done', fn: { ...fn, phases: [] } }),
  (err: Error) => parentPort!.postMessage({ type: 'error', message: err.message }),
);
