// Questions asked of a parsed function: a phase as text, the diff of two phases, where a value lives
// across phases, and search. Identity across phases is by value ID, which the compiler recycles: the
// answers say so rather than pretend to be exact.
import type { PhaseDiff, SsaBlock, SsaPhase, SsaValue, ValueHistory } from '../../shared/ssa';

export type { PhaseDiff, ValueHistory };

const lineMark = (v: { line: number | null; stmt: string }) => (v.line === null ? '(?)' : `(${v.stmt}${v.line})`);

export function valueText(v: SsaValue): string {
  return [v.id, '=', v.op, v.type ? `<${v.type}>` : '', v.aux, ...v.args, v.extra].filter(Boolean).join(' ');
}

export function blockEndText(b: SsaBlock): string {
  const succs = b.succs.map((s) => s.id);
  return [b.kind, b.aux, ...b.controls, succs.length ? '->' : '', ...succs, b.branch ? `(${b.branch})` : ''].filter(Boolean).join(' ');
}

/** A phase in the text-dump syntax, one line per block header, value and block end. */
export function phaseText(p: SsaPhase, opts: { dead?: boolean } = {}): string {
  const out: string[] = [];
  for (const b of p.blocks) {
    if (b.dead && !opts.dead) continue;
    out.push(`${b.id}:${b.preds.length ? ' <- ' + b.preds.join(' ') : ''}${b.dead ? '  (dead)' : ''}`);
    for (const v of b.values) if (!v.dead || opts.dead) out.push(`    ${lineMark(v)} ${valueText(v)}${v.dead ? '  (dead)' : ''}`);
    out.push(`    ${blockEndText(b)}`);
  }
  return out.join('\n') + '\n';
}


const liveValues = (p: SsaPhase) => new Map(p.blocks.filter((b) => !b.dead).flatMap((b) => b.values.filter((v) => !v.dead).map((v) => [v.id, { v, b: b.id }] as const)));

/** What changed from phase a to phase b, by ID (an ID reused for another value shows as "changed"). */
export function diffPhases(a: SsaPhase, b: SsaPhase): PhaseDiff {
  const va = liveValues(a);
  const vb = liveValues(b);
  const ba = new Map(a.blocks.filter((x) => !x.dead).map((x) => [x.id, x]));
  const bb = new Map(b.blocks.filter((x) => !x.dead).map((x) => [x.id, x]));
  const changed = (x: { v: SsaValue; b: string }, y: { v: SsaValue; b: string }) =>
    x.b !== y.b || valueText(x.v) !== valueText(y.v) || x.v.line !== y.v.line;
  return {
    addedValues: [...vb.keys()].filter((k) => !va.has(k)),
    removedValues: [...va.keys()].filter((k) => !vb.has(k)),
    changedValues: [...vb.keys()].filter((k) => va.has(k) && changed(va.get(k)!, vb.get(k)!)),
    addedBlocks: [...bb.keys()].filter((k) => !ba.has(k)),
    removedBlocks: [...ba.keys()].filter((k) => !bb.has(k)),
    changedBlocks: [...bb.keys()].filter(
      (k) => ba.has(k) && (blockEndText(ba.get(k)!) !== blockEndText(bb.get(k)!) || ba.get(k)!.preds.join() !== bb.get(k)!.preds.join()),
    ),
  };
}


export const IDENTITY_CAVEAT =
  'Identity across passes is by value ID and may be wrong: the compiler recycles IDs, so the same ID in two phases can be a different value.';

/**
 * A function's phases: an array, or a list that reads each phase when asked (a big capture parses a
 * phase from its file, and holding all of them at once costs hundreds of MB). Search and value history
 * read each phase once, in order.
 */
export interface PhaseList {
  readonly length: number;
  at(index: number): SsaPhase | undefined | Promise<SsaPhase | undefined>;
}

export async function valueHistory(fn: { phases: PhaseList }, id: string, phaseIndex: number): Promise<ValueHistory> {
  let def: ValueHistory['def'] = null;
  const uses: ValueHistory['uses'] = [];
  const presence: ValueHistory['presence'] = [];
  for (let i = 0; i < fn.phases.length; i++) {
    const p = await fn.phases.at(i);
    if (i === phaseIndex) {
      for (const b of p?.blocks ?? []) {
        for (const v of b.values) {
          if (v.id === id) def = { block: b.id, text: valueText(v), line: v.line, dead: v.dead };
          if (v.args.includes(id)) uses.push({ id: v.id, block: b.id, text: valueText(v) });
        }
        if (b.controls.includes(id)) uses.push({ id: b.id, block: b.id, text: blockEndText(b) });
      }
    }
    presence.push(findValue(p, id, i));
  }
  const present = presence.filter((x): x is NonNullable<typeof x> => !!x && !x.dead);
  const suspectReuse: number[] = [];
  let prevOp: string | null = null;
  presence.forEach((cur, i) => {
    const op = cur ? cur.text.split(' ')[2]! : null;
    // Lowering renames ops on purpose (Add64 → ADDQ); a generic→generic or machine→machine op change is suspicious.
    if (cur && prevOp && op !== prevOp && isGeneric(op!) === isGeneric(prevOp)) suspectReuse.push(i);
    prevOp = op;
  });
  return {
    id,
    def,
    uses,
    presence,
    firstPhase: present[0]?.phase ?? null,
    lastPhase: present[present.length - 1]?.phase ?? null,
    suspectReuse,
    caveat: IDENTITY_CAVEAT,
  };
}

function findValue(p: SsaPhase | undefined, id: string, phase: number): ValueHistory['presence'][number] {
  for (const b of p?.blocks ?? []) for (const v of b.values) if (v.id === id) return { phase, block: b.id, text: valueText(v), dead: v.dead };
  return null;
}

/** Generic ops are mixed case ("Add64"); lowered amd64/arm64 ops are upper case ("ADDQ"). */
const isGeneric = (op: string) => /[a-z]/.test(op);

export interface SearchHit {
  phase: number;
  block: string;
  value?: string;
  text: string;
}

/**
 * Search by value ID ("v12"), block ID ("b3"), line ("line:28" or ":28"), or text in op/type/aux
 * (case-insensitive). With phase set, only that phase.
 */
export async function searchPhases(fn: { phases: PhaseList }, query: string, phase?: number, max = 500): Promise<{ hits: SearchHit[]; truncated: boolean }> {
  const q = query.trim();
  const hits: SearchHit[] = [];
  if (!q) return { hits, truncated: false };
  const lineQ = /^(?:line)?:(\d+)$/.exec(q);
  const idQ = /^[vb]\d+$/.test(q) ? q : null;
  const lower = q.toLowerCase();
  const match = (v: SsaValue) =>
    lineQ ? v.line === Number(lineQ[1]) : idQ ? v.id === idQ || v.args.includes(idQ) : `${v.op} <${v.type}> ${v.aux}`.toLowerCase().includes(lower);
  const range = phase === undefined ? Array.from({ length: fn.phases.length }, (_, i) => i) : [phase];
  for (const i of range) {
    for (const b of (await fn.phases.at(i))?.blocks ?? []) {
      if (idQ && b.id === idQ) hits.push({ phase: i, block: b.id, text: blockEndText(b) });
      for (const v of b.values) {
        if (!match(v)) continue;
        hits.push({ phase: i, block: b.id, value: v.id, text: valueText(v) });
        if (hits.length >= max) return { hits, truncated: true };
      }
    }
  }
  return { hits, truncated: false };
}
