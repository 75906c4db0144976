// The timeline's rebuild causes, as plain data: which bar is which action of the run's rebuild
// explanation, each action that ran marked by the kind of its main root cause (file, dependency, flag,
// env, toolchain, new, other), a legend with the counts, and what a click on a bar does. Pure (no React),
// unit-tested on the explanation of real builds.
import type { TimelineBar } from '../../../../shared/build';
import type { ActionVerdict, RebuildReasonKind } from '../../../../shared/contract/explain';
import { rootKey, type Explained } from './whyRebuiltModel';

/** A bar's mark: the root-cause kind of an action that ran, `unknown` when it could not be compared. */
export type CauseMark = RebuildReasonKind | 'unknown';

/** Apart from the mode colours (a compile is blue, a link purple), so a marked bar reads as a cause. */
export const CAUSE_COLOURS: Record<CauseMark, string> = {
  file: '#f0883e',
  dependency: '#d16fc4',
  flag: '#e5c07b',
  env: '#4fc1c9',
  toolchain: '#e0555f',
  new: '#8fcf5c',
  other: '#b9bdc6',
  unknown: '#6b6f78',
};

/** The legend's order. */
export const CAUSE_ORDER: CauseMark[] = ['file', 'dependency', 'flag', 'env', 'toolchain', 'new', 'other', 'unknown'];

/** The action a bar draws, as the go command names it in its hash lines (`build example.org/x`). */
export const barKey = (b: Pick<TimelineBar, 'mode' | 'package'>): string => `${b.mode} ${b.package}`.trim();

export interface BarCauses {
  /** Per action id of a bar that ran: its mark. */
  marks: Map<number, CauseMark>;
  /** Per action id: the verdict of its action (ran or not), for the detail a click opens. */
  verdicts: Map<number, ActionVerdict>;
  /** Per mark, how many bars carry it, in legend order (kinds with none left out). */
  legend: Array<{ mark: CauseMark; bars: number }>;
}

/**
 * Marks each bar whose action ran by the kind of its main root cause: of its roots, the one that made
 * the most actions run (the explanation's summary order). Cache hits and actions the explanation does
 * not name (cache checks, nop) keep their usual look.
 */
export function barCauses(bars: readonly TimelineBar[], x: Explained): BarCauses {
  const byKey = new Map(x.actions.map((a) => [a.key, a]));
  const rank = new Map(x.summary.map((c, i) => [rootKey(c), i]));
  const marks = new Map<number, CauseMark>();
  const verdicts = new Map<number, ActionVerdict>();
  const counts = new Map<CauseMark, number>();
  for (const b of bars) {
    const v = byKey.get(barKey(b));
    if (!v) continue;
    verdicts.set(b.actionId, v);
    if (v.status === 'same' || b.cacheHit) continue;
    const mark = markOf(v, rank);
    marks.set(b.actionId, mark);
    counts.set(mark, (counts.get(mark) ?? 0) + 1);
  }
  return { marks, verdicts, legend: CAUSE_ORDER.filter((m) => counts.has(m)).map((mark) => ({ mark, bars: counts.get(mark)! })) };
}

function markOf(v: ActionVerdict, rank: Map<string, number>): CauseMark {
  if (v.status === 'unknown') return 'unknown';
  if (v.status === 'new') return 'new';
  const main = [...v.roots].sort((a, b) => (rank.get(rootKey(a)) ?? Infinity) - (rank.get(rootKey(b)) ?? Infinity))[0];
  return main?.kind ?? v.reasons[0]?.kind ?? 'other';
}

/** What a click on a bar shows under the chart: its rebuild reasons, the way on to its functions, or nothing new. */
export type BarClick = { kind: 'reasons'; verdict: ActionVerdict } | { kind: 'compile'; package: string } | { kind: 'select' };

/**
 * A rebuilt action shows its reasons (with, for a compile of a run with pass times, a link on to its
 * functions); a compile of a run with pass times and no rebuild reasons shows that link alone. The click
 * also selects the bar (its row in the tables, its package in the tree), so it never leaves the tab.
 */
export function barClick(bar: TimelineBar, causes: BarCauses | null, hasCompileCost: boolean): BarClick {
  const v = causes?.verdicts.get(bar.actionId);
  if (v && causes?.marks.has(bar.actionId)) return { kind: 'reasons', verdict: v };
  if (hasCompileCost && isCompile(bar)) return { kind: 'compile', package: bar.package };
  return { kind: 'select' };
}

/** A double click goes straight on: a compile of a run with pass times opens its package's functions. */
export const barOpensCompileCost = (bar: TimelineBar, hasCompileCost: boolean): string | null => (hasCompileCost && isCompile(bar) ? bar.package : null);

/** A bar that compiled a package (not a cache hit): its functions are in the run's pass times. */
export const isCompile = (b: Pick<TimelineBar, 'mode' | 'cacheHit' | 'package'>): boolean => b.mode === 'build' && !b.cacheHit && b.package !== '';
