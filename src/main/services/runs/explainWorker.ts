// Worker thread entry for rebuild explanations (see explainThread.ts): answers each request with the
// same ParsedRuns, so runs parsed once are compared again without a second parse.
import { parentPort } from 'node:worker_threads';
import { errorMessage, GopsyError } from '../../../shared/rpc';
import { answer, type ExplainReply, type ExplainRequest } from './explainThread';
import { ParsedRuns } from './parsedRuns';

const runs = new ParsedRuns();
parentPort!.on('message', (m: ExplainRequest & { id: number }) => {
  const reply = (r: ExplainReply) => parentPort!.postMessage(r);
  answer(runs, m).then(
    (value) => reply({ id: m.id, ok: true, value }),
    (err: unknown) => reply({ id: m.id, ok: false, code: err instanceof GopsyError ? err.code : null, message: errorMessage(err) }),
  );
});
