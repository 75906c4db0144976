// A recorded run's SSA pass times: its compile-cost.txt, or its console for runs recorded before the
// lines had a file of their own. Used by the build.compileCost handler and `gopsy compile-cost`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCompileCost, summarizeCompileCost } from '../../../core/build';
import type { CompileCostSummary } from '../../../shared/contract/compileCost';
import { ARTEFACTS } from '../../../shared/runFolder';
import type { RunStore } from './runStore';

/** The text holding a run directory's pass lines; null when it has neither file. */
export async function runCompileCostText(dir: string): Promise<string | null> {
  const own = await readFile(path.join(dir, ARTEFACTS.compileCost), 'utf8').catch(() => null);
  if (own !== null) return own;
  return readFile(path.join(dir, ARTEFACTS.console), 'utf8').catch(() => null);
}

/** Run `id`'s pass times by function, pass and package (`recorded: false` when it has none). */
export async function runCompileCost(store: RunStore, project: string, id: string): Promise<CompileCostSummary> {
  await store.readManifest(project, id); // `no-run` when it is gone
  const text = await runCompileCostText(store.runDir(project, id));
  return summarizeCompileCost(parseCompileCost(text ?? ''));
}
