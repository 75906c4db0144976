// `go env`: the go command's settings, as JSON (`-json`) or as plain values one a line.
import { parseGoEnv, parseGoEnvValues } from '../../../core/goEnv';
import { runGo, type GoCallOptions, type GoCommandResult } from './run';

export const GO_ENV_TIMEOUT_MS = 30_000;

/** `go env -json KEY...` (every setting when keys is empty); `env` is null when the output is not a JSON object. */
export async function goEnv(
  keys: readonly string[],
  opts: GoCallOptions = {},
): Promise<GoCommandResult & { env: Record<string, string> | null }> {
  const res = await runGo(['env', '-json', ...keys], { ...opts, timeoutMs: GO_ENV_TIMEOUT_MS });
  return { ...res, env: parseGoEnv(res.stdout) };
}

/** Plain `go env KEY...`: `values` holds one value per key, in order, whatever the exit code. */
export async function goEnvValues(
  keys: readonly string[],
  opts: GoCallOptions = {},
): Promise<GoCommandResult & { values: string[] }> {
  const res = await runGo(['env', ...keys], { ...opts, timeoutMs: GO_ENV_TIMEOUT_MS });
  return { ...res, values: parseGoEnvValues(res.stdout, keys.length) };
}
