// Parses the go command's -debug-actiongraph JSON (one array written at the end of the build) into
// actions with times in ms. Undocumented format: fields as in cmd/go/internal/work/action.go actionJSON.
import type { BuildAction } from '../../shared/build';

export interface ActionGraphResult {
  actions: BuildAction[];
  /** Set when the file is not a usable action graph (truncated, not JSON, wrong shape). */
  error?: string;
}

/**
 * RFC 3339 with nanoseconds → ms since the epoch, keeping the sub-millisecond part
 * (Date.parse drops it, and build actions of a few µs matter in a timeline).
 */
export function parseGoTime(s: unknown): number | undefined {
  if (typeof s !== 'string') return undefined;
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(s);
  if (!m) return undefined;
  const whole = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(whole)) return undefined;
  const frac = m[2] ? Number(`0.${m[2]}`) * 1000 : 0;
  return whole + frac;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function parseActionGraph(text: string): ActionGraphResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const hint = text.trim() === '' ? 'the file is empty (the build may have been stopped before it ended)' : (err as Error).message;
    return { actions: [], error: `The action graph is not valid JSON: ${hint}.` };
  }
  if (!Array.isArray(raw)) return { actions: [], error: 'The action graph is not a JSON array of actions.' };
  const actions: BuildAction[] = [];
  let skipped = 0;
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) {
      skipped++;
      continue;
    }
    const a = item as Record<string, unknown>;
    const id = num(a.ID);
    if (id === undefined || typeof a.Mode !== 'string') {
      skipped++;
      continue;
    }
    const cmd = Array.isArray(a.Cmd) ? a.Cmd.filter((c): c is string => typeof c === 'string') : null;
    const cmdReal = num(a.CmdReal);
    const action: BuildAction = {
      id,
      mode: a.Mode,
      package: typeof a.Package === 'string' ? a.Package : '',
      deps: Array.isArray(a.Deps) ? a.Deps.filter((d): d is number => typeof d === 'number') : [],
      cmd,
      // Only a compile ('build' mode) can be a cache hit: it ran no command although it needed its result.
      cacheHit: a.Mode === 'build' && cmd === null && a.Failed !== true,
      failed: a.Failed === true,
    };
    const ready = parseGoTime(a.TimeReady);
    const start = parseGoTime(a.TimeStart);
    const done = parseGoTime(a.TimeDone);
    if (ready !== undefined) action.readyMs = ready;
    if (start !== undefined) action.startMs = start;
    if (done !== undefined) action.doneMs = done;
    if (cmdReal !== undefined) action.cmdMs = cmdReal / 1e6; // a Go time.Duration: nanoseconds
    actions.push(action);
  }
  if (actions.length === 0 && raw.length > 0) return { actions, error: 'The action graph has no recognisable actions.' };
  return skipped > 0 ? { actions, error: `${skipped} entries of the action graph were not actions and were skipped.` } : { actions };
}
