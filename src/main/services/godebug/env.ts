// How a GODEBUG profile reaches a process. The program gets GODEBUG through `-exec env GODEBUG=...`
// for go run and go test, so the go command and the compiler do not print traces of their own;
// the go command gets it too only when asked. GOCOMPILEDEBUG is for the compiler, so it always goes
// to the go command. The debugger feature calls godebugEnvFor() for its sessions.
import type { ConsoleGodebug } from '../../../shared/godebug';

export interface GodebugEnv {
  /** Environment for the program under test or run. */
  program: Record<string, string>;
  /** Environment for the go command (and through it the compiler). */
  goCommand: Record<string, string>;
  /** One line for the console: what applies to what. */
  summary: string;
}

export function godebugEnvFor(g: ConsoleGodebug | undefined): GodebugEnv {
  const program: Record<string, string> = {};
  const goCommand: Record<string, string> = {};
  const parts: string[] = [];
  if (g?.GODEBUG) {
    program.GODEBUG = g.GODEBUG;
    if (g.applyToGoCommand) goCommand.GODEBUG = g.GODEBUG;
    parts.push(`GODEBUG=${g.GODEBUG} (${g.applyToGoCommand ? 'program and go command' : 'program only'})`);
  }
  if (g?.GOCOMPILEDEBUG) {
    goCommand.GOCOMPILEDEBUG = g.GOCOMPILEDEBUG;
    parts.push(`GOCOMPILEDEBUG=${g.GOCOMPILEDEBUG} (compiler)`);
  }
  return { program, goCommand, summary: parts.length ? `effective ${parts.join(', ')}` : 'GODEBUG not set by gopsy' };
}

/**
 * `go run`/`go test` arguments that hand the program its own environment: -exec runs the binary as
 * `env K=V ... binary args`. The values were validated against a charset without spaces or quotes,
 * which matters because the go command splits -exec on spaces.
 */
export function execEnvArgs(program: Record<string, string>): string[] {
  const pairs = Object.entries(program).map(([k, v]) => `${k}=${v}`);
  return pairs.length ? ['-exec', ['env', ...pairs].join(' ')] : [];
}
