// The debugger's state in the renderer, shared by the Debug view and the source editor's gutter:
// session state, breakpoints (with Delve's verdicts) and program output. One store per GopsyApi.
import type { BreakpointSpec, BreakpointState, DebugState, GopsyApi } from '../../../../shared/api';

/** Output kept in the view; older text is dropped so a chatty program cannot grow memory forever. */
const MAX_OUTPUT_CHARS = 200_000;

export interface DebugSnapshot {
  state: DebugState;
  breakpoints: BreakpointState[];
  output: string;
  error: string | null;
}

export class DebugStore {
  private snap: DebugSnapshot = { state: { status: 'idle' }, breakpoints: [], output: '', error: null };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly api: GopsyApi) {
    api.on('debug.state', (state) => {
      const fresh = state.status === 'starting';
      this.set({ state, ...(fresh ? { output: '' } : {}) });
    });
    api.on('debug.output', ({ text }) => this.set({ output: (this.snap.output + text).slice(-MAX_OUTPUT_CHARS) }));
    api.on('debug.breakpoints', (states) => this.mergeVerdicts(states));
    api.on('workspace.changed', () => void this.reload());
    void this.reload();
  }

  readonly subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  readonly snapshot = (): DebugSnapshot => this.snap;

  private set(patch: Partial<DebugSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l();
  }

  setError(error: string | null): void {
    this.set({ error });
  }

  async reload(): Promise<void> {
    const [state, breakpoints] = await Promise.all([
      this.api.call('debug.state', {}).catch(() => this.snap.state),
      this.api.call('debug.breakpoints', {}).catch(() => []),
    ]);
    this.set({ state, breakpoints });
  }

  private mergeVerdicts(states: BreakpointState[]): void {
    const files = new Set(states.map((s) => s.path));
    this.set({ breakpoints: [...this.snap.breakpoints.filter((b) => !files.has(b.path)), ...states] });
  }

  breakpointsIn(path: string): BreakpointState[] {
    return this.snap.breakpoints.filter((b) => b.path === path);
  }

  /** Replaces one file's breakpoints on the backend (which keeps them per project). */
  async setFile(path: string, specs: BreakpointSpec[]): Promise<void> {
    try {
      const states = await this.api.call('debug.setBreakpoints', { path, breakpoints: specs });
      this.set({ breakpoints: [...this.snap.breakpoints.filter((b) => b.path !== path), ...states], error: null });
    } catch (err) {
      this.setError((err as Error).message);
    }
  }

  toggle(path: string, line: number): Promise<void> {
    const current = this.breakpointsIn(path).map(toSpec);
    const has = current.some((b) => b.line === line);
    return this.setFile(path, has ? current.filter((b) => b.line !== line) : [...current, { line }]);
  }

  /** Sets or replaces the breakpoint on one line (condition, hit count, log message). */
  edit(path: string, spec: BreakpointSpec): Promise<void> {
    const others = this.breakpointsIn(path).map(toSpec).filter((b) => b.line !== spec.line);
    return this.setFile(path, [...others, spec]);
  }
}

export function toSpec(b: BreakpointState): BreakpointSpec {
  const { line, condition, hitCondition, logMessage } = b;
  return { line, ...(condition ? { condition } : {}), ...(hitCondition ? { hitCondition } : {}), ...(logMessage ? { logMessage } : {}) };
}

const stores = new WeakMap<GopsyApi, DebugStore>();

/** The one store of this connection (the Debug view and the editor share it). */
export function debugStoreFor(api: GopsyApi): DebugStore {
  let s = stores.get(api);
  if (!s) stores.set(api, (s = new DebugStore(api)));
  return s;
}
