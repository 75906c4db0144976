// Runs the build answers' heavy reading off the backend's main thread: parsing two cachehash.txt files
// of a large build for "why rebuilt" (seconds of CPU for gopls), and reading a run's SSA pass times for
// "compile cost" (136 MB for gopls). Meanwhile the main thread keeps answering other requests (a
// console's output, a view's call). One long-lived worker keeps the parsed runs and the last summaries
// between calls (the Why rebuilt tab asks for the explanation, then for each clicked action's inputs);
// it does not keep the process alive. When the built worker is absent (tests run the sources) the work
// runs in this thread.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { CompileCostSummary } from '../../../shared/contract/compileCost';
import type { ActionInputLine, RebuildExplanation } from '../../../shared/contract/explain';
import { builtWorkerFile } from '../builtWorker';
import { RequestWorker } from '../requestWorker';
import { compileCostSummary, runCompileCostFile } from './compileCost';
import { ParsedRuns } from './parsedRuns';

export type AnswerRequest =
  | { op: 'explain'; laterDir: string; earlierDir: string; earlierId: string }
  | { op: 'inputs'; laterDir: string; earlierDir: string; earlierId: string; key: string }
  | { op: 'compileCost'; dir: string; project: string };

export type Answer = RebuildExplanation | ActionInputLine[] | CompileCostSummary;

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
  private readonly worker: RequestWorker<AnswerRequest, Answer> | null;
  private inline: Answerer | null = null;

  /** `script` overrides where the built worker is (the test that runs it); null works in this thread. */
  constructor(script: string | null = builtWorkerFile('answersWorker.js', __dirname, __filename, 'the build answers worker')) {
    this.worker = script ? new RequestWorker(script, 'the build answers worker') : null;
  }

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
    await this.worker?.close();
  }

  private request(r: AnswerRequest): Promise<Answer> {
    return this.worker ? this.worker.request(r) : (this.inline ??= new Answerer()).answer(r);
  }
}
