// Runs one `go build` / `go test -c` for the SSA browser as a process tree gopsy owns: output collected,
// progress reported twice a second (the toolexec wrapper's log, the last output line), and an abort
// signal that ends the whole tree (go, the wrapper, compile) before the promise settles.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { GopsyError } from '../../../shared/rpc';
import { readToolLog } from '../../../core/ssa/buildProgress';
import { childEnv, goBinary, GoNotFoundError } from '../go/run';
import { killTree } from '../processTree';

export interface BuildWatch {
  signal?: AbortSignal;
  /** Called about twice a second while the build runs. */
  onTick?: (t: { elapsedMs: number; compiled: number; running: string[]; lastLine: string }) => void;
}

export interface GoBuildResult {
  output: string;
  exitCode: number;
}

const TICK_MS = 500;

export function cancelledError(what: string): GopsyError {
  return new GopsyError('cancelled', `Cancelled: ${what}.`);
}

/** Runs go with args; `toolLog` is the file the toolexec wrapper appends to (GOPSY_SSA_LOG). */
export function runGoBuild(args: string[], opts: { cwd: string; env: Record<string, string>; toolLog: string; timeoutMs: number; watch?: BuildWatch }): Promise<GoBuildResult> {
  const { signal, onTick } = opts.watch ?? {};
  if (signal?.aborted) return Promise.reject(cancelledError('the build did not start'));
  const go = goBinary();
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // detached: the go command leads its own process group, so ending it reaches every tool it started.
    const child = spawn(go, args, { cwd: opts.cwd, env: childEnv({ ...opts.env, GOPSY_SSA_LOG: opts.toolLog }), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let lastLine = '';
    const take = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      const lines = text.split('\n').filter((l) => l.trim());
      if (lines.length) lastLine = lines[lines.length - 1]!.slice(0, 300);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    let ending: 'cancel' | 'timeout' | null = null;
    const end = (why: 'cancel' | 'timeout') => {
      if (ending || !child.pid) return;
      ending = why;
      void killTree(child.pid);
    };
    const onAbort = () => end('cancel');
    signal?.addEventListener('abort', onAbort);
    const timeout = setTimeout(() => end('timeout'), opts.timeoutMs);
    const tick = setInterval(() => {
      if (!onTick) return;
      void readFile(opts.toolLog, 'utf8')
        .catch(() => '')
        .then((text) => onTick({ elapsedMs: Date.now() - started, ...readToolLog(text), lastLine }));
    }, TICK_MS);
    const finish = () => {
      clearTimeout(timeout);
      clearInterval(tick);
      signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (err) => {
      finish();
      reject((err as NodeJS.ErrnoException).code === 'ENOENT' ? new GoNotFoundError(go) : err);
    });
    child.on('close', async (code) => {
      finish();
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      // The go command may be gone while a tool it started still runs: end the rest of the group.
      if (ending && child.pid) await killTree(child.pid, 500).catch(() => undefined);
      if (ending === 'cancel') reject(cancelledError(`go ${args[0]} stopped after ${seconds} s`));
      else if (ending === 'timeout') reject(new GopsyError('timeout', `go ${args[0]} did not finish in ${Math.round(opts.timeoutMs / 60_000)} minutes and was stopped.`));
      else resolve({ output, exitCode: code ?? 1 });
    });
  });
}
