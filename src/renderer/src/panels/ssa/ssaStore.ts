// The SSA view's state: the package picked and its functions, the capture shown and what of it is on
// screen (phase, tab, selection, diff, search, source columns), and the wait or error to tell the user.
// One store per GopsyApi, like the other views' stores; the view reads it with useSyncExternalStore.
import { useSyncExternalStore } from 'react';
import type { GopsyApi, TreePackage } from '../../../../shared/api';
import type { SsaAstLine, SsaPhase, SsaProgLine, SsaSourceFile } from '../../../../shared/ssa';
import type { SsaDiffResult, SsaFuncInfo, SsaHistoryResult, SsaSearchResult, SsaSummary } from '../../../../shared/contract/ssa';
import { editorMarks } from '../../editor/editorMarks';

export type SsaTab = 'phase' | 'diff' | 'cfg' | 'sources' | 'ast' | 'genssa' | 'search';
export const SSA_TABS: SsaTab[] = ['phase', 'diff', 'cfg', 'sources', 'ast', 'genssa', 'search'];

export interface SsaError {
  text: string;
  candidates: string[];
  /** The error came from listing functions; a new listing clears only such an error, not one the
   * user's own action (open, capture) produced meanwhile. */
  fromList?: boolean;
}

export interface SsaColumns {
  sources?: SsaSourceFile[];
  ast?: SsaAstLine[];
  genssa?: SsaProgLine[];
}

export interface SsaSnapshot {
  packages: TreePackage[];
  /** Package directory as the picker names it ('.' for the root). */
  pkg: string;
  test: boolean;
  // The functions listed, with the package and build they belong to: a list is shown only while its
  // package is the one picked, so no frame shows one package's functions under another's name.
  listed: { for: string; functions: SsaFuncInfo[] } | null;
  funcFilter: string;
  /** The folder typed to open a kept capture from. */
  openDir: string;
  busy: string | null;
  error: SsaError | null;
  /** The capture shown, and the source file it is known to come from. */
  id: string | null;
  knownFile: string | null;
  format: 'html' | 'dumps' | undefined;
  summary: SsaSummary | null;
  index: number;
  phase: SsaPhase | null;
  tab: SsaTab;
  selected: string | null;
  history: SsaHistoryResult | null;
  diff: SsaDiffResult | null;
  diffBase: number | null;
  query: string;
  search: SsaSearchResult | null;
  column: SsaColumns;
  highlightLine: number | null;
  scrollTo: number | null;
}

const INITIAL: SsaSnapshot = {
  packages: [],
  pkg: '',
  test: false,
  listed: null,
  funcFilter: '',
  openDir: '',
  busy: null,
  error: null,
  id: null,
  knownFile: null,
  format: undefined,
  summary: null,
  index: 0,
  phase: null,
  tab: 'phase',
  selected: null,
  history: null,
  diff: null,
  diffBase: null,
  query: '',
  search: null,
  column: {},
  highlightLine: null,
  scrollTo: null,
};

/** The package argument of the go command for a picked package directory. */
export function pkgArgOf(pkg: string): string {
  return pkg === '.' ? '.' : `./${pkg}`;
}

/** The key a listing is kept under: its package argument and build. */
export function listingKey(pkgArg: string, test: boolean): string {
  return `${pkgArg}\0${test}`;
}

/** The functions of the package and build picked, once listed. */
export function listedFunctions(s: SsaSnapshot): SsaFuncInfo[] | null {
  return s.listed?.for === listingKey(pkgArgOf(s.pkg), s.test) ? s.listed.functions : null;
}

export class SsaStore {
  private snap: SsaSnapshot = INITIAL;
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  readonly snapshot = (): SsaSnapshot => this.snap;

  /** Changes the state; a function patch sees the state as it is then. */
  set(patch: Partial<SsaSnapshot> | ((s: SsaSnapshot) => Partial<SsaSnapshot>)): void {
    this.snap = { ...this.snap, ...(typeof patch === 'function' ? patch(this.snap) : patch) };
    for (const l of this.listeners) l();
  }

  fail(text: string, candidates: string[] = []): void {
    this.set({ error: { text, candidates } });
  }

  /** Shows a capture the backend has started parsing (a fresh one or an opened folder). */
  show(captureId: string, file: string | null = null): void {
    editorMarks.clear('ssa');
    this.set({ knownFile: file, summary: null, phase: null, selected: null, history: null, column: {}, index: 0, format: undefined, id: captureId });
  }

  /** A phase picked in the list; a diff then compares it with the phase before it. */
  pickPhase(index: number): void {
    this.set({ index, diffBase: null });
  }

  /** Shows a value or block (v12, b3) in the phase view, scrolled to its row when it has one. */
  jumpTo(target: string, row: number): void {
    this.set({ tab: 'phase', selected: target, ...(row >= 0 ? { scrollTo: row } : {}) });
  }

  /** A search hit: its phase, with its value selected. */
  showHit(phase: number, value: string | undefined): void {
    this.set({ index: phase, ...(value ? { selected: value } : {}), tab: 'phase' });
  }
}

const stores = new WeakMap<GopsyApi, SsaStore>();

export function ssaStoreFor(api: GopsyApi): SsaStore {
  let s = stores.get(api);
  if (!s) stores.set(api, (s = new SsaStore()));
  return s;
}

export function useSsaSnapshot(store: SsaStore): SsaSnapshot {
  return useSyncExternalStore(store.subscribe, store.snapshot);
}
