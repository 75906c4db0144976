// The renderer's GODEBUG state: the profiles and the selected one (used by the toolbar for new
// consoles), validation findings, and the trace sessions of consoles run with a profile. One store
// per API connection, created at start so no event is missed while the Runtime view is not shown.
import type {
  ConsoleInfo,
  Finding,
  GcEvent,
  GodebugProfile,
  GopsyApi,
  Http2Event,
  InitEvent,
  SchedEvent,
  TraceEvent,
  TraceKind,
} from '../../../shared/api';
import { loadState, saveState } from '../state/persist';

export interface TraceSession {
  id: string;
  title: string;
  godebug: string;
  startedAt: number;
  events: TraceEvent[];
  gc: GcEvent[];
  sched: SchedEvent[];
  init: InitEvent[];
  http2: Http2Event[];
  counts: Partial<Record<TraceKind, number>>;
  truncated: boolean;
}

const MAX_SESSION_EVENTS = 1_000_000;

const stores = new WeakMap<GopsyApi, GodebugStore>();

export function godebugStore(api: GopsyApi): GodebugStore {
  let s = stores.get(api);
  if (!s) stores.set(api, (s = new GodebugStore(api)));
  return s;
}

export class GodebugStore {
  profiles: GodebugProfile[] = [];
  selectedId: string = loadState('godebug.profile', '');
  findings: Finding[] = [];
  goVersion = '';
  readonly sessions = new Map<string, TraceSession>();
  activeSession: string | null = null;
  /** Bumped on every change; views compare it to re-render (useSyncExternalStore). */
  version = 0;
  private readonly listeners = new Set<() => void>();
  private frame: ReturnType<typeof setTimeout> | null = null;
  private validateSeq = 0;

  constructor(private readonly api: GopsyApi) {
    api.on('godebug.events', ({ id, events }) => {
      const s = this.sessions.get(id);
      if (!s) return;
      this.add(s, events);
      this.changed();
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  get selected(): GodebugProfile | null {
    return this.profiles.find((p) => p.id === this.selectedId) ?? null;
  }

  async loadProfiles(): Promise<void> {
    this.profiles = await this.api.call('godebug.profiles', {});
    if (this.selectedId && !this.selected) this.selectedId = '';
    this.changed(true);
    await this.validateSelected();
  }

  select(id: string): void {
    this.selectedId = id;
    saveState('godebug.profile', id);
    this.changed(true);
    void this.validateSelected();
  }

  setProfiles(list: GodebugProfile[]): void {
    this.profiles = list;
    this.changed(true);
    void this.validateSelected();
  }

  private async validateSelected(): Promise<void> {
    const p = this.selected;
    const seq = ++this.validateSeq;
    if (!p) {
      this.findings = [];
      this.changed(true);
      return;
    }
    try {
      const r = await this.api.call('godebug.validate', { godebug: p.godebug, ...(p.gocompiledebug ? { gocompiledebug: p.gocompiledebug } : {}) });
      if (seq !== this.validateSeq) return;
      this.findings = r.findings;
      this.goVersion = r.goVersion;
    } catch (err) {
      this.findings = [{ severity: 'warning', variable: 'GODEBUG', key: '', code: 'unknown', message: `could not validate: ${(err as Error).message}` }];
    }
    this.changed(true);
  }

  /** A console opened with a profile: start collecting its events. */
  track(info: ConsoleInfo, godebug: string): void {
    this.sessions.set(info.id, {
      id: info.id,
      title: info.title,
      godebug,
      startedAt: Date.now(),
      events: [],
      gc: [],
      sched: [],
      init: [],
      http2: [],
      counts: {},
      truncated: false,
    });
    this.activeSession = info.id;
    this.changed(true);
  }

  setActive(id: string): void {
    this.activeSession = id;
    this.changed(true);
  }

  private add(s: TraceSession, events: TraceEvent[]): void {
    for (const e of events) {
      // The backend keeps the same cap; past it the log says so instead of filling the page's memory.
      if (s.events.length < MAX_SESSION_EVENTS) s.events.push(e);
      else s.truncated = true;
      s.counts[e.kind] = (s.counts[e.kind] ?? 0) + 1;
      if (e.kind === 'gc') s.gc.push(e);
      else if (e.kind === 'sched') s.sched.push(e);
      else if (e.kind === 'init') s.init.push(e);
      else if (e.kind === 'http2') s.http2.push(e);
    }
  }

  /** Notifies at most every 100 ms: 20,000 lines a second must not mean 20,000 renders. */
  private changed(now = false): void {
    this.version++;
    if (now) {
      if (this.frame) clearTimeout(this.frame);
      this.frame = null;
      this.listeners.forEach((l) => l());
      return;
    }
    this.frame ??= setTimeout(() => {
      this.frame = null;
      this.listeners.forEach((l) => l());
    }, 100);
  }
}
