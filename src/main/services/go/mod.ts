// `go mod verify` and `go mod graph`: read-only checks of the module cache and the requirement graph.
import type { ModGraphEdge } from '../../../shared/contract/binaryTypes';
import { parseModVerify, type ModVerifyResult } from '../../../core/modules/verify';
import { parseModGraph } from '../../../core/modules/modGraph';
import { runGo, type GoCallOptions, type GoCommandResult } from './run';

export const GO_MOD_TIMEOUT_MS = 300_000;

/** `go mod verify`: its output (stdout then stderr, trimmed) and what it says. */
export async function goModVerify(
  opts: GoCallOptions = {},
): Promise<GoCommandResult & { output: string; verdict: ModVerifyResult }> {
  const res = await runGo(['mod', 'verify'], { ...opts, timeoutMs: GO_MOD_TIMEOUT_MS });
  const output = (res.stdout + res.stderr).trim();
  return { ...res, output, verdict: parseModVerify(output, res.exitCode) };
}

/** `go mod graph`: the requirement edges it printed. */
export async function goModGraph(
  opts: GoCallOptions = {},
): Promise<GoCommandResult & { edges: ModGraphEdge[] }> {
  const res = await runGo(['mod', 'graph'], { ...opts, timeoutMs: GO_MOD_TIMEOUT_MS });
  return { ...res, edges: parseModGraph(res.stdout) };
}
