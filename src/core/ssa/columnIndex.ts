// The index of an ssa.html: where each column lies in the file, and for each pass column its title,
// passes, timings and block and value counts, found from html.go's fixed markup without tokenizing the
// values. html.go (HTMLWriter.WriteMultiTitleColumn) writes one table row of cell pairs,
// `<td id="NAME-col" …><div>TITLE</div></td><td id="NAME-exp" …>` then one `<h2>` per pass, then the
// column's body, then `</td>`; every text inside is escaped (html.EscapeString), so `<td id="` only ever
// starts a column and `</tr>` only ends the row. A pass column's body is Func.HTML: a block is
// `<ul class="bN ssa-print-func [dead-block]">`, a value `<li class="ssa-long-value [dead-value]">`.
// With those, a column is located and counted by byte search alone (the native indexOf of Node's Buffer
// when the caller passes it), and a phase is parsed only when it is shown (columnParse.ts).
// Anything not laid out so (no row, a cell that is neither -col nor -exp, markup in a column's body that
// html.go does not write there, a document head that leaves more than the row open, a file that ends
// inside the row) marks the index `abnormal`: the caller then parses the file in order instead, which
// tells the user what is wrong with it. On a damaged file the checks let through, the counts may still
// differ from the parse's: the store holds each phase it parses against them (ssaStore.ts).
import { asciiBytes, indexOfBytes } from './bytes';
import { ByteHtmlTokenizer, type HtmlTokenSink } from './byteTokenizer';
import { columnKindOf, columnTitleOf, passNs } from './columnReader';
import { SsaHtmlParser } from './parseSsaHtml';
import type { PhaseCounts } from './phaseCounts';

/** Finds `needle` in `hay` at or after `from`; -1 when absent. */
export type FindBytes = (hay: Uint8Array, needle: Uint8Array, from: number) => number;

export type ColumnKind = 'phase' | 'sources' | 'AST' | 'genssa' | 'other';

export interface ColumnEntry {
  /** 'other': a column we do not know (a pass column without blocks). */
  kind: ColumnKind;
  /** The column's title, as the in-order parse names it. */
  title: string;
  /** Byte offsets in the file: from its `<td id="…-col"` (or `-exp` when it has no title cell) to the next column or the end of the row. */
  start: number;
  end: number;
}

export interface PhaseEntry extends ColumnEntry {
  kind: 'phase';
  passes: string[];
  timings: Array<number | null>;
  counts: PhaseCounts;
  /** All blocks and values, dead ones included (what the phase costs to rebuild). */
  allBlocks: number;
  allValues: number;
}

export interface ColumnIndex {
  /** Where the first column starts: the document head (style, script, the h1 with the function's name) ends there. */
  headEnd: number;
  columns: Array<ColumnEntry | PhaseEntry>;
  /** Why the file cannot be read by its index (see above), or null. */
  abnormal: string | null;
}

const TD = asciiBytes('<td');
const TD_ID = asciiBytes('<td id="');
const CLASS = asciiBytes(' class="');
const ROW_END = asciiBytes('</tr>');
const HTML_END = asciiBytes('</html>');
const CELL_END = asciiBytes('</td>');
const CODE_END = asciiBytes('</code></td>');
/**
 * Closing tags that, inside a column's body, would close what the in-order parse has open around the
 * column (`</td>`, `</tr>`, `</table>`, `</code>`, `</html>`, `</body>`): html.go writes them only where a
 * column ends. Searched by their first letters, which nothing else html.go closes starts with.
 */
const CLOSE_T = asciiBytes('</t');
const CLOSE_C = asciiBytes('</c');
const CLOSE_H = asciiBytes('</h');
const CLOSE_BODY = asciiBytes('</bo');
const H2 = asciiBytes('<h2>');
const H2_OPEN = asciiBytes('<h2');
const H2_END = asciiBytes('</h2>');
const DIV = asciiBytes('<div>');
const TITLE_END = asciiBytes('</div></td>');
const BLOCK = asciiBytes('<ul class="b');
const PRINT_FUNC = asciiBytes(' ssa-print-func ');
const DEAD_BLOCK = asciiBytes('dead-block');
const VALUE = asciiBytes('<li class="ssa-long-value ');
const DEAD_VALUE = asciiBytes('dead-value');
const TAG_END = asciiBytes('">');
const VALUE_SPAN = asciiBytes('<span class="v');
const LONG_VALUE = asciiBytes(' ssa-long-value">');
/** Bytes kept unread at a chunk's end, so a marker and what must follow it are never split. */
const KEEP = 128;
/** The most bytes a column's head (title cell, -exp tag and pass titles) may take. */
const MAX_HEAD = 256 * 1024;

const startsWith = (b: Uint8Array, at: number, lit: Uint8Array) => {
  if (at + lit.length > b.length) return false;
  for (let k = 0; k < lit.length; k++) if (b[at + k] !== lit[k]) return false;
  return true;
};

const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;

/** Past the digits at b[at]; at itself when there are none. */
function digits(b: Uint8Array, at: number): number {
  let i = at;
  while (isDigit(b[i])) i++;
  return i;
}

/** The next place of one marker in the current window, searched again only once passed. */
class Marker {
  private at = -2;
  constructor(
    private readonly needle: Uint8Array,
    private readonly find: FindBytes,
  ) {}
  reset(): void {
    this.at = -2;
  }
  next(w: Uint8Array, from: number): number {
    if (this.at === -2 || (this.at !== -1 && this.at < from)) this.at = this.find(w, this.needle, from);
    return this.at;
  }
}

interface OpenPhase {
  entry: PhaseEntry;
  deadBlock: boolean;
}

export class ColumnIndexer {
  private readonly index: ColumnIndex = { headEnd: -1, columns: [], abnormal: null };
  private tail: Uint8Array = new Uint8Array(0);
  /** File offset of the window's first byte. */
  private base = 0;
  private open: ColumnEntry | null = null;
  private phase: OpenPhase | null = null;
  /** The open column's `</td>` has been read: the next thing must be a column or the row's end. */
  private cellClosed = false;
  private rowEnded = false;
  private sawHtmlEnd = false;
  /** The document head read so far, until the first column is found (see columnHead). */
  private headParts: Uint8Array[] = [];
  private headBytes = 0;
  private readonly td: Marker;
  private readonly row: Marker;
  private readonly closeT: Marker;
  private readonly closeC: Marker;
  private readonly closeH: Marker;
  private readonly closeBody: Marker;
  private readonly h2: Marker;
  private readonly block: Marker;
  private readonly value: Marker;

  /** onColumn: each column as soon as its range is known (its bytes are in the file up to `end`). */
  constructor(
    private readonly onColumn: (c: ColumnEntry | PhaseEntry, i: number) => void = () => undefined,
    private readonly find: FindBytes = indexOfBytes,
  ) {
    this.td = new Marker(TD, find);
    this.row = new Marker(ROW_END, find);
    this.closeT = new Marker(CLOSE_T, find);
    this.closeC = new Marker(CLOSE_C, find);
    this.closeH = new Marker(CLOSE_H, find);
    this.closeBody = new Marker(CLOSE_BODY, find);
    this.h2 = new Marker(H2_OPEN, find);
    this.block = new Marker(BLOCK, find);
    this.value = new Marker(VALUE, find);
  }

  get abnormal(): string | null {
    return this.index.abnormal;
  }

  feed(chunk: Uint8Array): void {
    if (this.index.abnormal) return;
    const w = this.tail.length ? concat(this.tail, chunk) : chunk;
    const done = this.scan(w, false);
    if (this.index.headEnd < 0 && !this.index.abnormal) {
      this.headParts.push(w.slice(0, done));
      this.headBytes += done;
      if (this.headBytes > MAX_HEAD) this.fail(`no column within the first ${MAX_HEAD} bytes`);
    }
    this.base += done;
    // A copy: the chunk's buffer may be reused by whoever read it.
    this.tail = w.slice(done);
  }

  end(): ColumnIndex {
    if (!this.index.abnormal) this.scan(this.tail, true);
    this.tail = new Uint8Array(0);
    const ix = this.index;
    if (!ix.abnormal) {
      if (this.open) ix.abnormal = `the file ends inside the "${this.open.title}" column`;
      else if (ix.columns.length === 0) ix.abnormal = 'no compiler columns were found';
      else if (!this.rowEnded || !this.sawHtmlEnd) ix.abnormal = 'the file ends before </html>';
    }
    return ix;
  }

  private fail(why: string): number {
    this.index.abnormal ??= why;
    return -1;
  }

  /** Reads w as far as it can; returns how many bytes were read (the rest waits for more). */
  private scan(w: Uint8Array, final: boolean): number {
    for (const m of [this.td, this.row, this.closeT, this.closeC, this.closeH, this.closeBody, this.h2, this.block, this.value]) m.reset();
    const limit = final ? w.length : Math.max(0, w.length - KEEP);
    let p = 0;
    while (!this.index.abnormal) {
      if (this.rowEnded) {
        if (!this.sawHtmlEnd && this.find(w, HTML_END, p) >= 0) this.sawHtmlEnd = true;
        if (this.td.next(w, p) >= 0) this.fail('a cell after the end of the row');
        return limit;
      }
      const td = this.td.next(w, p);
      const row = this.row.next(w, p);
      const boundary = td < 0 ? row : row < 0 ? td : Math.min(td, row);
      const stop = boundary < 0 || boundary >= limit ? limit : boundary;
      if (this.open) p = this.body(w, p, stop);
      if (this.index.abnormal) break;
      if (boundary < 0 || boundary >= limit) return this.open ? p : limit;
      if (this.open && !this.cellClosed) return this.fail(`the "${this.open.title}" column does not end as html.go ends a column`);
      if (boundary === row) {
        this.close(this.base + row);
        this.rowEnded = true;
        p = row + ROW_END.length;
        continue;
      }
      const next = this.columnHead(w, td, final);
      if (next < 0) return td; // its head is not all here yet: read it again with the next chunk
      p = next;
    }
    return w.length;
  }

  /**
   * Reads the open column's body in w[p, stop): counts a phase's blocks and values, and checks that
   * nothing in it is markup html.go does not write there. Returns where it stopped.
   */
  private body(w: Uint8Array, p: number, stop: number): number {
    const ph = this.phase;
    const title = this.open!.title;
    for (;;) {
      const t = this.closeT.next(w, p);
      const c = this.closeC.next(w, p);
      const h = this.closeH.next(w, p);
      const bo = this.closeBody.next(w, p);
      const h2 = this.h2.next(w, p);
      const b = ph ? this.block.next(w, p) : -1;
      const v = ph ? this.value.next(w, p) : -1;
      let at = -1;
      for (const x of [t, c, h, bo, h2, b, v]) if (x >= 0 && (at < 0 || x < at)) at = x;
      if (at < 0 || at >= stop) return stop;
      if (this.cellClosed) return this.fail(`markup after the end of the "${title}" column`);
      if (at === t) {
        // html.go ends a column with "</td>\n", then the next column or the row's end.
        if (!startsWith(w, t, CELL_END) || w[t + CELL_END.length] !== 0x0a || !(startsWith(w, t + 6, TD_ID) || startsWith(w, t + 6, ROW_END))) {
          return this.fail(`a cell or table ends inside the "${title}" column`);
        }
        this.cellClosed = true;
        p = t + CELL_END.length;
      } else if (at === c) {
        if (!startsWith(w, c, CODE_END)) return this.fail(`an element closes inside the "${title}" column that html.go does not close there`);
        p = c + CODE_END.length - CELL_END.length; // the </td> is read next
      } else if (at === h || at === bo) return this.fail(`the document or a pass title closes inside the "${title}" column`);
      else if (at === h2) return this.fail(`a pass title inside the body of the "${title}" column`);
      else if (at === b) {
        if (!this.countBlock(w, b, ph!)) return this.fail(`a block not written as html.go writes one in the "${title}" column`);
        p = b + BLOCK.length;
      } else {
        if (!this.countValue(w, v, ph!)) return this.fail(`a value not written as html.go writes one in the "${title}" column`);
        p = v + VALUE.length;
      }
    }
  }

  /** `<ul class="bN ssa-print-func [dead-block]">` at w[at]; false when it is not that. */
  private countBlock(w: Uint8Array, at: number, ph: OpenPhase): boolean {
    const id = at + BLOCK.length;
    const idEnd = digits(w, id);
    if (idEnd === id || !startsWith(w, idEnd, PRINT_FUNC)) return false;
    const after = idEnd + PRINT_FUNC.length;
    const dead = startsWith(w, after, DEAD_BLOCK);
    if (!startsWith(w, dead ? after + DEAD_BLOCK.length : after, TAG_END)) return false;
    const c = ph.entry.counts;
    ph.deadBlock = dead;
    ph.entry.allBlocks++;
    if (dead) c.deadBlocks++;
    else c.blocks++;
    return true;
  }

  /** `<li class="ssa-long-value [dead-value]"><span class="vN ssa-long-value">` at w[at]; false when it is not that. */
  private countValue(w: Uint8Array, at: number, ph: OpenPhase): boolean {
    const after = at + VALUE.length;
    const dead = startsWith(w, after, DEAD_VALUE);
    const tagEnd = dead ? after + DEAD_VALUE.length : after;
    if (!startsWith(w, tagEnd, TAG_END) || !startsWith(w, tagEnd + 2, VALUE_SPAN)) return false;
    const id = tagEnd + 2 + VALUE_SPAN.length;
    const idEnd = digits(w, id);
    if (idEnd === id || !startsWith(w, idEnd, LONG_VALUE)) return false;
    const c = ph.entry.counts;
    ph.entry.allValues++;
    if (ph.deadBlock || dead) c.deadValues++;
    else c.values++;
    return true;
  }

  /**
   * A column starts at w[at] (`<td`): reads its title cell, its -exp cell's tag and its pass titles,
   * closes the column before it and opens this one. Returns where its body starts, or -1 when the head is
   * not all in w yet (or is not html.go's: then the index is abnormal).
   */
  private columnHead(w: Uint8Array, at: number, final: boolean): number {
    const tag = readTd(w, at);
    if (tag === 'cut') return this.incomplete(w, at, final, 'a cell tag');
    if (!tag) return this.fail('a cell tag not written as html.go writes one');
    let title: string | null = null;
    let exp = tag;
    if (tag.id.endsWith('-col')) {
      // <div>TITLE</div></td>, the -exp cell right after.
      const titleEnd = this.find(w, TITLE_END, tag.end);
      if (titleEnd < 0 || titleEnd + TITLE_END.length + TD_ID.length > w.length) return this.incomplete(w, at, final, 'a title cell');
      if (!startsWith(w, tag.end, DIV) || w.subarray(tag.end + DIV.length, titleEnd).includes(0x3c)) return this.fail(`the title cell "${tag.id}" is not written as html.go writes one`);
      title = textOfMarkup(w.subarray(tag.end + DIV.length, titleEnd));
      const t = readTd(w, titleEnd + TITLE_END.length);
      if (t === 'cut') return this.incomplete(w, at, final, 'a cell tag');
      if (!t || !t.id.endsWith('-exp') || t.id.slice(0, -4) !== tag.id.slice(0, -4)) return this.fail(`the title cell "${tag.id}" is not followed by its column`);
      exp = t;
    } else if (!tag.id.endsWith('-exp')) return this.fail(`a cell "${tag.id}" that is not a column`);
    const name = exp.id.slice(0, -4);
    const kind: ColumnKind = columnKindOf(name, exp.cls);
    // The pass titles: one <h2> each, right after the -exp tag.
    let body = exp.end;
    const passes: string[] = [];
    const timings: Array<number | null> = [];
    while (startsWith(w, body, H2)) {
      const close = this.find(w, H2_END, body);
      if (close < 0) return this.incomplete(w, at, final, 'a pass title');
      const h2 = w.subarray(body, close + H2_END.length);
      if (this.find(h2, H2_OPEN, 1) >= 0) return this.fail(`a pass title not written as html.go writes one in "${name}"`);
      if (kind === 'phase') {
        const { title: pass, ns } = readH2(h2);
        passes.push(pass);
        timings.push(ns);
      }
      body = close + H2_END.length;
    }
    if (!final && body + KEEP > w.length) return this.incomplete(w, at, final, 'a column head');
    if (this.index.headEnd < 0) {
      // A column parsed on its own starts from the state the head leaves; in order, every column after
      // the first starts from the state a column's end leaves. They are the same when the head leaves
      // only the row open, as html.go's does.
      const open = openAfter([...this.headParts, w.subarray(0, at)]);
      this.headParts = [];
      if (open !== 'html,body,table,tr') return this.fail(`the document head leaves ${open || 'nothing'} open, not the row of columns`);
      this.index.headEnd = this.base + at;
    }
    this.close(this.base + at);
    const t = columnTitleOf(name, title);
    const start = this.base + at;
    this.cellClosed = false;
    if (kind === 'phase') {
      const entry: PhaseEntry = {
        kind,
        title: t,
        start,
        end: -1,
        passes,
        timings,
        counts: { blocks: 0, values: 0, deadBlocks: 0, deadValues: 0 },
        allBlocks: 0,
        allValues: 0,
      };
      this.open = entry;
      this.phase = { entry, deadBlock: false };
    } else this.open = { kind, title: t, start, end: -1 };
    return body;
  }

  /** The head at w[at] is cut by the chunk's end: wait for more, unless it is over-long or the file ended. */
  private incomplete(w: Uint8Array, at: number, final: boolean, what: string): number {
    if (final) return this.fail(`the file ends inside ${what}`);
    if (w.length - at > MAX_HEAD) return this.fail(`${what} longer than ${MAX_HEAD} bytes`);
    return -1;
  }

  private close(end: number): void {
    const c = this.open;
    if (!c) return;
    c.end = end;
    if (this.phase) {
      const e = this.phase.entry;
      // Every SSA function has an entry block: a pass column without blocks is one we do not know.
      if (e.allBlocks === 0) this.index.columns.push({ kind: 'other', title: e.title, start: e.start, end });
      else {
        if (e.passes.length === 0) e.passes = [e.title];
        this.index.columns.push(e);
      }
    } else this.index.columns.push(c);
    this.open = null;
    this.phase = null;
    this.onColumn(this.index.columns.at(-1)!, this.index.columns.length - 1);
  }
}

/** The elements the in-order parse has open after these bytes. */
function openAfter(parts: Uint8Array[]): string {
  const parser = new SsaHtmlParser();
  for (const part of parts) parser.feed(part);
  return parser.openElements.join();
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

const latin1 = new TextDecoder('latin1');

/** A quoted attribute value at w[from] up to its '"': its end, or -1 (cut off), or -2 (a character html.go does not write there). */
function quoted(w: Uint8Array, from: number): number {
  for (let i = from; i < w.length; i++) {
    const c = w[i]!;
    if (c === 0x22) return i;
    if (c === 0x3c || c === 0x3e || c === 0x26 || c > 0x7e) return -2;
  }
  return -1;
}

/**
 * The `<td id="…">` or `<td id="…" class="…">` at w[at], exactly as html.go writes it: its id, class and
 * the offset after its '>'; 'cut' when the chunk ends inside it, null when it is anything else.
 */
function readTd(w: Uint8Array, at: number): { id: string; cls: string; end: number } | 'cut' | null {
  const cut = (n: number) => (n === -1 ? 'cut' : null);
  if (at + TD_ID.length > w.length) return 'cut';
  if (!startsWith(w, at, TD_ID)) return null;
  const idEnd = quoted(w, at + TD_ID.length);
  if (idEnd < 0) return cut(idEnd);
  const id = latin1.decode(w.subarray(at + TD_ID.length, idEnd));
  let cls = '';
  let i = idEnd + 1;
  if (i + CLASS.length > w.length) return 'cut';
  if (startsWith(w, i, CLASS)) {
    const clsEnd = quoted(w, i + CLASS.length);
    if (clsEnd < 0) return cut(clsEnd);
    cls = latin1.decode(w.subarray(i + CLASS.length, clsEnd));
    i = clsEnd + 1;
  }
  if (i >= w.length) return 'cut';
  return w[i] === 0x3e ? { id, cls, end: i + 1 } : null;
}

/** The text of a bit of markup, entities decoded, as the in-order parse reads a title cell. */
function textOfMarkup(b: Uint8Array): string {
  let text = '';
  const t = new ByteHtmlTokenizer({ open: () => undefined, close: () => undefined, text: (s) => (text += s), wantsText: () => true });
  t.feed(b);
  t.end();
  return text;
}

/** A pass title `<h2>NAME <span class="stats">[N ns]</span></h2>`: its name and time, as the in-order parse reads them. */
function readH2(b: Uint8Array): { title: string; ns: number | null } {
  let title = '';
  let stats = '';
  let inStats = false;
  const sink: HtmlTokenSink = {
    open: (name, _id, cls) => {
      if (name === 'span' && cls.includes('stats')) inStats = true;
    },
    close: (name) => {
      if (name === 'span') inStats = false;
    },
    text: (s) => {
      if (inStats) stats += s;
      else title += s;
    },
    wantsText: () => true,
  };
  const t = new ByteHtmlTokenizer(sink);
  t.feed(b);
  t.end();
  return { title: title.trim(), ns: passNs(stats) };
}
