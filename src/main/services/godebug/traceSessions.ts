// Records the trace events of consoles that run with a GODEBUG profile: a tee on the console's output
// (the console itself gets the same data, unchanged). Events are pushed in batches and kept for the
// session, so a view opened late, or after the run, still sees everything.
import type { TraceEvent } from '../../../shared/godebug';
import { TraceStream } from '../../../core/godebug';

/** Batches are sent at most this often... */
export const EVENT_BATCH_MS = 50;
/** ...or as soon as they hold this many events. */
export const EVENT_BATCH_MAX = 2000;
/** A session keeps at most this many events (a long run must not fill memory); then it says so. */
export const MAX_SESSION_EVENTS = 1_000_000;

interface Session {
  stream: TraceStream;
  events: TraceEvent[];
  batch: TraceEvent[];
  timer: NodeJS.Timeout | null;
  godebug: string;
  truncated: boolean;
}

export class TraceSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly push: (id: string, events: TraceEvent[]) => void) {}

  start(id: string, godebug: string): void {
    this.sessions.set(id, { stream: new TraceStream(), events: [], batch: [], timer: null, godebug, truncated: false });
  }

  data(id: string, data: string): void {
    const s = this.sessions.get(id);
    if (s) this.add(id, s, s.stream.push(data));
  }

  exit(id: string): void {
    const s = this.sessions.get(id);
    if (!s) return;
    this.add(id, s, s.stream.end());
    this.flush(id, s);
  }

  get(id: string): { godebug: string; events: TraceEvent[]; truncated: boolean } | null {
    const s = this.sessions.get(id);
    return s ? { godebug: s.godebug, events: s.events, truncated: s.truncated } : null;
  }

  forget(id: string): void {
    const s = this.sessions.get(id);
    if (s?.timer) clearTimeout(s.timer);
    this.sessions.delete(id);
  }

  disposeAll(): void {
    for (const id of [...this.sessions.keys()]) this.forget(id);
  }

  private add(id: string, s: Session, evs: TraceEvent[]): void {
    if (evs.length === 0) return;
    for (const e of evs) {
      if (s.events.length < MAX_SESSION_EVENTS) s.events.push(e);
      else s.truncated = true;
      s.batch.push(e);
      if (s.batch.length >= EVENT_BATCH_MAX) this.flush(id, s);
    }
    if (s.batch.length > 0) s.timer ??= setTimeout(() => this.flush(id, s), EVENT_BATCH_MS);
  }

  private flush(id: string, s: Session): void {
    if (s.timer) clearTimeout(s.timer);
    s.timer = null;
    if (s.batch.length === 0) return;
    const batch = s.batch;
    s.batch = [];
    this.push(id, batch);
  }
}
