// The instructions of a range of source lines, from parsed objdump or -S functions. Neither tool says
// where inlined code was called from: an instruction the toolchain attributes to another file (or to
// lines of the same file outside the function) is inlined, and is placed with the function's own line
// before it, which is the call site as the instructions are laid out. Selected lines inlined into other
// functions (main.main calling a small helper) are answered too, as blocks of those functions.
import type { DisassembledFunction } from '../../shared/contract/binaryTypes';
import type { LinesAsmBlock, LinesAsmInstruction } from '../../shared/contract/linesAsm';
import { functionDecls } from '../remarks/functions';
import { regexpQuote } from './objdump';

export interface FuncRange {
  /** As the compiler names it: F, T.M, (*T).M, init. */
  name: string;
  start: number;
  end: number;
}

const ONE_LINE_BODY = /\{.*\}\s*(\/\/.*)?$/;

/**
 * The line ranges of a file's top-level functions: from `func` to the first `}` in column 0 (gofmt's
 * layout), or the same line for a body written on it.
 */
export function funcRanges(source: string): FuncRange[] {
  const lines = source.split('\n');
  return functionDecls(source).map(({ line, name }) => {
    if (ONE_LINE_BODY.test(lines[line - 1]!)) return { name, start: line, end: line };
    let end = line;
    while (end < lines.length && !lines[end - 1]!.startsWith('}')) end++;
    return { name, start: line, end };
  });
}

export function enclosingFunc(ranges: FuncRange[], line: number): FuncRange | undefined {
  return ranges.find((r) => r.start <= line && line <= r.end);
}

// amd64 J*, arm64 B*/CB(N)Z/TB(N)Z, ending in the target: objdump prints 0xADDR, -S a decimal offset.
const JUMP = /^(?:J[A-Z]+|B|B[A-Z]{2}|CBN?ZW?|TBN?Z)\s.*?\b(0x[0-9a-f]+|\d+)$/;

/** The target of a jump or branch written as an address (not a symbol), in the listing's unit. */
export function jumpTarget(text: string): number | undefined {
  const m = JUMP.exec(text);
  if (!m) return undefined;
  return m[1]!.startsWith('0x') ? parseInt(m[1]!, 16) : Number(m[1]);
}

export interface LineSelection {
  /** The selected file as the tools name it (absolute). */
  file: string;
  from: number;
  to: number;
  ranges: FuncRange[];
  /** How paths are shown: project-relative inside the project. */
  display: (file: string) => string;
  /** The selected file's text, line by line: an inlined callee goes to the neighbouring line that calls it. */
  lines?: string[];
  /** The function declared around a line of a file (as the tools name the file), when its source is known. */
  calleeAt?: (file: string, line: number) => string | undefined;
}

interface Placed {
  anchor: number | undefined;
  insn: LinesAsmInstruction;
}

/** Whether a source line calls the function (its last name segment, `Area` of `Rect.Area`). */
function calls(text: string | undefined, callee: string | undefined): boolean {
  if (!text || !callee) return false;
  const name = callee.slice(callee.lastIndexOf('.') + 1);
  return new RegExp(`\\b${regexpQuote(name)}\\s*[([]`).test(text);
}

/**
 * Each instruction's line in the selected file (undefined: not from it). Inlined code sits between
 * instructions of the function's own lines: it goes to the one before or after it that calls the
 * callee, else to the only line of the function that calls it, else to the one before (the first, at
 * the very start).
 */
function place(fn: DisassembledFunction, sel: LineSelection): Placed[] {
  const own = fn.file === sel.file;
  const first = fn.instructions.find((i) => i.path === sel.file);
  const range = own && first ? enclosingFunc(sel.ranges, first.line) : undefined;
  const addresses = new Set(fn.instructions.map((i) => i.address));
  const isOwnLine = (i: DisassembledFunction['instructions'][number]) =>
    i.path === sel.file && (!own || !range || (range.start <= i.line && i.line <= range.end));
  const ownLine = fn.instructions.map((i) => (isOwnLine(i) ? i.line : undefined));
  const ownLines = [...new Set(ownLine.filter((l): l is number => l !== undefined))];
  const next: Array<number | undefined> = [];
  for (let k = ownLine.length - 1, after: number | undefined; k >= 0; k--) {
    next[k] = after;
    after = ownLine[k] ?? after;
  }
  let before: number | undefined;
  return fn.instructions.map((i, k): Placed => {
    const jump = jumpTarget(i.text);
    const base: LinesAsmInstruction = { address: i.address, text: i.text, line: 0, ...(jump !== undefined && addresses.has(jump) ? { jump } : {}) };
    if (ownLine[k] !== undefined) {
      before = ownLine[k];
      return { anchor: before, insn: base };
    }
    // Another function's own code: its selected lines are only those inlined into it.
    if (!own) return { anchor: undefined, insn: base };
    const callee = sel.calleeAt?.(i.path ?? i.file, i.line);
    const callsIt = (line: number | undefined) => line !== undefined && calls(sel.lines?.[line - 1], callee);
    // The scheduler interleaves: when neither neighbour calls it, the only own line that does.
    const callers = callsIt(before) || callsIt(next[k]) ? [] : ownLines.filter(callsIt);
    const anchor = callsIt(before) ? before : callsIt(next[k]) ? next[k] : callers.length === 1 ? callers[0] : (before ?? next[k]);
    return { anchor, insn: { ...base, inlinedFrom: { file: sel.display(i.path ?? i.file), line: i.line } } };
  });
}

/** Blocks of instructions generated for lines from..to of the selected file, functions in the tools' order. */
export function selectLines(fns: DisassembledFunction[], sel: LineSelection): LinesAsmBlock[] {
  const blocks: LinesAsmBlock[] = [];
  for (const fn of fns) {
    if (fn.file !== sel.file && !fn.instructions.some((i) => i.path === sel.file)) continue;
    const instructions = place(fn, sel)
      .filter((p) => p.anchor !== undefined && p.anchor >= sel.from && p.anchor <= sel.to)
      .map((p) => ({ ...p.insn, line: p.anchor! }));
    if (instructions.length === 0) continue;
    blocks.push({ function: fn.name, kind: fn.file === sel.file ? 'own' : 'inlinedInto', file: sel.display(fn.file), instructions });
  }
  return blocks;
}

/** Consecutive instructions of the same line: the runs a listing shows under one source line. */
export function lineRuns<T extends { line: number }>(instructions: T[]): Array<{ line: number; instructions: T[] }> {
  const runs: Array<{ line: number; instructions: T[] }> = [];
  for (const i of instructions) {
    const last = runs[runs.length - 1];
    if (last && last.line === i.line) last.instructions.push(i);
    else runs.push({ line: i.line, instructions: [i] });
  }
  return runs;
}
