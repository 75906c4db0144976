// `go build` whose output is read once it ends (the linker's -v report, a -gcflags dump). Builds the user
// watches run in consoles, and the SSA browser's in ssa/goBuild.ts.
import { runGo, type GoCallOptions, type GoCommandResult } from './run';

export const GO_BUILD_TIMEOUT_MS = 300_000;

/** `go build <args>`; timeoutMs replaces GO_BUILD_TIMEOUT_MS for a build allowed longer. */
export function goBuild(
  args: readonly string[],
  opts: GoCallOptions & { timeoutMs?: number } = {},
): Promise<GoCommandResult> {
  return runGo(['build', ...args], { ...opts, timeoutMs: opts.timeoutMs ?? GO_BUILD_TIMEOUT_MS });
}
