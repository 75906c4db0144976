// The one runner of short, machine-read go commands: the go binary, its environment, cwd, timeout and
// output limit, and the errors users see. One file per sub-command beside it (version.ts, env.ts, list.ts,
// mod.ts, build.ts, tool.ts) says how that command is called; long or interactive commands run in
// consoles (ptyProcess.ts) instead.
import { execFile } from 'node:child_process';

export interface GoCommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export class GoNotFoundError extends Error {
  constructor(readonly goPath: string) {
    super(`Go was not found (${goPath}).`);
  }
}

/** What to do when there is no go to run. */
export const GO_INSTALL_HINT =
  'Install Go from https://go.dev/dl/ and make sure `go` is on the PATH of the shell that starts gopsy (or set GOPSY_GO to the go binary)';

export function goNotFoundText(goPath: string): string {
  return `Go is not installed or not on PATH (looked for \`${goPath}\`).`;
}

/** Environment for toolchain processes: ours, minus what belongs to Electron or to gopsy itself. */
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (k.startsWith('ELECTRON_') || k.startsWith('GOPSY_') || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** The go binary gopsy uses: $GOPSY_GO when set, else `go` from PATH. */
export function goBinary(): string {
  return process.env.GOPSY_GO || 'go';
}

/** How one go command runs: its folder, extra environment, time and output limits. */
export interface GoRunOptions {
  cwd?: string;
  timeoutMs?: number;
  maxBytes?: number;
  env?: Record<string, string>;
  /** Written to the command's standard input (which is closed after it). */
  input?: string;
}

/** Where the sub-command files take their options from: the runner's minus the timeout, which each file names. */
export type GoCallOptions = Omit<GoRunOptions, 'timeoutMs'>;

export function runGo(args: string[], opts: GoRunOptions = {}): Promise<GoCommandResult> {
  const go = goBinary();
  return new Promise((resolve, reject) => {
    const child = execFile(
      go,
      args,
      {
        cwd: opts.cwd,
        env: childEnv(opts.env),
        timeout: opts.timeoutMs ?? 60_000,
        maxBuffer: opts.maxBytes ?? 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (err, stdout, stderr) => {
        if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new GoNotFoundError(go));
          return;
        }
        if (err && typeof err.code !== 'number') {
          // killed by the timeout, or the buffer overflowed
          reject(new Error(`go ${args.join(' ')} did not finish: ${err.message}`));
          return;
        }
        resolve({ stdout, stderr, exitCode: err ? Number(err.code) : 0 });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}
