// What the Why rebuilt panel says, as plain data: the one-sentence answer, the root causes as filters,
// the actions that ran (filtered, sorted), a reason as a chain of packages, one action's inputs side by
// side, and the backend's errors in plain words. Pure (no React), so it is unit-tested on real runs.
import type { ActionInputLine, ActionVerdict, RebuildExplanation, RebuildReason, RootCause, RootCauseCount } from '../../../../shared/contract/explain';
import { RUN_ID } from '../../../../shared/runFolder';

export type Explained = Extract<RebuildExplanation, { ok: true }>;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One key per root cause (kind and detail), to group and filter by. */
export const rootKey = (r: RootCause): string => `${r.kind}\u0000${r.detail}`;

/** An action that did not come from the cache: its inputs changed, it is new, or it could not be compared. */
export const didRun = (a: ActionVerdict): boolean => a.status !== 'same';

/** Causes named in the sentence; the rest are counted ("and 4 more"). */
const SENTENCE_CAUSES = 3;

/** The answer in one sentence: how many actions ran, how many came from the cache, and the root causes behind them, most first. */
export function summarySentence(x: Explained): string {
  const total = x.actions.length;
  const ran = x.actions.filter(didRun).length;
  if (ran === 0) return `Everything came from the cache (${total} of ${total} actions unchanged).`;
  const named = x.summary.slice(0, SENTENCE_CAUSES).map((c) => `${c.detail} → ${plural(c.actions, 'action')}`);
  const more = x.summary.length - named.length;
  const causes =
    x.summary.length === 0
      ? ''
      : `; ${x.summary.length === 1 ? '1 root cause' : `${x.summary.length} root causes`}: ${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
  const unknown = x.counts.unknown ?? 0;
  const cannot = unknown > 0 ? `; ${plural(unknown, 'action')} could not be compared` : '';
  return `${ran} of ${plural(total, 'action')} ran, ${total - ran} from the cache${causes}${cannot}.`;
}

/** When a run started, from its id (`20261206-101500-ab12cd` is 2026-12-06 10:15:00 UTC); null if it is no run id. */
export function runIdTime(id: string): number | null {
  if (!RUN_ID.test(id)) return null;
  const [d, t] = id.split('-') as [string, string];
  const at = Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +t.slice(0, 2), +t.slice(2, 4), +t.slice(4, 6));
  return Number.isNaN(at) ? null : at;
}

/** "14 min earlier", "3 h later": how far apart two instants are, in the largest unit that fits. */
export function distance(fromMs: number, toMs: number): string {
  const s = Math.round(Math.abs(toMs - fromMs) / 1000);
  const side = toMs <= fromMs ? 'earlier' : 'later';
  if (s < 60) return s === 0 ? 'at the same second' : `${s} s ${side}`;
  if (s < 3600) return `${Math.round(s / 60)} min ${side}`;
  if (s < 48 * 3600) return `${Math.round(s / 3600)} h ${side}`;
  return `${plural(Math.round(s / 86400), 'day')} ${side}`;
}

/** "compared with run 20261206-101500-ab12cd, 14 min earlier". */
export function comparedWith(id: string, against: string): string {
  const a = runIdTime(against);
  const b = runIdTime(id);
  return `compared with run ${against}${a !== null && b !== null ? `, ${distance(b, a)}` : ''}`;
}

/** A root cause as a filter: its key and how many actions of the list it explains. */
export interface CauseGroup extends RootCauseCount {
  key: string;
}

/** The root causes, most actions first (the order the explanation gives). */
export const causeGroups = (x: Explained): CauseGroup[] => x.summary.map((c) => ({ ...c, key: rootKey(c) }));

/**
 * A reason as the list shows it. A dependency that changed names its chain, from the action's package
 * down to the package where the root cause is: "example.org/x/report ← example.org/x/ledger: ledger/ledger.go changed".
 */
export function reasonText(pkg: string, r: RebuildReason): string {
  const root = r.roots[0];
  const isOwnRoot = r.roots.length === 1 && root?.kind === r.kind && root.detail === r.detail;
  if (r.kind !== 'dependency' || !r.dependency || !root || isOwnRoot) return r.detail;
  const chain: string[] = [];
  for (const p of [pkg, r.dependency, ...(r.via ?? [])]) if (p && chain[chain.length - 1] !== p) chain.push(p);
  // A dependency on the action's own package (a link, a vet): the sentence says more than a chain of one.
  if (chain.length < 2) return r.detail;
  const more = r.roots.length > 1 ? ` (and ${plural(r.roots.length - 1, 'more cause')})` : '';
  return `${chain.join(' ← ')}: ${root.detail}${more}`;
}

export type SortKey = 'package' | 'mode';
export interface ActionQuery {
  /** Words that must all appear in the package, the mode, the action's name or a reason (any case). */
  text: string;
  /** rootKey of a root cause: only the actions it explains. */
  cause: string | null;
  /** null: the order of the explanation (the go command's). */
  sort: { key: SortKey; dir: 'asc' | 'desc' } | null;
}

/** The text a filter searches in one action. */
const haystack = (a: ActionVerdict) =>
  [a.package, a.mode, a.key, a.status, a.note ?? '', ...a.reasons.map((r) => reasonText(a.package, r))].join('\n').toLowerCase();

/** The actions that ran, narrowed and ordered as the query says. */
export function queryActions(x: Explained, q: ActionQuery): ActionVerdict[] {
  const words = q.text.toLowerCase().split(/\s+/).filter(Boolean);
  const out = x.actions.filter(
    (a) => didRun(a) && (q.cause === null || a.roots.some((r) => rootKey(r) === q.cause)) && (words.length === 0 || words.every((w) => haystack(a).includes(w))),
  );
  const sort = q.sort;
  if (!sort) return out;
  const sign = sort.dir === 'asc' ? 1 : -1;
  const other: SortKey = sort.key === 'package' ? 'mode' : 'package';
  return out.sort((a, b) => sign * (a[sort.key].localeCompare(b[sort.key]) || a[other].localeCompare(b[other])));
}

/** One row of an action's inputs side by side; a side the run did not have is null. */
export interface InputRow {
  slot: string;
  kind: string;
  earlier: string | null;
  later: string | null;
  changed: boolean;
}

export interface InputTable {
  rows: InputRow[];
  changed: number;
  /** Unchanged rows left out by "only changed lines". */
  hidden: number;
}

/** The inputs of one action in both runs, every line or only the changed ones, in the order printed. */
export function sideBySide(lines: ActionInputLine[], onlyChanged: boolean): InputTable {
  const changed = lines.filter((l) => l.changed).length;
  const rows = (onlyChanged ? lines.filter((l) => l.changed) : lines).map(({ slot, kind, earlier, later, changed: c }) => ({ slot, kind, earlier, later, changed: c }));
  return { rows, changed, hidden: lines.length - rows.length };
}

/** What a side with no such line says. */
export const absentText = (side: 'earlier' | 'later') => (side === 'earlier' ? '(not in the earlier run)' : '(not in this run)');

/** How to record a run's inputs: the profile option and what it sets. */
export const HOW_TO_RECORD =
  'Turn on “Why rebuilt” in the profile’s capture options (capture.rebuildReasons, which sets GODEBUG=gocachehash=1), run the build once before a change and once after, then open the later run.';

/** The backend's refusals in plain words (`code` as the contract names them), else its own message. */
export function explainErrorText(code: string | undefined, message: string): { title: string; advice?: string } {
  if (code === 'no-hash-inputs') return { title: 'This run did not record its actions’ cache-key inputs, so there is nothing to compare.', advice: HOW_TO_RECORD };
  if (code === 'no-earlier-run')
    return {
      title: 'There is no earlier run of this project that recorded its cache-key inputs to compare with.',
      advice: 'Run the same profile (with “Why rebuilt” on) once more after a change: the later run is then explained against this one.',
    };
  return { title: message };
}

/** A run the explanation can be compared with instead. */
export interface AgainstChoice {
  id: string;
  label: string;
}

/** The project's finished runs that started before run `id`, newest first, each with how much earlier. */
export function earlierRuns(runs: ReadonlyArray<{ id: string; status: string; profileName: string }>, id: string): AgainstChoice[] {
  const at = runIdTime(id);
  if (at === null) return [];
  return runs
    .map((r) => ({ r, t: runIdTime(r.id) }))
    .filter((x): x is { r: (typeof runs)[number]; t: number } => x.t !== null && x.r.id !== id && x.r.status !== 'running' && (x.t < at || (x.t === at && x.r.id < id)))
    .sort((a, b) => b.t - a.t || b.r.id.localeCompare(a.r.id))
    .map(({ r, t }) => ({ id: r.id, label: `${r.id} · ${r.profileName} · ${r.status} · ${distance(at, t)}` }));
}
