// One Delve session: dlv dap in a pty (its output in a console tab), a DAP connection on a loopback
// port dlv picks, and the translation of DAP replies into the contract's types. The session owns
// dlv's whole process tree (dlv, the go build it runs, the debuggee) and ends it on stop.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { ConsoleInfo, BreakpointSpec, BreakpointState, DebugConfig, DebugState, DebugVariable, Goroutine, SourcePlace, StackFrame } from '../../../shared/api';
import { GopsyError } from '../../../shared/rpc';
import { childEnv } from '../go/run';
import { isInside, toRelative } from '../paths';
import { PtyProcess } from '../ptyProcess';
import { descendants, isAlive, KILL_GRACE_MS } from '../processTree';
import { DapClient, type DapEvent } from './dapClient';
import { launchPlan } from './launchArgs';

/** Values longer than this are cut before they reach the window. */
export const MAX_VALUE_CHARS = 4096;
/** How long dlv gets to print its listening address (it may first have to start up on a busy machine). */
const LISTEN_TIMEOUT_MS = 60_000;
const LISTENING = /DAP server listening at: (\S+):(\d+)/;

export interface SessionSink {
  state(state: DebugState): void;
  output(category: string, text: string): void;
  breakpoints(file: string, states: BreakpointState[]): void;
}

/** Adopts dlv's pty as a console tab; returns its id. */
export type ConsoleAdopter = (proc: PtyProcess, title: string, commandLine: string, tap: (data: string) => void) => ConsoleInfo;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);
const num = (v: unknown, d = 0) => (typeof v === 'number' ? v : d);
const str = (v: unknown, d = '') => (typeof v === 'string' ? v : d);

export interface SessionOptions {
  root: string;
  dlvPath: string;
  config: DebugConfig;
  /** Breakpoints by project-relative file. */
  breakpoints: Map<string, BreakpointSpec[]>;
  extraBuildFlags?: string[];
  adoptConsole?: ConsoleAdopter;
  sink: SessionSink;
  log?: (m: string) => void;
}

export class DebugSession {
  private pty: PtyProcess | null = null;
  private dap: DapClient | null = null;
  private buildDir: string | undefined;
  private st: DebugState;
  private ending: Promise<void> | null = null;
  private outputSeen = '';
  private onInitialized: () => void = () => {};

  constructor(private readonly opts: SessionOptions) {
    this.st = { status: 'starting', config: opts.config };
  }

  get state(): DebugState {
    return this.st;
  }

  /** pid of dlv (the root of the tree the session owns), when it started one. */
  get dlvPid(): number | undefined {
    return this.pty?.pid;
  }

  async start(): Promise<void> {
    const { config } = this.opts;
    try {
      const plan = await launchPlan(this.opts.root, config, this.opts.extraBuildFlags);
      this.buildDir = plan.buildDir;
      const dap = config.mode === 'remote' ? await this.connectRemote() : await this.spawnDlv();
      this.dap = dap;
      const initialized = new Promise<void>((resolve) => (this.onInitialized = resolve));
      dap.onEvent((e) => this.onEvent(e));
      dap.onClose(() => void this.end());
      await dap.request('initialize', {
        clientID: 'gopsy',
        clientName: 'gopsy',
        adapterID: 'go',
        pathFormat: 'path',
        linesStartAt1: true,
        columnsStartAt1: true,
        supportsVariableType: true,
        supportsVariablePaging: true,
        supportsRunInTerminalRequest: false,
      });
      // Delve answers launch after building and starting the program; a build error fails it here.
      await dap.request(plan.request, plan.args, 10 * 60_000);
      await initialized;
      for (const file of this.opts.breakpoints.keys()) await this.sendBreakpoints(file);
      this.setState({ status: 'running' });
      await dap.request('configurationDone');
    } catch (err) {
      const problem = err instanceof GopsyError ? err.message : `Could not start the debug session: ${(err as Error).message}`;
      this.setState({ status: 'ended', problem: this.explain(problem) });
      await this.end();
      throw new GopsyError('debug-start', this.st.problem ?? problem);
    }
  }

  /** Delve's version check fails with a plain message; add what to do about it. */
  private explain(problem: string): string {
    if (/version of Go is too (old|new)|Go version .* is too/i.test(problem + this.outputSeen)) {
      return `${problem} Delve does not support this Go toolchain: install a matching release with \`go install github.com/go-delve/delve/cmd/dlv@latest\`.`;
    }
    return problem;
  }

  private async spawnDlv(): Promise<DapClient> {
    const args = ['dap', '--listen=127.0.0.1:0'];
    try {
      this.pty = new PtyProcess({ file: this.opts.dlvPath, args, cwd: this.opts.root, env: childEnv({ TERM: 'xterm-256color' }), cols: 120, rows: 24 });
    } catch (err) {
      throw new GopsyError('spawn-failed', `Could not start ${this.opts.dlvPath}: ${(err as Error).message}`);
    }
    const pty = this.pty;
    let poll: NodeJS.Timeout | undefined;
    let timer: NodeJS.Timeout | undefined;
    const address = new Promise<{ host: string; port: number }>((resolve, reject) => {
      timer = setTimeout(() => reject(new GopsyError('dlv-silent', `dlv did not start its DAP server: ${this.outputSeen.slice(-400)}`)), LISTEN_TIMEOUT_MS);
      const tap = (data: string) => {
        if (this.outputSeen.length < 16_384) this.outputSeen += data;
        const m = LISTENING.exec(this.outputSeen);
        if (m) resolve({ host: m[1]!, port: Number(m[2]) });
      };
      if (this.opts.adoptConsole) {
        this.st.console = this.opts.adoptConsole(pty, 'dlv dap', [this.opts.dlvPath, ...args].join(' '), tap);
      } else pty.onData(tap);
      // The console owns the exit listener; a dlv that dies at start is noticed by polling.
      poll = setInterval(() => {
        if (!pty.running) reject(new GopsyError('dlv-exited', `dlv exited before it was ready: ${this.outputSeen.trim().slice(-400)}`));
      }, 100);
    }).finally(() => {
      clearTimeout(timer);
      clearInterval(poll);
    });
    const { host, port } = await address;
    return DapClient.connect(host, port, this.opts.log);
  }

  private connectRemote(): Promise<DapClient> {
    const { host, port } = this.opts.config;
    if (!host || !port) throw new GopsyError('bad-config', 'A remote session needs the host and port of the Delve server.');
    return DapClient.connect(host, port, this.opts.log);
  }

  private setState(patch: Partial<DebugState>): void {
    this.st = { ...this.st, ...patch };
    if (patch.status && patch.status !== 'stopped') {
      delete this.st.location;
      delete this.st.reason;
    }
    this.opts.sink.state(this.st);
  }

  private onEvent(e: DapEvent): void {
    switch (e.event) {
      case 'initialized':
        this.onInitialized();
        break;
      case 'stopped':
        void this.onStopped(str(e.body.reason, 'pause'), num(e.body.threadId, 1));
        break;
      case 'continued':
        this.setState({ status: 'running' });
        break;
      case 'output':
        this.opts.sink.output(str(e.body.category, 'console'), str(e.body.output));
        break;
      case 'exited':
        this.st.exitCode = num(e.body.exitCode);
        break;
      case 'terminated':
        void this.end();
        break;
      case 'breakpoint':
        // Delve reports changes one breakpoint at a time; re-ask is simpler than patching.
        break;
    }
  }

  private async onStopped(reason: string, threadId: number): Promise<void> {
    let location: SourcePlace | undefined;
    try {
      const { frames } = await this.stack(threadId, 0, 1);
      location = frames[0]?.location;
    } catch {
      /* the stop is still worth showing without a place */
    }
    this.setState({ status: 'stopped', reason, threadId, ...(location ? { location } : {}) });
  }

  place(absPath: string, line: number, column = 1): SourcePlace {
    const inProject = !!absPath && path.isAbsolute(absPath) && isInside(this.opts.root, absPath);
    return { path: inProject ? toRelative(this.opts.root, absPath) : absPath, inProject, line, column };
  }

  private requireDap(): DapClient {
    if (!this.dap || this.dap.isClosed) throw new GopsyError('no-session', 'No debug session is running.');
    return this.dap;
  }

  private thread(threadId?: number): number {
    return threadId ?? this.st.threadId ?? 1;
  }

  async control(command: 'continue' | 'pause' | 'next' | 'stepIn' | 'stepOut', threadId?: number): Promise<void> {
    const dap = this.requireDap();
    if (command !== 'pause' && this.st.status !== 'stopped') throw new GopsyError('not-stopped', 'The program is running: pause it first.');
    await dap.request(command, { threadId: this.thread(threadId) });
    if (command !== 'pause') this.setState({ status: 'running' });
  }

  setFileBreakpoints(file: string, specs: BreakpointSpec[]): void {
    if (specs.length) this.opts.breakpoints.set(file, specs);
    else this.opts.breakpoints.delete(file);
  }

  /** Sends one file's breakpoints (DAP replaces a file's set at once) and reports what Delve made of them. */
  async sendBreakpoints(file: string): Promise<BreakpointState[]> {
    const specs = this.opts.breakpoints.get(file) ?? [];
    const dap = this.dap;
    if (!dap || dap.isClosed) return specs.map((s) => ({ ...s, path: file }));
    const body = await dap.request('setBreakpoints', {
      source: { path: path.join(this.opts.root, file) },
      breakpoints: specs.map((s) => ({
        line: s.line,
        ...(s.condition ? { condition: s.condition } : {}),
        ...(s.hitCondition ? { hitCondition: s.hitCondition } : {}),
        ...(s.logMessage ? { logMessage: s.logMessage } : {}),
      })),
    });
    const replies = arr(body.breakpoints);
    const states = specs.map((s, i) => {
      const r = replies[i] ?? {};
      return { ...s, path: file, verified: r.verified === true, ...(r.message ? { message: str(r.message) } : {}) };
    });
    this.opts.sink.breakpoints(file, states);
    return states;
  }

  async goroutines(): Promise<Goroutine[]> {
    const body = await this.requireDap().request('threads');
    return arr(body.threads).map((t) => {
      const name = str(t.name);
      // Delve names a goroutine after its topmost user frame; runtime ones have no user frame.
      const fn = /\]\s+(\S+)/.exec(name)?.[1] ?? '';
      return { id: num(t.id), name, user: !/^(runtime|internal\/|runtime\/)/.test(fn) && !/Unreadable/.test(name) };
    });
  }

  async stack(threadId: number, start = 0, levels = 50): Promise<{ frames: StackFrame[]; total?: number }> {
    const body = await this.requireDap().request('stackTrace', { threadId, startFrame: start, levels });
    const frames = arr(body.stackFrames).map((f) => {
      const src = obj(f.source);
      const p = str(src.path);
      return { id: num(f.id), name: str(f.name), ...(p ? { location: this.place(p, num(f.line), num(f.column, 1)) } : {}) };
    });
    return { frames, ...(typeof body.totalFrames === 'number' ? { total: body.totalFrames } : {}) };
  }

  async scopes(frameId: number) {
    const body = await this.requireDap().request('scopes', { frameId });
    return arr(body.scopes).map((s) => ({ name: str(s.name), reference: num(s.variablesReference), expensive: s.expensive === true }));
  }

  async variables(reference: number, start?: number, count = 100): Promise<DebugVariable[]> {
    const body = await this.requireDap().request('variables', { variablesReference: reference, ...(start !== undefined ? { start, count } : {}) });
    return arr(body.variables).slice(0, count).map((v) => toVariable(str(v.name), v));
  }

  async evaluate(expression: string, context: 'watch' | 'repl' | 'hover', frameId?: number): Promise<DebugVariable> {
    const body = await this.requireDap().request('evaluate', { expression, context, ...(frameId !== undefined ? { frameId } : {}) });
    return toVariable(expression, { ...body, value: body.result });
  }

  /** Ends the session: asks Delve to end the debuggee, then ends the whole process tree. */
  end(): Promise<void> {
    this.ending ??= this.doEnd();
    return this.ending;
  }

  private async doEnd(): Promise<void> {
    // Collected first: once dlv exits, its debuggee would no longer be found under it.
    const owned = this.pty ? [this.pty.pid, ...(await descendants(this.pty.pid).catch(() => []))] : [];
    const dap = this.dap;
    if (dap && !dap.isClosed) {
      // A remote server belongs to someone else: leave its program running.
      const terminateDebuggee = this.opts.config.mode !== 'remote' && this.opts.config.mode !== 'attach';
      await dap.request('disconnect', { terminateDebuggee }, 5000).catch(() => {});
      dap.close();
    }
    if (this.pty) await this.pty.stop();
    await endAll(owned);
    if (this.buildDir) await rm(this.buildDir, { recursive: true, force: true }).catch(() => {});
    if (this.st.status !== 'ended') this.setState({ status: 'ended' });
  }
}

/** SIGTERM, then SIGKILL after the grace period, for whatever of pids is still alive. */
async function endAll(pids: number[]): Promise<void> {
  const signal = (pid: number, sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
    } catch {
      /* already gone */
    }
  };
  pids.filter(isAlive).forEach((p) => signal(p, 'SIGTERM'));
  const deadline = Date.now() + KILL_GRACE_MS;
  while (pids.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  pids.filter(isAlive).forEach((p) => signal(p, 'SIGKILL'));
}

function toVariable(name: string, v: Obj): DebugVariable {
  const full = str(v.value);
  const truncated = full.length > MAX_VALUE_CHARS;
  const value = truncated ? `${full.slice(0, MAX_VALUE_CHARS)}…` : full;
  const out: DebugVariable = { name, value, reference: num(v.variablesReference) };
  if (typeof v.type === 'string' && v.type) out.type = v.type;
  if (typeof v.indexedVariables === 'number') out.indexed = v.indexedVariables;
  if (typeof v.namedVariables === 'number') out.named = v.namedVariables;
  if (truncated) out.truncated = true;
  if (/unreadable|optimi[sz]ed away|<optimized out>/i.test(full)) out.unavailable = true;
  return out;
}
