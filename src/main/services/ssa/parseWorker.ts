// Worker thread entry: parses one ssa.html off the main thread, streaming it from disk in 1 MB chunks
// and posting each phase (as JSON text) as soon as it is read, so the first phase can be shown before the file ends.
import { parentPort, workerData } from 'node:worker_threads';
import { parseHtmlFileInline, storePhase } from './parseHtmlFile';

const { file } = workerData as { file: string };
// Phases go out as JSON text: cheap to copy to the main thread, and compact there.
parseHtmlFileInline(
  file,
  (phase, index, name) => parentPort!.postMessage({ type: 'phase', stored: storePhase(phase), head: { ...phase, blocks: [], names: [] }, index, name }),
  false,
).then(
  (fn) => parentPort!.postMessage({ type: 'done', fn: { ...fn, phases: [] } }),
  (err: Error) => parentPort!.postMessage({ type: 'error', message: err.message }),
);
