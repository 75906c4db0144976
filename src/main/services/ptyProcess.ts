// One process in a pseudo-terminal: batched output, acknowledgement flow control, whole-tree stop.
import * as pty from 'node-pty';
import { killTree } from './processTree';

/** Pause the pty when the renderer is this many characters behind (VS Code's value). */
export const HIGH_WATERMARK_CHARS = 100_000;
/** Resume once it has caught up to this many unacknowledged characters. */
export const LOW_WATERMARK_CHARS = 5_000;
/** Output is coalesced for this long before it is sent (fewer, larger messages). */
export const BATCH_MS = 5;
/** A batch is sent at once when it grows past this, so one message never gets huge. */
export const BATCH_MAX_CHARS = 64 * 1024;
/** node-pty may deliver output after the exit event; wait this long for it. */
export const EXIT_FLUSH_MS = 250;

export interface PtyOptions {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  cols: number;
  rows: number;
}

export interface PtyExit {
  exitCode: number;
  signal?: number;
  stopped: boolean;
}

export class PtyProcess {
  readonly pid: number;
  private readonly proc: pty.IPty;
  private batch: string[] = [];
  private batchChars = 0;
  private batchTimer: NodeJS.Timeout | null = null;
  private unacked = 0;
  private paused = false;
  private exited: PtyExit | null = null;
  private exitTimer: NodeJS.Timeout | null = null;
  private stopRequested = false;
  private exitReported = false;
  private dataListener: (data: string) => void = () => {};
  private exitListener: (exit: PtyExit) => void = () => {};

  constructor(opts: PtyOptions) {
    this.proc = pty.spawn(opts.file, opts.args, {
      name: 'xterm-256color',
      cols: opts.cols,
      rows: opts.rows,
      cwd: opts.cwd,
      env: opts.env,
      encoding: 'utf8', // node's StringDecoder keeps multi-byte characters whole across reads
    });
    this.pid = this.proc.pid;
    this.proc.onData((d) => this.receive(d));
    this.proc.onExit(({ exitCode, signal }) => {
      this.exited = { exitCode, stopped: this.stopRequested, ...(signal ? { signal } : {}) };
      this.scheduleExit();
    });
  }

  onData(listener: (data: string) => void): void {
    this.dataListener = listener;
  }

  onExit(listener: (exit: PtyExit) => void): void {
    this.exitListener = listener;
  }

  get running(): boolean {
    return this.exited === null;
  }

  get unacknowledged(): number {
    return this.unacked;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  write(data: string): void {
    if (this.running) this.proc.write(data);
  }

  resize(cols: number, rows: number): void {
    if (!this.running) return;
    try {
      this.proc.resize(cols, rows);
    } catch {
      /* the pty closed between the check and the call */
    }
  }

  /** The consumer has processed this many characters. */
  ack(chars: number): void {
    this.unacked = Math.max(this.unacked - chars, 0);
    if (this.paused && this.unacked < LOW_WATERMARK_CHARS) {
      this.paused = false;
      this.proc.resume();
      if (this.exited) this.scheduleExit();
    }
  }

  /** Ends the whole process tree. Resolves when it is gone. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.stopRequested = true;
    await killTree(this.pid);
  }

  /** Stops the tree and forgets all listeners (the consumer is gone: no flow control any more). */
  async dispose(): Promise<void> {
    this.dataListener = () => {};
    this.exitListener = () => {};
    if (this.paused) {
      this.paused = false;
      this.proc.resume();
    }
    await this.stop();
  }

  private receive(data: string): void {
    this.unacked += data.length;
    if (!this.paused && this.unacked > HIGH_WATERMARK_CHARS) {
      this.paused = true;
      this.proc.pause();
    }
    this.batch.push(data);
    this.batchChars += data.length;
    if (this.batchChars >= BATCH_MAX_CHARS) this.flush();
    else this.batchTimer ??= setTimeout(() => this.flush(), BATCH_MS);
    if (this.exited) this.scheduleExit();
  }

  private flush(): void {
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batchTimer = null;
    if (this.batch.length === 0) return;
    const data = this.batch.join('');
    this.batch = [];
    this.batchChars = 0;
    this.dataListener(data);
  }

  private scheduleExit(): void {
    if (this.exitReported) return;
    if (this.exitTimer) clearTimeout(this.exitTimer);
    // While paused the rest of the output is still in the pty: report the exit only after it.
    if (this.paused) return;
    this.exitTimer = setTimeout(() => {
      this.flush();
      this.exitReported = true;
      this.exitListener(this.exited!);
    }, EXIT_FLUSH_MS);
  }
}
