// One process in a pseudo-terminal: batched output, acknowledgement flow control, whole-tree stop.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, openSync, readFileSync, writeSync } from 'node:fs';
import * as pty from 'node-pty';
import { BATCH_MAX_CHARS, BATCH_MS, HIGH_WATERMARK_CHARS, LOW_WATERMARK_CHARS } from '../../shared/console';
import { isAlive, killTree } from './processTree';

/**
 * After node-pty's exit event, wait this long before reporting the exit. node-pty (1.1, unixTerminal)
 * emits exit only once its socket has closed, so no data event can follow it; the wait only lets a
 * data event queued in the same turn arrive first. It was 250 ms, a quarter of a second added to every
 * build run and console (see docs/build-capture.md).
 */
export const EXIT_FLUSH_MS = 20;
/**
 * While paused, how often to look whether the process has gone. node-pty destroys the pty 200 ms after
 * the process exits (its DESTROY_SOCKET_TIMEOUT_MS) whether or not the output was read, so a paused
 * pty must be drained well within that.
 */
export const PAUSED_EXIT_POLL_MS = 50;

/**
 * How gopsy learns at once that a pty's process has gone (Linux). Holding the slave open (see
 * holdSlave) means the master never reads EOF, so node-pty used to report every exit 200 ms late (its
 * DESTROY_SOCKET_TIMEOUT_MS), a fixed cost on every build run and console. On SIGCHLD each watched pty
 * looks whether its process has exited; if so it writes an end mark into the slave. The mark travels
 * behind everything the process wrote (a tty's output is one queue), so once it is read back nothing
 * of the process's output is still unread: the slave is let go, node-pty reads EOF and reports the
 * exit. Output that does not carry the mark back (descendants still writing, the output stopped) falls
 * back to node-pty's 200 ms.
 */
const watched = new Set<PtyProcess>();
function onChildExit(): void {
  for (const p of watched) p.markEndIfExited();
}
function watch(p: PtyProcess): void {
  if (watched.size === 0) process.on('SIGCHLD', onChildExit);
  watched.add(p);
}
function unwatch(p: PtyProcess): void {
  if (!watched.delete(p)) return;
  if (watched.size === 0) process.off('SIGCHLD', onChildExit);
}

/** The process has exited (a zombie, or reaped already), from /proc. False when that cannot be told. */
export function hasExited(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
  // pid (comm) state ...: comm may hold spaces and parentheses, the state follows the last ')'.
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state === 'Z' || state === 'X';
}

/**
 * An OSC sequence no program writes: a terminal ignores it if it ever got through. Upper case and
 * digits only, which no output setting of the tty rewrites (OLCUC upper-cases, ONLCR adds CRs).
 */
function newEndMark(): string {
  return `\x1b]7331;GOPSY-END-${randomBytes(8).toString('hex').toUpperCase()}\x07`;
}

/**
 * Finds the end mark in the output as it streams (it may come split across reads): push() gives the
 * output without the mark, holding back an end that may be the start of it until the next read tells.
 */
export class EndMarkScanner {
  private held = '';
  private seen = false;

  constructor(private readonly mark: string) {}

  /** The mark has been read back. */
  get found(): boolean {
    return this.seen;
  }

  push(data: string): string {
    if (this.seen) return data;
    const text = this.held + data;
    const at = text.indexOf(this.mark);
    if (at >= 0) {
      this.seen = true;
      this.held = '';
      return text.slice(0, at) + text.slice(at + this.mark.length);
    }
    let keep = Math.min(this.mark.length - 1, text.length);
    while (keep > 0 && !text.endsWith(this.mark.slice(0, keep))) keep--;
    this.held = text.slice(text.length - keep);
    return text.slice(0, text.length - keep);
  }

  /** What is held back, given out when the pty ends without the mark. */
  takeHeld(): string {
    const h = this.held;
    this.held = '';
    return h;
  }
}

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
  private slaveFd: number | null = null;
  private pausedExitPoll: NodeJS.Timeout | null = null;
  /** The process has gone while paused: read the rest whatever the backlog (it is bounded by the kernel's buffer). */
  private draining = false;
  /** Looks for the end mark once it has been written into the slave (the process has gone). */
  private endMark: EndMarkScanner | null = null;

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
    this.holdSlave();
    if (this.slaveFd !== null && process.platform === 'linux') watch(this);
    this.proc.onData((d) => {
      const text = this.endMark ? this.passEndMark(d, this.endMark) : d;
      if (text) this.receive(text);
    });
    this.proc.onExit(({ exitCode, signal }) => {
      // node-pty reports the exit once the pty is closed: no more output can come, let the slave go.
      unwatch(this);
      const held = this.endMark?.takeHeld();
      if (held) this.receive(held);
      this.releaseSlave();
      this.stopPausedExitPoll();
      this.exited = { exitCode, stopped: this.stopRequested, ...(signal ? { signal } : {}) };
      this.scheduleExit();
    });
    // A process that ended before gopsy listened for SIGCHLD (the listener comes and goes with the
    // watched ptys) sent its signal to nobody: look once now.
    if (watched.has(this)) this.markEndIfExited();
  }

  /**
   * Keeps the pty's slave side open until all the process's output has been read. On Linux the master
   * reads EOF as soon as the last slave fd closes, at times before the kernel has handed over the last
   * output, so the tail of a fast program's output was lost (node-pty#72, #85, #726; about 1 run in 4
   * of a 45 kB printf loop here). With the slave held the master never sees EOF: the slave is let go
   * when the end mark comes back (see markEndIfExited), or else when node-pty closes the pty itself,
   * 200 ms after the exit.
   */
  private holdSlave(): void {
    const ptsName = (this.proc as unknown as { ptsName?: unknown }).ptsName;
    if (process.platform === 'win32' || typeof ptsName !== 'string') return;
    try {
      // Non-blocking: the end mark is written through it, and a tty whose output is stopped must not
      // block the main thread.
      this.slaveFd = openSync(ptsName, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
    } catch {
      /* the pty is gone already or not ours to open: fall back to node-pty's own behaviour */
    }
  }

  private releaseSlave(): void {
    if (this.slaveFd === null) return;
    try {
      closeSync(this.slaveFd);
    } catch {
      /* already closed */
    }
    this.slaveFd = null;
  }

  /** Called on SIGCHLD: once the process has exited, sends the end mark after its output. */
  markEndIfExited(): void {
    if (this.endMark || this.exited || this.slaveFd === null || !hasExited(this.pid)) return;
    unwatch(this);
    const mark = newEndMark();
    try {
      // A short write (the tty's buffer full) would leave part of a mark that is never read back:
      // node-pty's own timeout then ends the pty, as it would without the mark.
      if (writeSync(this.slaveFd, mark) === mark.length) this.endMark = new EndMarkScanner(mark);
    } catch {
      /* EAGAIN (output stopped) or the pty is gone: node-pty's timeout ends it */
    }
  }

  /** The output without the end mark; once the mark is read back, every byte of the process's is in. */
  private passEndMark(data: string, scanner: EndMarkScanner): string {
    if (scanner.found) return data;
    const text = scanner.push(data);
    if (scanner.found) this.releaseSlave();
    return text;
  }

  onData(listener: (data: string) => void): void {
    this.dataListener = listener;
  }

  onExit(listener: (exit: PtyExit) => void): void {
    this.exitListener = listener;
  }

  /** The end was known from the end mark, not from node-pty's timeout (for diagnostics and tests). */
  get endedByMark(): boolean {
    return this.endMark?.found ?? false;
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
      this.resumeOutput();
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
    unwatch(this);
    this.dataListener = () => {};
    this.exitListener = () => {};
    if (this.paused) this.resumeOutput();
    await this.stop();
  }

  private receive(data: string): void {
    this.unacked += data.length;
    if (!this.paused && !this.draining && !this.exited && this.unacked > HIGH_WATERMARK_CHARS) {
      this.paused = true;
      this.proc.pause();
      this.pausedExitPoll = setInterval(() => {
        // The producer has gone: what is left in the pty would be destroyed unread by node-pty, so read
        // it now; the consumer gets it and the exit in order, however far behind it is.
        if (isAlive(this.pid)) return;
        this.draining = true;
        this.resumeOutput();
      }, PAUSED_EXIT_POLL_MS);
    }
    this.batch.push(data);
    this.batchChars += data.length;
    if (this.batchChars >= BATCH_MAX_CHARS) this.flush();
    else this.batchTimer ??= setTimeout(() => this.flush(), BATCH_MS);
    if (this.exited) this.scheduleExit();
  }

  private resumeOutput(): void {
    this.stopPausedExitPoll();
    this.paused = false;
    this.proc.resume();
  }

  private stopPausedExitPoll(): void {
    if (this.pausedExitPoll) clearInterval(this.pausedExitPoll);
    this.pausedExitPoll = null;
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
