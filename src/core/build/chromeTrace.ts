// Parses the go command's -debug-trace file (Chrome Trace Event JSON) into the executed actions with
// the worker (tid) that ran each. The file is `[`, one event per line prefixed by `,`, then `]`;
// a killed build leaves no `]`, so it is read line by line and a truncated tail is tolerated.

export interface TraceSpan {
  /** `build example.com/x`, `link example.com/x`: the action's mode and package, as the go command names it. */
  action: string;
  tid: number;
  /** Microseconds, the trace's own clock (the epoch). */
  startUs: number;
  endUs: number;
}

export interface BuildTraceResult {
  spans: TraceSpan[];
  events: number;
  /** True when the file ended without its closing `]` (the build was stopped). */
  truncated: boolean;
  error?: string;
}

const EXECUTING = /^Executing action \((.*)\)$/;

export function parseBuildTrace(text: string): BuildTraceResult {
  const reader = new BuildTraceReader();
  reader.push(text);
  return reader.end();
}

/**
 * The same, a piece at a time (a big build's trace is read from disk in chunks): it holds the spans
 * found so far and one partial line, never the file.
 */
export class BuildTraceReader {
  /** The first and last characters that are not white space, so far. */
  private first = '';
  private last = '';
  private rest = '';
  private readonly open = new Map<string, { tid: number; ts: number }>();
  private readonly spans: TraceSpan[] = [];
  private events = 0;
  private bad = 0;

  push(chunk: string): void {
    if (this.first === '') this.first = /\S/.exec(chunk)?.[0] ?? '';
    const tail = chunk.trimEnd();
    if (tail !== '') this.last = tail[tail.length - 1]!;
    if (this.first !== '[' && this.first !== '') return; // not a trace: end() says so
    const text = this.rest + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      this.line(text.slice(start, nl));
      start = nl + 1;
    }
    this.rest = text.slice(start);
  }

  end(): BuildTraceResult {
    if (this.first === '') return { spans: [], events: 0, truncated: true, error: 'The trace file is empty.' };
    if (this.first !== '[') return { spans: [], events: 0, truncated: false, error: 'The trace file is not a Chrome trace (it does not start with `[`).' };
    this.line(this.rest);
    this.rest = '';
    const { spans, events, bad } = this;
    const truncated = this.last !== ']';
    const result: BuildTraceResult = { spans, events, truncated };
    if (events === 0) result.error = 'The trace file has no readable events.';
    else if (truncated) result.error = 'The trace ends early (the build was stopped); the actions still running then are left out.';
    else if (bad > 0) result.error = `${bad} lines of the trace are not JSON and were skipped.`;
    return result;
  }

  private line(rawLine: string): void {
    let line = rawLine.trim();
    if (line === '[' || line === ']' || line === '') return;
    if (line.startsWith(',')) line = line.slice(1);
    if (line.endsWith(']')) line = line.slice(0, -1);
    let ev: unknown;
    try {
      ev = JSON.parse(line);
    } catch {
      this.bad++;
      return;
    }
    if (typeof ev !== 'object' || ev === null) return;
    this.events++;
    const { name, ph, ts, tid } = ev as Record<string, unknown>;
    if (typeof name !== 'string' || typeof ts !== 'number' || typeof tid !== 'number') return;
    const m = EXECUTING.exec(name);
    if (!m || name.includes(' -> ')) return; // flow arrows name two actions
    const key = `${tid}\0${m[1]}`;
    if (ph === 'B') this.open.set(key, { tid, ts });
    else if (ph === 'E') {
      const b = this.open.get(key);
      if (!b) return;
      this.open.delete(key);
      this.spans.push({ action: m[1]!, tid, startUs: b.ts, endUs: ts });
    }
  }
}
