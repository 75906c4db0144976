// Reads `go mod verify`: `all modules verified`, or one line per module that fails its check.
import type { ModuleErrorExplanation } from '../../shared/contract/binaryTypes';
import { explainModuleErrors } from './explain';

export interface ModVerifyResult {
  ok: boolean;
  problems: ModuleErrorExplanation[];
  /** Lines that are neither the success line nor a recognised problem (shown as they are). */
  other: string[];
}

export function parseModVerify(output: string, exitCode: number): ModVerifyResult {
  const problems = explainModuleErrors(output);
  const known = new Set(problems.flatMap((p) => p.raw.split('\n')));
  const other = output
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l && l !== 'all modules verified' && !known.has(l) && !/^go: downloading /.test(l));
  return { ok: exitCode === 0 && /^all modules verified$/m.test(output), problems, other };
}
