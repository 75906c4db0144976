// What the instructions panel draws, computed from a binary.linesAsm answer: one row per function
// header, source line, remark and instruction (all the same height, so jumps are drawn by row), and the
// jump arrows with their lanes.
import type { LinesAsm, LinesAsmBlock, LinesAsmInstruction } from '../../../../shared/contract/linesAsm';
import type { Remark } from '../../../../shared/remarks';
import { lineRuns } from '../../../../core/binary/linesAsm';

export type AsmRow =
  | { kind: 'function'; key: string; block: LinesAsmBlock }
  | { kind: 'source'; key: string; line: number; text: string }
  | { kind: 'remark'; key: string; line: number; remark: Remark }
  | { kind: 'insn'; key: string; line: number; insn: LinesAsmInstruction; block: number };

export interface JumpArrow {
  from: number;
  to: number;
  /** 0 is nearest the instructions; longer jumps go further out. */
  lane: number;
}

/** Lanes drawn at most; a function with more nested jumps shares the outermost one. */
export const MAX_LANES = 6;

export function asmRows(r: LinesAsm): AsmRow[] {
  const rows: AsmRow[] = [];
  const remarksOf = new Map<number, Remark[]>();
  for (const m of r.remarks) remarksOf.set(m.line, [...(remarksOf.get(m.line) ?? []), m]);
  const shown = new Set<number>();
  r.blocks.forEach((block, b) => {
    rows.push({ kind: 'function', key: `f${b}`, block });
    const seen = new Set<number>();
    for (const run of lineRuns(block.instructions)) {
      rows.push({ kind: 'source', key: `s${b}-${rows.length}`, line: run.line, text: r.source[run.line - r.from] ?? '' });
      // A line's remarks once per function (the copy inlined into another function has the same ones).
      if (block.kind === 'own' && !seen.has(run.line)) {
        seen.add(run.line);
        shown.add(run.line);
        for (const remark of remarksOf.get(run.line) ?? []) rows.push({ kind: 'remark', key: `r${b}-${rows.length}`, line: run.line, remark });
      }
      for (const insn of run.instructions) rows.push({ kind: 'insn', key: `i${b}-${insn.address}`, line: run.line, insn, block: b });
    }
  });
  // Remarks on lines no function of the file generated code for (a heap move on a declaration line).
  const rest = r.remarks.filter((m) => !shown.has(m.line));
  return [...rest.map((remark, i): AsmRow => ({ kind: 'remark', key: `rest${i}`, line: remark.line, remark })), ...rows];
}

/** Arrows from each jump to its target row in the same function, in lanes that do not overlap. */
export function jumpArrows(rows: AsmRow[]): JumpArrow[] {
  const at = new Map<string, number>();
  rows.forEach((row, i) => row.kind === 'insn' && at.set(`${row.block}:${row.insn.address}`, i));
  const spans: Array<{ from: number; to: number }> = [];
  rows.forEach((row, i) => {
    if (row.kind !== 'insn' || row.insn.jump === undefined) return;
    const to = at.get(`${row.block}:${row.insn.jump}`);
    if (to !== undefined && to !== i) spans.push({ from: i, to });
  });
  const length = (s: { from: number; to: number }) => Math.abs(s.to - s.from);
  const placed: JumpArrow[] = [];
  for (const s of [...spans].sort((a, b) => length(a) - length(b))) {
    const lo = Math.min(s.from, s.to);
    const hi = Math.max(s.from, s.to);
    let lane = 0;
    while (lane < MAX_LANES - 1 && placed.some((p) => p.lane === lane && Math.min(p.from, p.to) <= hi && lo <= Math.max(p.from, p.to))) lane++;
    placed.push({ ...s, lane });
  }
  return placed;
}

/** The lines a Monaco selection asks about: a bare cursor widens to its function; a selection ending at column 1 stops the line before. */
export function selectionLines(sel: { startLine: number; startColumn: number; endLine: number; endColumn: number }): { from: number; to: number; widen: boolean } {
  if (sel.startLine === sel.endLine && sel.startColumn === sel.endColumn) return { from: sel.startLine, to: sel.startLine, widen: true };
  const to = sel.endColumn === 1 && sel.endLine > sel.startLine ? sel.endLine - 1 : sel.endLine;
  return { from: sel.startLine, to, widen: false };
}

/** Where the instructions came from, as one sentence. */
export function originText(r: LinesAsm): string {
  const o = r.origin;
  if (o.kind === 'compile') return `compiled for this view: ${o.commandLine}`;
  return o.runId ? `${o.binary}, kept by run ${o.runId} (${o.commandLine})` : `${o.binary}, built for this view: ${o.commandLine}`;
}
