// The first phase of an ssa.html without the columns before it. html.go writes one cell pair per
// column (`<td id="NAME-col">` title, `<td id="NAME-exp">` body) in compiler order: sources, AST, then
// the passes. For a big function the sources and AST columns are megabytes, and the view wants the first
// pass: this finds that column in the text read so far, so it can be parsed on its own (with the
// document head, which holds the function's name) while the whole file is parsed in order after it.
// It only locates text; what the column means is left to SsaHtmlParser, and the in-order parse of the
// whole file remains the reference (see parseSsaHtmlChunks, which checks the two agree).
import type { SsaFunction, SsaPhase } from '../../shared/ssa';
import { concatBytes } from './bytes';
import { SsaHtmlParser } from './parseSsaHtml';

/** html.go's column title cells. The id is the column's name with spaces as dashes. */
const COLUMN_RE = /<td id="([^"<>]{1,4000})-col"/g;
/** Columns that are not SSA passes. */
const NOT_A_PASS = new Set(['sources', 'AST', 'genssa']);

/** Text, or bytes read from the file (offsets are then in bytes: searched as latin1, one char a byte). */
type Chunk = string | Uint8Array;

export interface FirstPhaseText<C extends Chunk = string> {
  /** The document up to the first column: doctype, head (style, script), h1 with the function name, <table><tr>. */
  head: C;
  /** The first pass column, from its `-col` cell to just before the next column (or the end of the row). */
  column: C;
}

// windows-1252 (what the 'latin1' label decodes): one char per byte, so offsets stay byte offsets.
const oneCharPerByte = new TextDecoder('latin1');
const searchable = (c: Chunk) => (typeof c === 'string' ? c : oneCharPerByte.decode(c));

/**
 * Collects the start of an ssa.html chunk by chunk until the first pass column is whole. push() gives
 * the head and that column once they are there, 'none' when the file is not laid out so (no such column
 * within `limit` characters, or the input ended first), null while it needs more. The chunks pushed are
 * kept until then: take() hands them back so the caller can go on with the in-order parse.
 */
export class FirstPhaseSplitter<C extends Chunk = string> {
  private chunks: C[] = [];
  private length = 0;
  /** The end of the text already searched, kept to find a tag split across two chunks. */
  private carry = '';
  private lastSeen = -1;
  private headEnd = -1;
  private start = -1;
  private settled = false;

  /** limit: the most characters held before giving up (a hostile file must not pin memory). */
  constructor(private readonly limit = 32 * 1024 * 1024) {}

  push(chunk: C | '', final = false): FirstPhaseText<C> | 'none' | null {
    if (this.settled) return 'none';
    if (chunk.length) this.chunks.push(chunk as C);
    const base = this.length - this.carry.length;
    this.length += chunk.length;
    const found = this.search(this.carry + searchable(chunk), base);
    if (found || final || this.length > this.limit) this.settled = true;
    return found ?? (this.settled ? 'none' : null);
  }

  /** The chunks pushed so far (once), to be fed to the in-order parser. */
  take(): C[] {
    const chunks = this.chunks;
    this.chunks = [];
    this.carry = '';
    this.settled = true;
    return chunks;
  }

  /** Searches `window` (the text from absolute offset `base`) for the column boundaries. */
  private search(window: string, base: number): FirstPhaseText<C> | null {
    COLUMN_RE.lastIndex = 0;
    for (let m = COLUMN_RE.exec(window); m; m = COLUMN_RE.exec(window)) {
      const at = base + m.index;
      if (at <= this.lastSeen) continue;
      this.lastSeen = at;
      if (this.headEnd < 0) this.headEnd = at;
      if (this.start < 0) {
        if (!NOT_A_PASS.has(m[1]!)) this.start = at;
      } else return this.cut(at);
    }
    if (this.start >= 0) {
      // The last column ends with the row.
      const row = window.indexOf('</tr>', Math.max(0, this.start - base));
      if (row >= 0) return this.cut(base + row);
    }
    this.carry = window.slice(-4100);
    return null;
  }

  private cut(end: number): FirstPhaseText<C> {
    const all = this.chunks;
    if (typeof all[0] === 'string') {
      const text = all.length === 1 ? (all[0] as string) : all.join('');
      this.chunks = [text as C];
      return { head: text.slice(0, this.headEnd) as C, column: text.slice(this.start, end) as C };
    }
    const bytes = concatBytes(all as Uint8Array[]);
    this.chunks = [bytes as unknown as C];
    return { head: bytes.subarray(0, this.headEnd) as unknown as C, column: bytes.subarray(this.start, end) as unknown as C };
  }
}

type OnPhase = (phase: SsaPhase, index: number, fnName: string) => void;

/** Parses the head and first column FirstPhaseSplitter found; gives the phase and returns its JSON (null: none). */
function parseFirstPhase(found: FirstPhaseText<Chunk>, onPhase: OnPhase): string | null {
  let json: string | null = null;
  const parser = new SsaHtmlParser((phase, index, name) => {
    if (index !== 0 || json !== null) return;
    onPhase(phase, 0, name);
    // After it is on its way: the JSON is only for the comparison with the in-order parse.
    json = JSON.stringify(phase);
  }, false);
  parser.feed(found.head);
  parser.feed(found.column);
  return json;
}

/**
 * Parses ssa.html text arriving in chunks, like SsaHtmlParser, but gives the first phase as soon as its
 * column has been read, before the sources and AST columns are parsed. The in-order parse of the whole
 * text remains the reference: when its first phase differs from the early one (a file not laid out as
 * html.go writes it), onPhase is called again for index 0 with it, and when it has none, onDrop(0).
 */
export async function parseSsaHtmlChunks<C extends Chunk>(chunks: AsyncIterable<C>, onPhase: OnPhase, retain = true, onDrop?: (index: number) => void): Promise<SsaFunction> {
  let early: string | null = null;
  const parser = new SsaHtmlParser((phase, index, name) => {
    if (index === 0 && early !== null) {
      const same = JSON.stringify(phase) === early;
      early = null;
      if (same) return;
    }
    onPhase(phase, index, name);
  }, retain);
  const splitter = new FirstPhaseSplitter<C>();
  let splitting = true;
  const settle = (found: FirstPhaseText<C> | 'none') => {
    splitting = false;
    if (found !== 'none') early = parseFirstPhase(found, onPhase);
    for (const chunk of splitter.take()) parser.feed(chunk);
  };
  for await (const chunk of chunks) {
    if (!splitting) {
      parser.feed(chunk);
      continue;
    }
    const found = splitter.push(chunk);
    if (found !== null) settle(found);
  }
  if (splitting) settle(splitter.push('', true) ?? 'none');
  const fn = parser.finish();
  if (early !== null) onDrop?.(0);
  return fn;
}
