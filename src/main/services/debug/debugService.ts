// The debugger of one connection: at most one session at a time, breakpoints and configurations
// kept per project, and the rule that every dlv tree ends with the session or the connection.
import path from 'node:path';
import type { BreakpointSpec, BreakpointState, DebugConfig, DebugState } from '../../../shared/api';
import { GopsyError } from '../../../shared/rpc';
import type { ConsoleService } from '../consoles';
import { DebugSession, type SessionSink } from './debugSession';
import { DebugStore } from './projectDebugState';
import { detectDlv, type DlvInfo } from './dlvBinary';

export const UNOPTIMIZED_FLAGS = ['-gcflags=all=-N -l'];

export interface DebugServiceDeps {
  storageDir: string;
  /** The open project's root (throws when none). */
  root: () => string;
  consoles?: ConsoleService;
  sink: SessionSink;
  log?: (m: string) => void;
}

export class DebugService {
  private session: DebugSession | null = null;
  private dlv: Promise<DlvInfo> | null = null;
  /** Delve's verdict per file, from the running session. */
  private verdicts = new Map<string, BreakpointState[]>();
  private last: DebugState = { status: 'idle' };

  constructor(private readonly deps: DebugServiceDeps) {}

  dlvInfo(refresh = false): Promise<DlvInfo> {
    if (refresh || !this.dlv) this.dlv = detectDlv();
    return this.dlv;
  }

  store(): DebugStore {
    return new DebugStore(this.deps.storageDir, this.deps.root());
  }

  get state(): DebugState {
    return this.session?.state ?? this.last;
  }

  get current(): DebugSession | null {
    return this.session;
  }

  requireSession(): DebugSession {
    const s = this.session;
    if (!s || s.state.status === 'ended') throw new GopsyError('no-session', 'No debug session is running.');
    return s;
  }

  async start(config: DebugConfig, extraBuildFlags: string[] = []): Promise<DebugState> {
    await this.stop();
    const dlv = await this.dlvInfo(true);
    if (!dlv.ok || !dlv.path) {
      this.last = { status: 'ended', config, problem: dlv.problem ?? 'Delve is not available.' };
      this.deps.sink.state(this.last);
      throw new GopsyError('dlv-missing', this.last.problem!);
    }
    const root = this.deps.root();
    const stored = await this.store().read();
    this.verdicts.clear();
    const consoles = this.deps.consoles;
    const session = new DebugSession({
      root,
      dlvPath: dlv.path,
      config,
      extraBuildFlags,
      breakpoints: new Map(Object.entries(stored.breakpoints)),
      ...(consoles ? { adoptConsole: (proc, title, line, tap) => consoles.adopt(proc, title, line, tap) } : {}),
      sink: {
        state: (s) => {
          if (this.session === session || this.session === null) this.last = s;
          this.deps.sink.state(s);
        },
        output: (c, t) => this.deps.sink.output(c, t),
        breakpoints: (file, states) => {
          this.verdicts.set(file, states);
          this.deps.sink.breakpoints(file, states);
        },
      },
      ...(this.deps.log ? { log: this.deps.log } : {}),
    });
    this.session = session;
    await session.start();
    return session.state;
  }

  async stop(): Promise<void> {
    const s = this.session;
    if (!s) return;
    await s.end();
    this.last = s.state;
    if (this.session === s) this.session = null;
  }

  async restart(): Promise<DebugState> {
    const config = this.state.config;
    if (!config) throw new GopsyError('no-session', 'There is no session to restart.');
    return this.start(config);
  }

  /** Optimised variables: debug the package again, compiled with -N -l. */
  async rebuildUnoptimized(): Promise<DebugState> {
    const config = this.state.config;
    if (!config) throw new GopsyError('no-session', 'There is no session to rebuild.');
    if (config.mode === 'debug' || config.mode === 'test') return this.start(config, UNOPTIMIZED_FLAGS);
    // A prebuilt binary, core or process: debug the package of the current stop instead.
    const loc = this.state.location;
    const program = loc?.inProject ? path.posix.dirname(loc.path) : '.';
    return this.start({ name: `${config.name} (unoptimised)`, mode: 'debug', program, args: config.args ?? [], ...(config.env ? { env: config.env } : {}) }, UNOPTIMIZED_FLAGS);
  }

  async breakpoints(): Promise<BreakpointState[]> {
    const stored = await this.store().read();
    return Object.entries(stored.breakpoints).flatMap(([file, specs]) => this.verdicts.get(file) ?? specs.map((s) => ({ ...s, path: file })));
  }

  async setBreakpoints(file: string, specs: BreakpointSpec[]): Promise<BreakpointState[]> {
    const clean = normalizeSpecs(specs);
    await this.store().update((s) => {
      if (clean.length) s.breakpoints[file] = clean;
      else delete s.breakpoints[file];
    });
    const session = this.session;
    if (session && session.state.status !== 'ended') {
      // The session reads breakpoints from the map it was given: update it, then send.
      session.setFileBreakpoints(file, clean);
      return session.sendBreakpoints(file);
    }
    return clean.map((s) => ({ ...s, path: file }));
  }
}

/** One breakpoint per line, empty strings dropped, sorted: what the gutter shows. */
function normalizeSpecs(specs: BreakpointSpec[]): BreakpointSpec[] {
  const byLine = new Map<number, BreakpointSpec>();
  for (const s of specs) {
    const out: BreakpointSpec = { line: s.line };
    if (s.condition?.trim()) out.condition = s.condition.trim();
    if (s.hitCondition?.trim()) out.hitCondition = s.hitCondition.trim();
    if (s.logMessage?.trim()) out.logMessage = s.logMessage;
    byLine.set(s.line, out);
  }
  return [...byLine.values()].sort((a, b) => a.line - b.line);
}
