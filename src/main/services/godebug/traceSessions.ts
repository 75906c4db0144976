// Records the trace events of consoles that run with a GODEBUG profile: a tee on the console's output
// (the console itself gets the same data, unchanged). Events are pushed in batches as they come; the
// session keeps the output they came from (PushLog, deflated), not the events, and parses it again when
// a view opened late or the session file asks, so a long run holds a fraction of its output's size.
import type { TraceEvent } from '../../../shared/godebug';
import { TraceStream } from '../../../core/godebug';
import { PushLog } from './pushLog';

/** Batches are sent at most this often... */
export const EVENT_BATCH_MS = 50;
/** ...or as soon as they hold this many events. */
export const EVENT_BATCH_MAX = 2000;
/** A session keeps at most this many events (a long run must not fill memory); then it says so. */
export const MAX_SESSION_EVENTS = 1_000_000;

interface Session {
  stream: TraceStream;
  /** The pushes that made the first `count` events. */
  kept: PushLog;
  count: number;
  ended: boolean;
  batch: TraceEvent[];
  timer: NodeJS.Timeout | null;
  godebug: string;
  truncated: boolean;
}

export interface SessionEvents {
  godebug: string;
  truncated: boolean;
  count: number;
  /** The kept events, parsed again from the kept output as they are read. */
  events: Iterable<TraceEvent>;
}

export class TraceSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly push: (id: string, events: TraceEvent[]) => void,
    private readonly maxEvents = MAX_SESSION_EVENTS,
  ) {}

  start(id: string, godebug: string): void {
    this.sessions.set(id, { stream: new TraceStream(), kept: new PushLog(), count: 0, ended: false, batch: [], timer: null, godebug, truncated: false });
  }

  data(id: string, data: string): void {
    const s = this.sessions.get(id);
    if (!s) return;
    // Once the cap is reached nothing more is kept: the events of the pushes kept so far are the first ones.
    if (s.count < this.maxEvents) s.kept.append(data);
    this.add(id, s, s.stream.push(data));
  }

  exit(id: string): void {
    const s = this.sessions.get(id);
    if (!s) return;
    s.ended = true;
    this.add(id, s, s.stream.end());
    this.flush(id, s);
  }

  /** The session's events, for a file written as they are read. */
  events(id: string): SessionEvents | null {
    const s = this.sessions.get(id);
    if (!s) return null;
    const { count, ended, kept } = s;
    function* replay(): Generator<TraceEvent> {
      const stream = new TraceStream();
      let n = 0;
      const take = function* (evs: TraceEvent[]) {
        for (const e of evs) if (n++ < count) yield e;
      };
      for (const chunk of kept.replay()) {
        yield* take(stream.push(chunk));
        if (n >= count) return;
      }
      if (ended) yield* take(stream.end());
    }
    return { godebug: s.godebug, truncated: s.truncated, count, events: { [Symbol.iterator]: replay } };
  }

  get(id: string): { godebug: string; events: TraceEvent[]; truncated: boolean } | null {
    const got = this.events(id);
    return got ? { godebug: got.godebug, events: [...got.events], truncated: got.truncated } : null;
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
      if (s.count < this.maxEvents) s.count++;
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
