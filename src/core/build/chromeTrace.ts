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
  const body = text.trim();
  if (body === '') return { spans: [], events: 0, truncated: true, error: 'The trace file is empty.' };
  if (!body.startsWith('[')) return { spans: [], events: 0, truncated: false, error: 'The trace file is not a Chrome trace (it does not start with `[`).' };
  const truncated = !body.endsWith(']');
  const open = new Map<string, { tid: number; ts: number }>();
  const spans: TraceSpan[] = [];
  let events = 0;
  let bad = 0;
  for (const rawLine of body.split('\n')) {
    let line = rawLine.trim();
    if (line === '[' || line === ']' || line === '') continue;
    if (line.startsWith(',')) line = line.slice(1);
    if (line.endsWith(']')) line = line.slice(0, -1);
    let ev: unknown;
    try {
      ev = JSON.parse(line);
    } catch {
      bad++;
      continue;
    }
    if (typeof ev !== 'object' || ev === null) continue;
    events++;
    const { name, ph, ts, tid } = ev as Record<string, unknown>;
    if (typeof name !== 'string' || typeof ts !== 'number' || typeof tid !== 'number') continue;
    const m = EXECUTING.exec(name);
    if (!m || name.includes(' -> ')) continue; // flow arrows name two actions
    const key = `${tid}\0${m[1]}`;
    if (ph === 'B') open.set(key, { tid, ts });
    else if (ph === 'E') {
      const b = open.get(key);
      if (!b) continue;
      open.delete(key);
      spans.push({ action: m[1]!, tid, startUs: b.ts, endUs: ts });
    }
  }
  const result: BuildTraceResult = { spans, events, truncated };
  if (events === 0) result.error = 'The trace file has no readable events.';
  else if (truncated) result.error = 'The trace ends early (the build was stopped); the actions still running then are left out.';
  else if (bad > 0) result.error = `${bad} lines of the trace are not JSON and were skipped.`;
  return result;
}
