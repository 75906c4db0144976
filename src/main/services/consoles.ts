// The console tabs of one connection: a shell or a go command each, in a real pty.
import { randomUUID } from 'node:crypto';
import type { ConsoleExit, ConsoleInfo, ConsolePreset } from '../../shared/api';
import { GopsyError } from '../../shared/rpc';
import { childEnv, goBinary } from './goCommand';
import { PtyProcess } from './ptyProcess';
import { dlvCommandPath } from './debug/dlvBinary';

/** More consoles than this per window is a runaway loop, not a user. */
export const MAX_CONSOLES = 32;

interface Command {
  file: string;
  args: string[];
  title: string;
}

export function presetCommand(preset: ConsolePreset): Command {
  const go = goBinary();
  switch (preset) {
    case 'shell': {
      const shell = process.env.SHELL || '/bin/bash';
      return { file: shell, args: [], title: 'shell' };
    }
    case 'build':
      return { file: go, args: ['build', './...'], title: 'go build' };
    case 'test':
      return { file: go, args: ['test', './...'], title: 'go test' };
    case 'run':
      return { file: go, args: ['run', '.'], title: 'go run' };
    case 'vet':
      return { file: go, args: ['vet', './...'], title: 'go vet' };
    case 'dlv':
      // Delve's own command line on the package at the project root, for those who prefer it.
      return { file: dlvCommandPath(), args: ['debug', '.'], title: 'dlv debug' };
  }
}

export interface ConsoleSink {
  data(id: string, data: string): void;
  exit(exit: ConsoleExit): void;
}

export class ConsoleService {
  private readonly consoles = new Map<string, PtyProcess>();

  constructor(private readonly sink: ConsoleSink) {}

  open(preset: ConsolePreset, cwd: string, cols: number, rows: number): ConsoleInfo {
    if (this.consoles.size >= MAX_CONSOLES) {
      throw new GopsyError('too-many-consoles', `At most ${MAX_CONSOLES} consoles can be open; close some first.`);
    }
    const cmd = presetCommand(preset);
    const id = randomUUID();
    let proc: PtyProcess;
    try {
      proc = new PtyProcess({
        file: cmd.file,
        args: cmd.args,
        cwd,
        cols,
        rows,
        env: childEnv({ TERM: 'xterm-256color', COLORTERM: 'truecolor' }),
      });
    } catch (err) {
      throw new GopsyError('spawn-failed', `Could not start ${cmd.title}: ${(err as Error).message}`);
    }
    proc.onData((data) => this.sink.data(id, data));
    proc.onExit((exit) => this.sink.exit({ id, ...exit }));
    this.consoles.set(id, proc);
    return {
      id,
      preset,
      title: cmd.title,
      commandLine: [cmd.file, ...cmd.args].join(' '),
      pid: proc.pid,
    };
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
    await c.dispose();
  }

  /** Ends every console (the connection closed or the app quits). */
  async disposeAll(): Promise<void> {
    const all = [...this.consoles.values()];
    this.consoles.clear();
    await Promise.all(all.map((c) => c.dispose()));
  }
}
