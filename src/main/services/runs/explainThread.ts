// Runs ParsedRuns' work off the backend's main thread: parsing two cachehash.txt files of a large
// build takes about a second of CPU, during which no other request (a console's output, a view's
// call) would be answered. One long-lived worker keeps the parsed runs between calls (the Why rebuilt
// tab asks for the explanation, then for each clicked action's inputs); it does not keep the process
// alive. When the built worker is absent (tests run the sources) the work runs in this thread.
import { Worker } from 'node:worker_threads';
import type { ActionInputLine, RebuildExplanation } from '../../../shared/contract/explain';
import { GopsyError } from '../../../shared/rpc';
import { builtWorkerFile } from '../builtWorker';
import { ParsedRuns } from './parsedRuns';

export type ExplainRequest =
  | { op: 'explain'; laterDir: string; earlierDir: string; earlierId: string }
  | { op: 'inputs'; laterDir: string; earlierDir: string; earlierId: string; key: string };

export type ExplainReply =
  | { id: number; ok: true; value: RebuildExplanation | ActionInputLine[] }
  | { id: number; ok: false; code: string | null; message: string };

/** What a request computes, wherever it runs. */
export function answer(runs: ParsedRuns, r: ExplainRequest): Promise<RebuildExplanation | ActionInputLine[]> {
  return r.op === 'explain'
    ? runs.explain(r.laterDir, r.earlierDir, r.earlierId)
    : runs.actionInputs(r.laterDir, r.earlierDir, r.earlierId, r.key);
}

export class ExplainThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private inline: ParsedRuns | null = null;

  /** `script` overrides where the built worker is (the test that runs it). */
  constructor(
    private readonly script: string | null = builtWorkerFile('explainWorker.js', __dirname, __filename, 'the rebuild explanation worker'),
  ) {}

  explain(laterDir: string, earlierDir: string, earlierId: string): Promise<RebuildExplanation> {
    return this.request({ op: 'explain', laterDir, earlierDir, earlierId }) as Promise<RebuildExplanation>;
  }

  actionInputs(laterDir: string, earlierDir: string, earlierId: string, key: string): Promise<ActionInputLine[]> {
    return this.request({ op: 'inputs', laterDir, earlierDir, earlierId, key }) as Promise<ActionInputLine[]>;
  }

  /** Ends the worker; pending requests fail, a later request starts a new one. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.failAll(new Error('the rebuild explanation worker was closed'));
    await w?.terminate();
  }

  private request(r: ExplainRequest): Promise<unknown> {
    if (!this.script) return answer((this.inline ??= new ParsedRuns()), r);
    const worker = this.started(this.script);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref(); // keep the process up while an answer is owed
      worker.postMessage({ id, ...r });
    });
  }

  private started(script: string): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(script);
    w.unref();
    w.on('message', (m: ExplainReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref();
      if (m.ok) p.resolve(m.value);
      else p.reject(m.code ? new GopsyError(m.code, m.message) : new Error(m.message));
    });
    const lost = (err: Error) => {
      if (this.worker !== w) return;
      this.worker = null; // the next request starts a fresh one
      this.failAll(new Error(`the rebuild explanation worker stopped: ${err.message}`));
    };
    w.on('error', lost);
    w.on('exit', (code) => lost(new Error(`exit code ${code}`)));
    this.worker = w;
    return w;
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
