// Remarks diff of two builds: heap allocations and bounds checks that appeared or went away, and
// functions that started or stopped being inlinable. Remarks are matched by package, function, kind
// and the message's shape (numbers blanked: inline costs and derefs change between versions), so a
// remark that only moved lines is not a change; within one such group, extra remarks are the change.
import type { Remark, RemarkKind } from '../../shared/remarks';
import { REMARK_CHANGES, type RemarkChange, type RemarkChangeKind, type RemarksDiff, type SourceLoc } from '../../shared/compare';
import { countByKind } from '../remarks';

/** The message without what varies between toolchains for the same fact: numbers. */
export function messageShape(message: string): string {
  return message.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

const loc = (r: Remark): SourceLoc => ({ file: r.file, ...(r.path ? { path: r.path } : {}), line: r.line, column: r.column });

/**
 * Where a remark's function is: package + function, else package + the file's name (outside the
 * project no function is known, and GOROOT differs between toolchains, so the full path would never match).
 */
const scope = (r: Remark) => `${r.package ?? ''}\u0000${r.function ?? `@${r.path ?? r.file.slice(r.file.lastIndexOf('/') + 1)}`}`;

function group(remarks: readonly Remark[], kinds: readonly RemarkKind[]): Map<string, Remark[]> {
  const out = new Map<string, Remark[]>();
  for (const r of remarks) {
    if (!kinds.includes(r.kind)) continue;
    const key = `${scope(r)}\u0000${r.kind}\u0000${r.kind === 'boundsCheck' ? r.code : messageShape(r.message)}`;
    const list = out.get(key) ?? [];
    list.push(r);
    out.set(key, list);
  }
  for (const list of out.values()) list.sort((x, y) => x.line - y.line || x.column - y.column);
  return out;
}

const base = (r: Remark) => ({
  ...(r.package ? { package: r.package } : {}),
  ...(r.function ? { function: r.function } : {}),
  message: r.message,
});

/** Pairs equal keys in line order; what is left on a side is new (B) or gone (A). */
function pairUp(a: readonly Remark[], b: readonly Remark[], kinds: readonly RemarkKind[], added: RemarkChangeKind, gone: RemarkChangeKind) {
  const ga = group(a, kinds);
  const gb = group(b, kinds);
  const changes: RemarkChange[] = [];
  let matched = 0;
  let moved = 0;
  for (const key of new Set([...ga.keys(), ...gb.keys()])) {
    const xa = ga.get(key) ?? [];
    const xb = gb.get(key) ?? [];
    const n = Math.min(xa.length, xb.length);
    // Pair by nearest line: both lists are sorted, and a shift moves every remark the same way.
    for (let i = 0; i < n; i++) if (xa[i]!.line !== xb[i]!.line) moved++;
    matched += n;
    for (const r of xb.slice(n)) changes.push({ change: added, ...base(r), b: loc(r) });
    for (const r of xa.slice(n)) changes.push({ change: gone, ...base(r), a: loc(r) });
  }
  return { changes, matched, moved };
}

const inlineDetail = (r: Remark) =>
  r.kind === 'canInline' ? `inlinable${r.cost !== undefined ? `, cost ${r.cost}` : ''}` : `${r.reason ?? 'not inlinable'}${r.cost !== undefined ? `, cost ${r.cost}${r.budget ? ` > budget ${r.budget}` : ''}` : ''}`;

/** Per function: its canInline / cannotInline remark on each side; a change of verdict is the change. */
function inlining(a: readonly Remark[], b: readonly Remark[]): RemarkChange[] {
  const verdicts = (rs: readonly Remark[]) => {
    const m = new Map<string, Remark>();
    for (const r of rs) if ((r.kind === 'canInline' || r.kind === 'cannotInline') && r.function) m.set(`${r.package ?? ''}\u0000${r.function}`, r);
    return m;
  };
  const va = verdicts(a);
  const vb = verdicts(b);
  const out: RemarkChange[] = [];
  for (const [key, rb] of vb) {
    const ra = va.get(key);
    if (!ra || ra.kind === rb.kind) continue;
    out.push({
      change: rb.kind === 'canInline' ? 'inlineStarted' : 'inlineStopped',
      ...base(rb),
      detailA: inlineDetail(ra),
      detailB: inlineDetail(rb),
      a: loc(ra),
      b: loc(rb),
    });
  }
  return out;
}

export interface RemarksSide {
  /** null: the run did not capture remarks. */
  remarks: readonly Remark[] | null;
}

export function diffRemarks(a: RemarksSide, b: RemarksSide, notes: string[] = []): RemarksDiff {
  // Only what both sides report can differ: a side without remarks (not captured) has no changes, and
  // a package compiled on one side only (the other had it from the cache) is left out, not "gone".
  let ra: readonly Remark[] = [];
  let rb: readonly Remark[] = [];
  if (a.remarks && b.remarks) {
    const pa = new Set(a.remarks.map((r) => r.package));
    const pb = new Set(b.remarks.map((r) => r.package));
    const oneSided = [...new Set([...pa, ...pb])].filter((p) => !(pa.has(p) && pb.has(p)));
    if (oneSided.length > 0) {
      notes.push(`${oneSided.length} package${oneSided.length === 1 ? ' has' : 's have'} remarks on one side only (compiled there, from the cache on the other): left out of the remark changes.`);
    }
    ra = a.remarks.filter((r) => pb.has(r.package));
    rb = b.remarks.filter((r) => pa.has(r.package));
  }
  const heap = pairUp(ra, rb, ['escape'], 'heapNew', 'heapGone');
  const bounds = pairUp(ra, rb, ['boundsCheck'], 'boundsNew', 'boundsGone');
  const changes = [...heap.changes, ...inlining(ra, rb), ...bounds.changes].sort(
    (x, y) =>
      REMARK_CHANGES.indexOf(x.change) - REMARK_CHANGES.indexOf(y.change) ||
      (x.package ?? '').localeCompare(y.package ?? '') ||
      (x.function ?? '').localeCompare(y.function ?? '') ||
      ((x.b ?? x.a)?.line ?? 0) - ((y.b ?? y.a)?.line ?? 0),
  );
  const counts = Object.fromEntries(REMARK_CHANGES.map((c) => [c, changes.filter((x) => x.change === c).length])) as Record<RemarkChangeKind, number>;
  const inProject = (x: RemarkChange) => !!(x.b ?? x.a)?.path;
  const projectCounts = Object.fromEntries(REMARK_CHANGES.map((c) => [c, changes.filter((x) => x.change === c && inProject(x)).length])) as Record<
    RemarkChangeKind,
    number
  >;
  return {
    a: a.remarks !== null,
    b: b.remarks !== null,
    notes,
    counts,
    projectCounts,
    kindsA: countByKind(a.remarks ?? []) as Record<string, number>,
    kindsB: countByKind(b.remarks ?? []) as Record<string, number>,
    matched: heap.matched + bounds.matched,
    moved: heap.moved + bounds.moved,
    changes,
  };
}
