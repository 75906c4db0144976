// An index over the remarks of a run: counts per kind, grouping by file / function / kind, a page
// of filtered rows, and the two questions users ask most: where the heap allocations are, and
// which functions almost inlined. It holds remarks as loaded (flows possibly pending) and hands out
// full Remarks: every method that returns remarks reads their flows (withFlow).
import { INLINE_BUDGET, type Remark, type RemarkCounts, type RemarkKind } from '../../shared/remarks';
import { withFlow, type LazyRemark } from './logoptRemarks';

export interface RemarkQuery {
  kinds?: RemarkKind[];
  file?: string;
  /** Project-relative path (set by the backend). */
  path?: string;
  /** Only remarks in the project (those with a project-relative path). */
  projectOnly?: boolean;
  function?: string;
  /** Case-insensitive substring of message, function, file or reason. */
  search?: string;
  offset?: number;
  limit?: number;
}

export interface AlmostInlined {
  remark: Remark;
  cost: number;
  budget: number;
  /** How far over budget, in percent (1 = 1 % over). */
  overPercent: number;
}

export function countByKind(remarks: readonly Pick<Remark, 'kind'>[]): RemarkCounts {
  const counts: RemarkCounts = {};
  for (const r of remarks) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
  return counts;
}

export class RemarkIndex {
  readonly byFile = new Map<string, LazyRemark[]>();
  readonly counts: RemarkCounts;

  constructor(readonly all: readonly LazyRemark[]) {
    for (const r of all) {
      let list = this.byFile.get(r.file);
      if (!list) this.byFile.set(r.file, (list = []));
      list.push(r);
    }
    for (const list of this.byFile.values()) list.sort((a, b) => a.line - b.line || a.column - b.column);
    this.counts = countByKind(all);
  }

  matching(q: RemarkQuery): LazyRemark[] {
    const kinds = q.kinds && q.kinds.length > 0 ? new Set(q.kinds) : null;
    const needle = q.search?.trim().toLowerCase() ?? '';
    const source = q.file ? (this.byFile.get(q.file) ?? []) : this.all;
    return source.filter(
      (r) =>
        (!kinds || kinds.has(r.kind)) &&
        (!q.path || r.path === q.path) &&
        (!q.projectOnly || r.path !== undefined) &&
        (!q.function || r.function === q.function) &&
        (!needle || `${r.message}\n${r.function ?? ''}\n${r.file}\n${r.reason ?? ''}`.toLowerCase().includes(needle)),
    );
  }

  page(q: RemarkQuery): { total: number; rows: Remark[]; counts: RemarkCounts } {
    const all = this.matching(q);
    const offset = q.offset ?? 0;
    return { total: all.length, rows: all.slice(offset, offset + (q.limit ?? 500)).map(withFlow), counts: countByKind(all) };
  }

  /** The remarks of one project file (by project-relative path), in file order. */
  forPath(rel: string): Remark[] {
    return this.all.filter((r) => r.path === rel).map(withFlow);
  }

  /** Allocations the compiler put on the heap (escape remarks), optionally for one package. */
  heapAllocations(pkg?: string): Remark[] {
    return this.all.filter((r) => r.kind === 'escape' && (!pkg || r.package === pkg)).map(withFlow);
  }

  /** Functions over budget by at most `withinPercent` %, closest first. */
  almostInlined(withinPercent = 20): AlmostInlined[] {
    const out: AlmostInlined[] = [];
    for (const r of this.all) {
      if (r.kind !== 'cannotInline' || r.cost === undefined) continue;
      const budget = r.budget ?? INLINE_BUDGET;
      const overPercent = ((r.cost - budget) / budget) * 100;
      if (overPercent > 0 && overPercent <= withinPercent) out.push({ remark: withFlow(r), cost: r.cost, budget, overPercent });
    }
    return out.sort((a, b) => a.overPercent - b.overPercent || a.remark.file.localeCompare(b.remark.file));
  }

  /** Group counts: file → function → kind → n (for the grouped table). */
  groups(rows: readonly LazyRemark[]): Map<string, Map<string, RemarkCounts>> {
    const out = new Map<string, Map<string, RemarkCounts>>();
    for (const r of rows) {
      let fns = out.get(r.file);
      if (!fns) out.set(r.file, (fns = new Map()));
      const fn = r.function ?? '(package level)';
      const c = fns.get(fn) ?? {};
      c[r.kind] = (c[r.kind] ?? 0) + 1;
      fns.set(fn, c);
    }
    return out;
  }
}
