// Worker thread entry for the build answers (see answersThread.ts): answers each request with the same
// Answerer, so runs parsed once are compared again without a second parse.
import { parentPort } from 'node:worker_threads';
import { errorMessage, GopsyError } from '../../../shared/rpc';
import { Answerer, type AnswerReply, type AnswerRequest } from './answersThread';

const answerer = new Answerer();
parentPort!.on('message', (m: AnswerRequest & { id: number }) => {
  const reply = (r: AnswerReply) => parentPort!.postMessage(r);
  answerer.answer(m).then(
    (value) => reply({ id: m.id, ok: true, value }),
    (err: unknown) => reply({ id: m.id, ok: false, code: err instanceof GopsyError ? err.code : null, message: errorMessage(err) }),
  );
});
