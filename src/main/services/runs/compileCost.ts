// A recorded run's SSA pass times: its compile-cost.txt, or its console for runs recorded before the
// lines had a file of their own; and the shape of each function that dominates its package, read from
// the project's sources. Used by the build.compileCost handler and `gopsy compile-cost`.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { compileShapes, parseCompileCost, shapeKey, shapeSourcePaths, summarizeCompileCost, type FunctionCompileCost } from '../../../core/build';
import type { CompileCostSummary, CompileShape } from '../../../shared/contract/compileCost';
import { ARTEFACTS } from '../../../shared/runFolder';
import { resolveInside } from '../paths';
import type { RunStore } from './runStore';

/** Sources larger than this are not read for a shape (a generated file of tens of MB says enough by its time). */
const SHAPE_SOURCE_LIMIT = 16 * 1024 * 1024;

/** The text holding a run directory's pass lines; null when it has neither file. */
export async function runCompileCostText(dir: string): Promise<string | null> {
  const own = await readFile(path.join(dir, ARTEFACTS.compileCost), 'utf8').catch(() => null);
  if (own !== null) return own;
  return readFile(path.join(dir, ARTEFACTS.console), 'utf8').catch(() => null);
}

/**
 * The shapes of the functions that dominate their package, from the sources under `root` (the go
 * command's working directory, against which the positions were printed). Files that are gone, outside
 * root or too large are skipped: their functions get no shape.
 */
export async function functionShapes(functions: readonly FunctionCompileCost[], root: string): Promise<Map<string, CompileShape>> {
  const sources = new Map<string, string>();
  for (const rel of shapeSourcePaths(functions)) {
    try {
      const file = await resolveInside(root, rel);
      if ((await stat(file)).size > SHAPE_SOURCE_LIMIT) continue;
      sources.set(rel, await readFile(file, 'utf8'));
    } catch {
      // No source, no shape.
    }
  }
  return compileShapes(functions, sources);
}

/** Run `id`'s pass times by function, pass and package (`recorded: false` when it has none). */
export async function runCompileCost(store: RunStore, project: string, id: string): Promise<CompileCostSummary> {
  await store.readManifest(project, id); // `no-run` when it is gone
  const text = await runCompileCostText(store.runDir(project, id));
  const cost = parseCompileCost(text ?? '');
  const summary = summarizeCompileCost(cost);
  // The go command ran in the project root, so the printed positions are relative to it.
  const shapes = await functionShapes(cost.functions, project);
  for (const f of summary.functions) {
    const s = shapes.get(shapeKey(f));
    if (s) f.shape = s;
  }
  return summary;
}
