// Worker thread entry for the build answers (see answersThread.ts): answers each request with the same
// Answerer, so runs parsed once are compared again without a second parse.
import { serveRequests } from '../requestWorker';
import { Answerer, type AnswerRequest } from './answersThread';

const answerer = new Answerer();
serveRequests((r: AnswerRequest) => answerer.answer(r));
