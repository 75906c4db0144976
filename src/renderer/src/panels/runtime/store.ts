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
} from '../../../../shared/api';
import type { BundleSummary } from '../../../../shared/contract/bundle';
import { loadState, saveState } from '../../state/persist';

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
  /** A capture replayed from the opened bundle (read-only); its events load when it is first shown. */
  replay?: ReplayInfo;
}

export interface ReplayInfo {
  bundleId: string;
  bundleName: string;
  path: string;
  commandLine: string;
  /** Saved while the program still ran. */
  running?: boolean;
  state: 'idle' | 'loading' | 'loaded' | 'error';
  /** For the user, as text: a missing header, bad lines skipped, the cap reached, a read error. */
  warnings: string[];
}

/** The id a bundle's capture has among the sessions. */
export function replayId(bundleId: string, path: string): string {
  return `bundle:${bundleId}:${path}`;
}

const MAX_SESSION_EVENTS = 1_000_000;

function emptySession(id: string, title: string, godebug: string, startedAt: number): TraceSession {
  return { id, title, godebug, startedAt, events: [], gc: [], sched: [], init: [], http2: [], counts: {}, truncated: false };
}

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
  private bundleShown: string | null = null;

  constructor(private readonly api: GopsyApi) {
    api.on('godebug.events', ({ id, events }) => {
      const s = this.sessions.get(id);
      if (!s) return;
      this.add(s, events);
      this.changed();
    });
    // The bundle the Session view shows offers its GODEBUG captures here, until it closes.
    api.on('bundle.opened', (b) => void this.showBundle(b));
    api.on('bundle.closed', ({ id }) => this.dropBundle(id));
    void api.call('bundle.current', {}).then(
      (b) => b && this.showBundle(b),
      () => undefined,
    );
  }

  /** The live sessions (consoles run here), in start order. */
  get live(): TraceSession[] {
    return [...this.sessions.values()].filter((s) => !s.replay);
  }

  /** The opened bundle's captures. */
  get replays(): TraceSession[] {
    return [...this.sessions.values()].filter((s) => s.replay);
  }

  /** The session the Runtime view shows: the one picked, else the newest live one, else the bundle's first capture. */
  get shown(): TraceSession | null {
    return (this.activeSession && this.sessions.get(this.activeSession)) || this.live.at(-1) || this.replays[0] || null;
  }

  private async showBundle(b: BundleSummary): Promise<void> {
    if (this.bundleShown === b.id) return;
    this.bundleShown = b.id;
    // Only the bundle shown in the Session view: an earlier one's captures go.
    for (const s of this.replays) this.sessions.delete(s.id);
    if (!b.entries.some((e) => e.kind === 'events')) return this.changed(true);
    let list;
    try {
      list = await this.api.call('bundle.godebugCaptures', { id: b.id });
    } catch {
      return; // closed meanwhile, or an old backend
    }
    if (this.bundleShown !== b.id) return; // another bundle opened meanwhile
    for (const c of list) {
      const id = replayId(b.id, c.path);
      this.sessions.set(id, {
        ...emptySession(id, c.title, c.godebug || '?', Date.parse(c.startedAt) || 0),
        replay: { bundleId: b.id, bundleName: b.project.name, path: c.path, commandLine: c.commandLine, ...(c.running ? { running: true } : {}), state: 'idle', warnings: c.problem ? [c.problem] : [] },
      });
    }
    this.changed(true);
  }

  private dropBundle(bundleId: string): void {
    if (this.bundleShown === bundleId) this.bundleShown = null;
    let dropped = false;
    for (const s of this.replays) {
      if (s.replay!.bundleId !== bundleId) continue;
      this.sessions.delete(s.id);
      if (this.activeSession === s.id) this.activeSession = null;
      dropped = true;
    }
    if (dropped) this.changed(true);
  }

  /** Reads a bundle capture's events the first time it is shown. */
  async loadReplay(id: string): Promise<void> {
    const s = this.sessions.get(id);
    const r = s?.replay;
    if (!s || !r || r.state !== 'idle') return;
    r.state = 'loading';
    this.changed(true);
    try {
      const got = await this.api.call('bundle.godebugEvents', { id: r.bundleId, path: r.path });
      this.add(s, got.events);
      // session.truncated stays false: the Log panel's note is about live consoles; the warnings say what happened here.
      // The header's problem was said already; the events' warnings cover it again.
      r.warnings = got.warnings;
      r.state = 'loaded';
    } catch (err) {
      r.warnings = [...r.warnings, `The capture cannot be read: ${(err as Error).message}`];
      r.state = 'error';
    }
    this.changed(true);
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
    this.sessions.set(info.id, emptySession(info.id, info.title, godebug, Date.now()));
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
