// Runs the build answers' heavy reading off the backend's main thread: parsing two cachehash.txt files
// of a large build for "why rebuilt" (seconds of CPU for gopls), and reading a run's SSA pass times for
// "compile cost" (136 MB for gopls). Meanwhile the main thread keeps answering other requests (a
// console's output, a view's call). One long-lived worker keeps the parsed runs and the last summaries
// between calls (the Why rebuilt tab asks for the explanation, then for each clicked action's inputs);
// it does not keep the process alive. When the built worker is absent (tests run the sources) the work
// runs in this thread.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CompileCostSummary } from '../../../shared/contract/compileCost';
import type { ActionInputLine, RebuildExplanation } from '../../../shared/contract/explain';
import { GopsyError } from '../../../shared/rpc';
import { builtWorkerFile } from '../builtWorker';
import { compileCostSummary, runCompileCostFile } from './compileCost';
import { ParsedRuns } from './parsedRuns';

export type AnswerRequest =
  | { op: 'explain'; laterDir: string; earlierDir: string; earlierId: string }
  | { op: 'inputs'; laterDir: string; earlierDir: string; earlierId: string; key: string }
  | { op: 'compileCost'; dir: string; project: string };

type Answer = RebuildExplanation | ActionInputLine[] | CompileCostSummary;

export type AnswerReply = { id: number; ok: true; value: Answer } | { id: number; ok: false; code: string | null; message: string };

/** Compile cost summaries kept: one is a few hundred KB (2,000 functions at most). */
const MAX_SUMMARIES = 4;

/** What answers requests, wherever it runs: the parsed runs and the last compile cost summaries. */
export class Answerer {
  private readonly runs = new ParsedRuns();
  private readonly summaries = new Map<string, { stamp: string; summary: CompileCostSummary }>();

  answer(r: AnswerRequest): Promise<Answer> {
    if (r.op === 'explain') return this.runs.explain(r.laterDir, r.earlierDir, r.earlierId);
    if (r.op === 'inputs') return this.runs.actionInputs(r.laterDir, r.earlierDir, r.earlierId, r.key);
    return this.compileCost(r.dir, r.project);
  }

  private async compileCost(dir: string, project: string): Promise<CompileCostSummary> {
    const file = await runCompileCostFile(dir);
    const st = file ? await stat(file).catch(() => null) : null;
    // A running run's file grows; the project's sources may change the shapes.
    const stamp = `${file}:${st?.size}:${st?.mtimeMs}:${project}`;
    const hit = this.summaries.get(dir);
    if (hit?.stamp === stamp) return hit.summary;
    const summary = await compileCostSummary(dir, project);
    this.summaries.delete(dir);
    this.summaries.set(dir, { stamp, summary });
    while (this.summaries.size > MAX_SUMMARIES) this.summaries.delete(this.summaries.keys().next().value!);
    return summary;
  }
}

export class AnswersThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private inline: Answerer | null = null;

  /** `script` overrides where the built worker is (the test that runs it); null works in this thread. */
  constructor(
    private readonly script: string | null = builtWorkerFile('answersWorker.js', __dirname, __filename, 'the build answers worker'),
  ) {}

  explain(laterDir: string, earlierDir: string, earlierId: string): Promise<RebuildExplanation> {
    return this.request({ op: 'explain', laterDir, earlierDir, earlierId }) as Promise<RebuildExplanation>;
  }

  actionInputs(laterDir: string, earlierDir: string, earlierId: string, key: string): Promise<ActionInputLine[]> {
    return this.request({ op: 'inputs', laterDir, earlierDir, earlierId, key }) as Promise<ActionInputLine[]>;
  }

  /** The run directory's SSA pass times, the shapes read from `project`'s sources. */
  compileCost(dir: string, project: string): Promise<CompileCostSummary> {
    return this.request({ op: 'compileCost', dir: path.resolve(dir), project }) as Promise<CompileCostSummary>;
  }

  /** Ends the worker; pending requests fail, a later request starts a new one. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.failAll(new Error('the build answers worker was closed'));
    await w?.terminate();
  }

  private request(r: AnswerRequest): Promise<unknown> {
    if (!this.script) return (this.inline ??= new Answerer()).answer(r);
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
    w.on('message', (m: AnswerReply) => {
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
      this.failAll(new Error(`the build answers worker stopped: ${err.message}`));
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
