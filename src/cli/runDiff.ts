// The run part of `gopsy diff A B`: A and B may be run directories (with a manifest.json) or bundles,
// optionally FILE.gopsy#RUN to pick one of a bundle's runs (else its newest). Both sides are compared
// on timing, remarks, SSA and binary size (services/compare).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BundleReader } from '../main/services/bundles/bundleReader';
import { compareRunFiles } from '../main/services/compare/compareService';
import { BundleRunFiles, DirRunFiles, bundleRuns, type RunFiles } from '../main/services/runs/runFiles';
import type { RunComparison } from '../shared/compare';
import { InputError, runOperand, type RunOperand } from './runInput';

/** A side of the diff: a run directory or a bundle (FILE.gopsy#RUN picks a run), as runInput reads RUN. */
export async function operandOf(arg: string): Promise<RunOperand> {
  const op = await runOperand(arg);
  if (!op) throw new InputError(`${arg} is neither a run directory nor a .gopsy bundle.`);
  return op;
}

/** The run a side names, or why there is none. */
export async function runFilesOf(op: RunOperand, reader: BundleReader | null): Promise<RunFiles | string> {
  if (op.kind === 'dir') return new DirRunFiles(op.dir, 'directory', path.basename(op.dir));
  const runs = await bundleRuns(reader!);
  const name = path.basename(op.file);
  if (op.run) {
    if (!runs.some((r) => r.dir === op.run)) return `${name} has no run ${op.run} (it has: ${runs.map((r) => r.dir).join(', ') || 'none'}).`;
    return new BundleRunFiles(reader!, op.run, `${name} ▸ run ${op.run}`);
  }
  const newest = runs[0];
  if (!newest) return `${name} holds no build runs, so there is nothing to compare beyond its entries.`;
  return new BundleRunFiles(reader!, newest.dir, `${name} ▸ run ${newest.dir}`);
}

export async function compareSides(a: RunFiles, b: RunFiles): Promise<RunComparison> {
  const temp = await mkdtemp(path.join(os.tmpdir(), 'gopsy-diff-'));
  try {
    return await compareRunFiles(a, b, temp);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
