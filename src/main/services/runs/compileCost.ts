// A recorded run's SSA pass times: its compile-cost.txt, or its console for runs recorded before the
// lines had a file of their own, streamed line by line (gopls's is 136 MB); and the shape of each
// function that dominates its package, read from the project's sources. The app computes the summary
// in the answers worker (answersThread.ts); `gopsy compile-cost` reads in its own thread.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  CompileCostReader,
  compileShapes,
  shapeKey,
  shapeSourcePaths,
  summarizeCompileCost,
  type CompileCostResult,
  type FunctionCompileCost,
} from '../../../core/build';
import type { CompileCostSummary, CompileShape } from '../../../shared/contract/compileCost';
import { ARTEFACTS } from '../../../shared/runFolder';
import { resolveInside } from '../paths';

/** Sources larger than this are not read for a shape (a generated file of tens of MB says enough by its time). */
const SHAPE_SOURCE_LIMIT = 16 * 1024 * 1024;

/** The file holding a run directory's pass lines; null when it has neither. */
export async function runCompileCostFile(dir: string): Promise<string | null> {
  for (const name of [ARTEFACTS.compileCost, ARTEFACTS.console]) {
    const file = path.join(dir, name);
    if ((await stat(file).catch(() => null))?.isFile()) return file;
  }
  return null;
}

/** The pass times in `file` (a run's compile-cost.txt or console, or a saved compiler output), read as a stream of lines. */
export async function readCompileCost(file: string): Promise<CompileCostResult> {
  const reader = new CompileCostReader();
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) reader.line(line);
  return reader.result();
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

/** The run directory's pass times by function, pass and package (`recorded: false` when it has none), shapes from `project`. */
export async function compileCostSummary(dir: string, project: string): Promise<CompileCostSummary> {
  const file = await runCompileCostFile(dir);
  const cost = file ? await readCompileCost(file) : new CompileCostReader().result();
  const summary = summarizeCompileCost(cost);
  // The go command ran in the project root, so the printed positions are relative to it.
  const shapes = await functionShapes(cost.functions, project);
  for (const f of summary.functions) {
    const s = shapes.get(shapeKey(f));
    if (s) f.shape = s;
  }
  return summary;
}
