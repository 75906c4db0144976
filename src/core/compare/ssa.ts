// Per-function SSA diff of two builds: for each function both captured, each pass's state on both
// sides (values, blocks, the text with IDs blanked, and the existing by-ID phase diff) and the
// generated instructions. ssa.html merges passes that changed nothing into one column, and the merges
// differ between toolchains, so passes are matched by name: the state after a merged-away pass is the
// previous column's content.
import type { SsaFunction, SsaPhase } from '../../shared/ssa';
import type { SsaDiff, SsaFunctionDiff, SsaPassDiff } from '../../shared/compare';
import { diffPhases, IDENTITY_CAVEAT, phaseText } from '../ssa/analysis';

export interface NamedSsa {
  /** What identifies the function across builds: "example.com/m/store.(*Store).Value,1". */
  key: string;
  fn: SsaFunction;
}

/** Pass name → the phase holding the state after that pass, in compiler order. */
export function statesAfterPasses(fn: SsaFunction): Map<string, SsaPhase> {
  const out = new Map<string, SsaPhase>();
  fn.phases.forEach((p, i) => {
    const passes = p.passes.length > 0 ? p.passes : [p.name];
    const prev = fn.phases[i - 1];
    passes.forEach((pass, k) => {
      const last = k === passes.length - 1;
      const state = last ? p : prev;
      if (state && !out.has(pass)) out.set(pass, state);
    });
  });
  return out;
}

/** Value and block IDs are recycled and renumbered between builds: blank them to compare the code. */
const blankIds = (line: string) => line.replace(/\b[vb]\d+\b/g, (m) => m[0]!);

function lineCounts(lines: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of lines) m.set(l, (m.get(l) ?? 0) + 1);
  return m;
}

/** Lines of `a` not matched in `b`, as a multiset difference. */
function onlyIn(a: readonly string[], b: readonly string[]): string[] {
  const left = lineCounts(b);
  const out: string[] = [];
  for (const l of a) {
    const n = left.get(l) ?? 0;
    if (n > 0) left.set(l, n - 1);
    else out.push(l);
  }
  return out;
}

const countValues = (p: SsaPhase | undefined) => (p ? p.blocks.filter((b) => !b.dead).reduce((n, b) => n + b.values.filter((v) => !v.dead).length, 0) : 0);
const countBlocks = (p: SsaPhase | undefined) => (p ? p.blocks.filter((b) => !b.dead).length : 0);
const shapeLines = (p: SsaPhase | undefined) =>
  p
    ? phaseText(p)
        .split('\n')
        .filter(Boolean)
        // is_stmt marks ((+7) / (-7)) move between versions without the code changing: compare without them.
        .map((l) => blankIds(l.trim()).replace(/^\([+-]?(\d+|\?)\)/, '($1)'))
    : [];

const SAMPLE_LINES = 12;

export function diffSsaFunction(key: string, a: SsaFunction, b: SsaFunction, maxLines = 200): SsaFunctionDiff {
  const sa = statesAfterPasses(a);
  const sb = statesAfterPasses(b);
  const order = [...sa.keys(), ...[...sb.keys()].filter((k) => !sa.has(k))];
  const passes: SsaPassDiff[] = order.map((pass) => {
    const pa = sa.get(pass);
    const pb = sb.get(pass);
    const la = shapeLines(pa);
    const lb = shapeLines(pb);
    const byId = pa && pb ? diffPhases(pa, pb) : null;
    const linesA = onlyIn(la, lb);
    const linesB = onlyIn(lb, la);
    const onlyA = linesA.length;
    const onlyB = linesB.length;
    return {
      pass,
      inA: !!pa,
      inB: !!pb,
      valuesA: countValues(pa),
      valuesB: countValues(pb),
      blocksA: countBlocks(pa),
      blocksB: countBlocks(pb),
      same: !!pa && !!pb && onlyA === 0 && onlyB === 0,
      onlyA,
      onlyB,
      sampleOnlyA: linesA.slice(0, SAMPLE_LINES),
      sampleOnlyB: linesB.slice(0, SAMPLE_LINES),
      addedValues: byId?.addedValues.length ?? 0,
      removedValues: byId?.removedValues.length ?? 0,
      changedValues: byId?.changedValues.length ?? 0,
    };
  });
  const prog = (fn: SsaFunction) => fn.genssa.filter((g) => g.pc !== undefined).map((g) => g.text.replace(/\s+/g, ' ').trim());
  const ga = prog(a);
  const gb = prog(b);
  const src = a.sources[0] ?? b.sources[0];
  const first = src?.lines[0];
  return {
    function: key,
    ...(src && first ? { source: { file: src.file, line: first.line, column: 1 } } : {}),
    passes,
    genssaA: ga.length,
    genssaB: gb.length,
    genssaOnlyA: onlyIn(ga, gb).slice(0, maxLines),
    genssaOnlyB: onlyIn(gb, ga).slice(0, maxLines),
  };
}

export const SSA_CAVEAT =
  'Passes are matched by name; "only in A/B" counts lines of the pass with value and block IDs blanked, since IDs differ between builds. ' +
  IDENTITY_CAVEAT;

export function diffSsa(a: readonly NamedSsa[] | null, b: readonly NamedSsa[] | null, notes: string[] = []): SsaDiff {
  const ma = new Map((a ?? []).map((x) => [x.key, x.fn]));
  const mb = new Map((b ?? []).map((x) => [x.key, x.fn]));
  const functions = [...ma.keys()].filter((k) => mb.has(k)).sort().map((k) => diffSsaFunction(k, ma.get(k)!, mb.get(k)!));
  return {
    a: (a?.length ?? 0) > 0,
    b: (b?.length ?? 0) > 0,
    notes,
    functions,
    onlyA: [...ma.keys()].filter((k) => !mb.has(k)).sort(),
    onlyB: [...mb.keys()].filter((k) => !ma.has(k)).sort(),
    caveat: SSA_CAVEAT,
  };
}
