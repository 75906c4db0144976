// The fast lane of the ssa.html tokenizer: a value line exactly as html.go writes it
// (htmlFuncPrinter.value around Value.LongHTML), about nine in ten of the file's tags, read from its
// bytes into the LongHtml the tag-by-tag path would have collected:
//   <li class="ssa-long-value [dead-value]"><span class="v7 ssa-long-value"><span class="v7 ssa-value">v7</span>
//   <span class="l12 line-number">(<b>+12</b>)</span> = Op &lt;type&gt;aux <span class="v3 ssa-value">v3</span> : AX</span></li>
// Anything else (another class, another tag, a '<' in the text) is left to the tag-by-tag path, which
// remains the reference: the lane only takes what that path reads the same way.
import { ascii, asciiBytes as bytes, textOf } from './bytes';
import { decodeEntities } from './entities';
import type { LongHtml } from './longHtml';

export type ValueLine = LongHtml & { dead: boolean };

const LI = bytes('<li class="ssa-long-value ');
const DEAD = bytes('dead-value">');
const SPAN = bytes('<span class="');
const LONG = bytes(' ssa-long-value">');
const VALUE = bytes(' ssa-value">');
const LINE = bytes(' line-number">');
const NO_LINE = bytes('no-line-number">');
const END_SPAN = bytes('</span>');
const END_LI = bytes('</span></li>');

/** The input ended inside the line: read it again with more. */
export const INCOMPLETE = -2;
/** Not html.go's value line: the tag-by-tag path reads it. */
export const OTHER = -1;

class Reader {
  b!: Uint8Array;
  i = 0;
  n = 0;
  short = false;

  /** Whether `lit` is at the cursor; moves past it when so. */
  take(lit: Uint8Array): boolean {
    const { b, i } = this;
    if (i + lit.length > this.n) {
      // A prefix of it up to the end: more input may complete it.
      for (let k = 0; i + k < this.n; k++) if (b[i + k] !== lit[k]) return false;
      this.short = true;
      return false;
    }
    for (let k = 0; k < lit.length; k++) if (b[i + k] !== lit[k]) return false;
    this.i = i + lit.length;
    return true;
  }

  /** "v12", "l45": a letter and digits at the cursor; '' when not there. */
  token(letter: number): string {
    const { b } = this;
    let j = this.i;
    if (b[j] !== letter) return '';
    j++;
    while (j < this.n && b[j]! >= 0x30 && b[j]! <= 0x39) j++;
    if (j === this.i + 1 || j >= this.n) {
      if (j >= this.n) this.short = true;
      return '';
    }
    const s = ascii(b, this.i, j);
    this.i = j;
    return s;
  }

  /** The text up to the next '<', entities decoded; null when the input ends first. */
  text(): string | null {
    const lt = this.b.indexOf(0x3c, this.i);
    if (lt < 0 || lt >= this.n) {
      this.short = true;
      return null;
    }
    const s = lt === this.i ? '' : textOf(this.b, this.i, lt, decodeEntities);
    this.i = lt;
    return s;
  }
}

const r = new Reader();

/** The line number span's inside, after its '>': text, with a <b> or <s> statement mark. */
function lineNumber(c: ValueLine): boolean {
  for (;;) {
    const t = r.text();
    if (t === null) return false;
    c.lineMark += t;
    if (r.take(END_SPAN)) return true;
    const m = r.b[r.i + 1];
    if ((m !== 0x62 && m !== 0x73) || r.b[r.i + 2] !== 0x3e) return false; // <b> or <s>
    c.stmt = m === 0x62 ? '+' : '-';
    r.i += 3;
    const inner = r.text();
    if (inner === null) return false;
    c.lineMark += inner;
    if (!r.take(m === 0x62 ? END_B : END_S)) return false;
  }
}
const END_B = bytes('</b>');
const END_S = bytes('</s>');

/**
 * Reads the value line at b[lt] (b[0, n) is the input so far). Returns the index after its "</li>"
 * with the line in `c`, INCOMPLETE when the input ends inside it, or OTHER.
 */
export function scanValueLine(b: Uint8Array, lt: number, n: number): { end: number; line: ValueLine | null } {
  r.b = b;
  r.i = lt;
  r.n = n;
  r.short = false;
  const line = read();
  const end = line ? r.i : r.short ? INCOMPLETE : OTHER;
  r.b = undefined as unknown as Uint8Array;
  return { end, line };
}

function read(): ValueLine | null {
  if (!r.take(LI)) return null;
  const c: ValueLine = { text: '', lineMark: '', inLine: false, stmt: '', values: [], blocks: [], dead: false };
  if (r.take(DEAD)) c.dead = true;
  else if (r.b[r.i] === 0x22 && r.b[r.i + 1] === 0x3e) r.i += 2; // '">'
  else return null;
  if (!r.take(SPAN) || !r.token(0x76) || !r.take(LONG)) return null;
  for (;;) {
    const t = r.text();
    if (t === null) return null;
    c.text += t;
    if (r.take(END_LI)) return c;
    if (!r.take(SPAN)) return null;
    if (r.b[r.i] === 0x76) {
      // <span class="v3 ssa-value">v3</span>
      const v = r.token(0x76);
      if (!v || !r.take(VALUE)) return null;
      c.values.push(v);
      const inner = r.text();
      if (inner === null || !r.take(END_SPAN)) return null;
      c.text += inner;
    } else if (r.b[r.i] === 0x6c) {
      // <span class="l12 line-number">
      if (!r.token(0x6c) || !r.take(LINE) || !lineNumber(c)) return null;
    } else if (!r.take(NO_LINE) || !lineNumber(c)) return null;
  }
}
