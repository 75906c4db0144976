// The text of one line html.go writes with spans in it: a value (Value.LongHTML), a block's end
// (Block.LongHTML), a "name" row, a genssa row. The text is collected with its value and block spans
// picked out and its line mark ("(+27)") apart, then read with the syntax the text dumps share.
import type { SsaBlock, SsaValue } from '../../shared/ssa';
import { classToken } from './columnReader';
import { parseBlockEnd, parseLineMark, parseValueRest, predictSuccs } from './lineSyntax';

export interface LongHtml {
  text: string;
  lineMark: string;
  /** Inside the line-number span: text goes to lineMark. */
  inLine: boolean;
  /** The statement mark html.go writes as <b> (is a statement) or <s> (is not) in the line number. */
  stmt: '+' | '-' | '';
  values: string[];
  blocks: string[];
}

export const longHtml = (): LongHtml => ({ text: '', lineMark: '', inLine: false, stmt: '', values: [], blocks: [] });

/** A span opens in the line: the line number, or a value or block reference. */
export function readSpan(c: LongHtml, cls: string): void {
  if (cls.includes('line-number')) {
    c.inLine = true;
    return;
  }
  if (cls.includes('ssa-value') && !cls.includes('ssa-long-value')) {
    const v = classToken(cls, 'v');
    if (v) {
      c.values.push(v);
      return;
    }
  }
  if (cls.includes('ssa-block')) {
    const b = classToken(cls, 'b');
    if (b) c.blocks.push(b);
  }
}

/** A <b> or <s> opens: inside the line number it marks the line a statement or not. */
export function markStmt(c: LongHtml | null, name: string): void {
  if (c?.inLine) c.stmt = name === 'b' ? '+' : '-';
}

/** The line and statement mark, the <s> mark written into the number as the text dumps write it. */
export function lineOf(c: LongHtml): { line: number | null; stmt: '+' | '-' | '' } {
  // parseLineMark on the mark with the <s> sign put in; the sign only matters when c.stmt is empty.
  const mark = parseLineMark(c.lineMark);
  return { line: mark.line, stmt: c.stmt || mark.stmt };
}

/** Value.LongHTML: "v10  = MULQ <int> v3 v2 : AX" plus its spans. */
export function valueOf(c: LongHtml, dead: boolean): SsaValue {
  // The id, then the rest after '='.
  const eq = c.text.indexOf('=');
  const id = c.values[0] ?? /v\d+/.exec(c.text)?.[0] ?? '?';
  const rest = parseValueRest(eq < 0 ? '' : c.text.slice(eq + 1));
  const { line, stmt } = lineOf(c);
  return {
    id,
    op: rest.op,
    type: rest.type,
    // The arg spans are exact; the text parse is the fallback for odd markup.
    args: c.values.length > 1 ? c.values.slice(1) : rest.args,
    aux: rest.aux,
    line,
    stmt,
    extra: rest.extra,
    dead,
    ...(rest.reg ? { reg: rest.reg } : {}),
  };
}

/** Block.LongHTML (the block's end: kind, controls, successors) read into the block. */
export function readBlockEnd(c: LongHtml, block: SsaBlock): void {
  const kind = c.text.trim().split(/\s+/)[0] ?? '';
  const parsed = parseBlockEnd(c.text);
  block.kind = kind;
  block.aux = parsed.aux;
  block.controls = c.values.length ? c.values : parsed.controls;
  const succs = c.blocks.length > 1 ? c.blocks.slice(1) : parsed.succs;
  block.succs = predictSuccs(succs, parsed.branch);
  if (parsed.branch) block.branch = parsed.branch;
  block.line = parseLineMark(c.lineMark).line;
}
