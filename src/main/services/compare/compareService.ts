// Compares two runs wherever they live: loads both sides (in parallel) and hands them to the pure
// comparison. Shared by the Compare view (handlers.ts) and `gopsy diff`.
import path from 'node:path';
import { compareRuns } from '../../../core/compare';
import type { RunComparison } from '../../../shared/compare';
import { loadComparedRun } from './loadCompared';
import type { RunFiles } from '../runs/runFiles';

export async function compareRunFiles(a: RunFiles, b: RunFiles, storageDir: string): Promise<RunComparison> {
  const tempDir = path.join(storageDir, 'compare-tmp');
  const [sa, sb] = await Promise.all([loadComparedRun(a, { tempDir }), loadComparedRun(b, { tempDir })]);
  return compareRuns(sa, sb);
}
