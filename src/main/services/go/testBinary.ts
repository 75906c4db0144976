// `go test -c`: a package's test binary, built without running it (the instructions of test functions
// are read from it). Test runs the user watches go through consoles and build runs instead.
import { runGo, type GoCallOptions, type GoCommandResult } from './run';

export const GO_TEST_BINARY_TIMEOUT_MS = 300_000;

/** `go test -c -o <out> <pkgArg>`. */
export function goTestBinary(out: string, pkgArg: string, opts: GoCallOptions = {}): Promise<GoCommandResult> {
  return runGo(['test', '-c', '-o', out, pkgArg], { ...opts, timeoutMs: GO_TEST_BINARY_TIMEOUT_MS });
}
