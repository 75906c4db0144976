// `go version`: which Go the go command is (and, with -m, the build info of a Go binary).
import { parseGoVersion, type GoVersion } from '../../../core/goEnv';
import { parseBuildInfo } from '../../../core/binary/buildInfo';
import type { BuildInfo } from '../../../shared/contract/binaryTypes';
import { runGo, type GoCallOptions, type GoCommandResult } from './run';

export const GO_VERSION_TIMEOUT_MS = 30_000;

/** `go version`, and its line read; `parsed` is null when the output is not a go version line. */
export async function goVersion(
  opts: GoCallOptions = {},
): Promise<GoCommandResult & { parsed: GoVersion | null }> {
  const res = await runGo(['version'], { ...opts, timeoutMs: GO_VERSION_TIMEOUT_MS });
  return { ...res, parsed: parseGoVersion(res.stdout) };
}

/**
 * `go version -m <binary>`: the binary's build info, null unless the command succeeded and printed one.
 * It reads the whole file, so it is given longer than `go version` (timeoutMs).
 */
export async function goVersionOfBinary(
  binary: string,
  opts: GoCallOptions & { timeoutMs: number },
): Promise<GoCommandResult & { buildInfo: BuildInfo | null }> {
  const res = await runGo(['version', '-m', binary], opts);
  return { ...res, buildInfo: res.exitCode === 0 ? parseBuildInfo(res.stdout) : null };
}
