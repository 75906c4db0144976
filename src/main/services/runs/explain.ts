// "Why was this rebuilt?" for recorded runs of a project: finds the run to compare with in the run
// store, and has the answers worker parse and compare the two runs' cachehash.txt off the main thread.
// Owned by RunService; the CLI uses it on run directories too.
import type { ActionInputLine, RebuildExplanation } from '../../../shared/contract/explain';
import { GopsyError } from '../../../shared/rpc';
import type { AnswersThread } from './answersThread';
import { hasHashInputs } from './parsedRuns';
import type { RunStore } from './runStore';

/** The latest run of the project that started before `id` and recorded its cache-key inputs. */
export async function earlierWithHashes(store: RunStore, project: string, id: string): Promise<string> {
  const all = await store.list(project);
  const self = all.find((m) => m.id === id);
  if (!self) throw new GopsyError('no-run', `Run ${id} does not exist (any more).`);
  for (const m of all) {
    if (m.id === id || m.startedAt.localeCompare(self.startedAt) > 0) continue;
    if (m.startedAt === self.startedAt && m.id > id) continue;
    if (await hasHashInputs(store.runDir(project, m.id))) return m.id;
  }
  throw new GopsyError(
    'no-earlier-run',
    'There is no earlier run of this project that recorded why its actions ran, to compare this one with: run the build again with the same profile, then explain the later run.',
  );
}

export class RunExplainer {
  constructor(
    private readonly store: RunStore,
    private readonly thread: AnswersThread,
  ) {}

  /** Run `id` of the project against `against` (else the latest earlier run with recorded inputs). */
  async explain(
    project: string,
    id: string,
    against?: string,
  ): Promise<{ id: string; against: string; explanation: RebuildExplanation }> {
    const earlierId = against ?? (await earlierWithHashes(this.store, project, id));
    const explanation = await this.thread.explain(this.store.runDir(project, id), this.store.runDir(project, earlierId), earlierId);
    return { id, against: earlierId, explanation };
  }

  /** One action's cache-key inputs in both runs, slot by slot. */
  async explainAction(
    project: string,
    id: string,
    against: string,
    key: string,
  ): Promise<{ key: string; lines: ActionInputLine[] }> {
    const lines = await this.thread.actionInputs(this.store.runDir(project, id), this.store.runDir(project, against), against, key);
    return { key, lines };
  }
}
