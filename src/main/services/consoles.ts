// The console tabs of one connection: a shell or a go command each, in a real pty.
import { randomUUID } from 'node:crypto';
import type { ConsoleExit, ConsoleGodebug, ConsoleInfo, ConsolePreset } from '../../shared/api';
import { GopsyError } from '../../shared/rpc';
import { childEnv, goBinary } from './go/run';
import { PtyProcess } from './ptyProcess';
import { dlvCommandPath } from './debug/dlvBinary';
import { execEnvArgs, godebugEnvFor } from './godebug/env';

/** More consoles than this per window is a runaway loop, not a user. */
export const MAX_CONSOLES = 32;

interface Command {
  file: string;
  args: string[];
  title: string;
}

/** programEnv: environment for the program only, given through `-exec env` to go run and go test. */
export function presetCommand(preset: ConsolePreset, programEnv: Record<string, string> = {}): Command {
  const go = goBinary();
  const exec = execEnvArgs(programEnv);
  switch (preset) {
    case 'shell': {
      const shell = process.env.SHELL || '/bin/bash';
      return { file: shell, args: [], title: 'shell' };
    }
    case 'build':
      return { file: go, args: ['build', './...'], title: 'go build' };
    case 'test':
      return { file: go, args: ['test', ...exec, './...'], title: 'go test' };
    case 'run':
      return { file: go, args: ['run', ...exec, '.'], title: 'go run' };
    case 'vet':
      return { file: go, args: ['vet', './...'], title: 'go vet' };
    case 'dlv':
      // Delve's own command line on the package at the project root, for those who prefer it.
      return { file: dlvCommandPath(), args: ['debug', '.'], title: 'dlv debug' };
  }
}

/** The line the console prints at its start: what the profile sets, for which process. */
function envNote(preset: ConsolePreset, g: ConsoleGodebug, summary: string): string {
  if ((preset === 'build' || preset === 'vet') && g.GODEBUG && !g.applyToGoCommand) {
    const rest = g.GOCOMPILEDEBUG ? `; GOCOMPILEDEBUG=${g.GOCOMPILEDEBUG} (compiler)` : '';
    return `GODEBUG=${g.GODEBUG} not applied: go ${preset} runs no program (the profile is not set for the go command)${rest}`;
  }
  return summary;
}

export interface ConsoleSink {
  data(id: string, data: string): void;
  exit(exit: ConsoleExit): void;
}

/** Sees every console's output too (a tee: the console's own sink is unchanged). */
export interface ConsoleObserver {
  opened?(info: ConsoleInfo, godebug: ConsoleGodebug | undefined): void;
  data?(id: string, data: string): void;
  exit?(exit: ConsoleExit): void;
  closed?(id: string): void;
}

export class ConsoleService {
  private readonly consoles = new Map<string, PtyProcess>();
  private readonly observers = new Set<ConsoleObserver>();

  constructor(private readonly sink: ConsoleSink) {}

  observe(o: ConsoleObserver): () => void {
    this.observers.add(o);
    return () => this.observers.delete(o);
  }

  open(preset: ConsolePreset, cwd: string, cols: number, rows: number, godebug?: ConsoleGodebug): ConsoleInfo {
    if (this.consoles.size >= MAX_CONSOLES) {
      throw new GopsyError('too-many-consoles', `At most ${MAX_CONSOLES} consoles can be open; close some first.`);
    }
    const genv = godebugEnvFor(godebug);
    // The shell and go build/vet have no program of their own to hand the env to: the shell exports
    // it (what the user runs there gets it), build and vet get only what is meant for the go command.
    const programViaExec = preset === 'run' || preset === 'test';
    const cmd = presetCommand(preset, programViaExec ? genv.program : {});
    const extraEnv = { ...(preset === 'shell' ? genv.program : {}), ...genv.goCommand };
    const id = randomUUID();
    let proc: PtyProcess;
    try {
      proc = new PtyProcess({
        file: cmd.file,
        args: cmd.args,
        cwd,
        cols,
        rows,
        env: childEnv({ TERM: 'xterm-256color', COLORTERM: 'truecolor', ...extraEnv }),
      });
    } catch (err) {
      throw new GopsyError('spawn-failed', `Could not start ${cmd.title}: ${(err as Error).message}`);
    }
    proc.onData((data) => {
      this.sink.data(id, data);
      for (const o of this.observers) o.data?.(id, data);
    });
    proc.onExit((exit) => {
      this.sink.exit({ id, ...exit });
      for (const o of this.observers) o.exit?.({ id, ...exit });
    });
    this.consoles.set(id, proc);
    const info: ConsoleInfo = {
      id,
      preset,
      title: cmd.title,
      commandLine: [cmd.file, ...cmd.args.map((a) => (/\s/.test(a) ? `'${a}'` : a))].join(' '),
      pid: proc.pid,
      ...(godebug?.GODEBUG || godebug?.GOCOMPILEDEBUG ? { envNote: envNote(preset, godebug, genv.summary) } : {}),
    };
    for (const o of this.observers) o.opened?.(info, godebug);
    return info;
  }

  /**
   * Shows a process another service started (a debug session's dlv) as a console tab. The tab's
   * stop and close end it like any console; `tap` sees the output too.
   */
  adopt(proc: PtyProcess, title: string, commandLine: string, tap?: (data: string) => void): ConsoleInfo {
    if (this.consoles.size >= MAX_CONSOLES) {
      throw new GopsyError('too-many-consoles', `At most ${MAX_CONSOLES} consoles can be open; close some first.`);
    }
    const id = randomUUID();
    proc.onData((data) => {
      tap?.(data);
      this.sink.data(id, data);
    });
    proc.onExit((exit) => this.sink.exit({ id, ...exit }));
    this.consoles.set(id, proc);
    return { id, preset: 'dlv', title, commandLine, pid: proc.pid };
  }

  /** The tab ended by its owner: forget it without a second stop. */
  release(id: string): void {
    this.consoles.delete(id);
  }

  private get(id: string): PtyProcess {
    const c = this.consoles.get(id);
    if (!c) throw new GopsyError('no-console', 'That console is closed.');
    return c;
  }

  input(id: string, data: string): void {
    this.get(id).write(data);
  }

  resize(id: string, cols: number, rows: number): void {
    this.get(id).resize(cols, rows);
  }

  ack(id: string, chars: number): void {
    this.consoles.get(id)?.ack(chars); // acks may trail a close: ignore them
  }

  async stop(id: string): Promise<void> {
    await this.get(id).stop();
  }

  async close(id: string): Promise<void> {
    const c = this.consoles.get(id);
    if (!c) return;
    this.consoles.delete(id);
    for (const o of this.observers) o.closed?.(id);
    await c.dispose();
  }

  /** Ends every console (the connection closed or the app quits). */
  async disposeAll(): Promise<void> {
    const all = [...this.consoles.values()];
    this.consoles.clear();
    await Promise.all(all.map((c) => c.dispose()));
  }
}
