// Streaming parser of the compiler's ssa.html (GOSSAFUNC) into an SsaFunction. It follows the table
// html.go writes (HTMLWriter.WriteMultiTitleColumn: one -col/-exp cell pair per column, an <h2> per pass
// title) and hands each column's markup to the reader for its kind (sourcesColumn.ts, astColumn.ts,
// phaseColumn.ts, genssaColumn.ts). It never keeps or renders the markup. Bad input gives a partial
// result with warnings, never a throw.
import type { SsaFunction } from '../../shared/ssa';
import { AstColumn } from './astColumn';
import { encodeUtf8 } from './bytes';
import { columnKindOf, columnTitleOf, type ColumnReader } from './columnReader';
import { GenssaColumn } from './genssaColumn';
import { ByteHtmlTokenizer, type HtmlTokenSink } from './byteTokenizer';
import { PhaseColumn, type OnPhase } from './phaseColumn';
import { SourcesColumn } from './sourcesColumn';
import type { ValueLine } from './valueLine';

/** An open element: its name and class. */
interface Frame {
  name: string;
  cls: string;
}

const VOID = new Set(['meta', 'input', 'br', 'hr', 'img', 'link']);

export class SsaHtmlParser implements HtmlTokenSink {
  private readonly fn: SsaFunction = {
    name: '',
    format: 'html',
    phases: [],
    sources: [],
    ast: [],
    genssa: [],
    other: [],
    partial: false,
    warnings: [],
  };
  private readonly tokenizer = new ByteHtmlTokenizer(this);
  /** A high surrogate that ended the last string chunk: its pair is in the next one. */
  private surrogate = '';
  // One reader per kind of column, for the whole file (what a reader keeps between columns stays kept).
  private readonly sources: SourcesColumn;
  private readonly ast: AstColumn;
  private readonly phases: PhaseColumn;
  private readonly genssa: GenssaColumn;
  private stack: Frame[] = [];
  private sawEnd = false;
  private sawTable = false;
  // document-level captures
  private h1: string | null = null;
  private colTitle: string | null = null;
  private inColCell = false;
  // the open -exp cell: its reader, title, and the depth of cells nested in it
  private column: ColumnReader | null = null;
  private columnTitle = '';
  private depth = 0;
  private h2: { text: string; stats: string; inStats: boolean } | null = null;

  /**
   * onPhase is told of each phase as soon as its column is read (the first one shows before the file is
   * done). retain=false: phases are only handed to onPhase, not kept (the worker posts each one to the
   * main thread, which keeps them; two copies of every phase would double the peak memory).
   */
  constructor(onPhase?: OnPhase, retain = true) {
    this.sources = new SourcesColumn(this.fn, () => this.stack.some((f) => f.name === 'pre'));
    this.ast = new AstColumn(this.fn);
    this.phases = new PhaseColumn(this.fn, onPhase, retain);
    this.genssa = new GenssaColumn(this.fn);
  }

  /** Bytes (UTF-8) as read from the file, or text (tests, small files). */
  feed(chunk: string | Uint8Array): void {
    if (typeof chunk !== 'string') return this.tokenizer.feed(chunk);
    let text = this.surrogate + chunk;
    const last = text.charCodeAt(text.length - 1);
    this.surrogate = last >= 0xd800 && last <= 0xdbff ? text.slice(-1) : '';
    if (this.surrogate) text = text.slice(0, -1);
    this.tokenizer.feed(encodeUtf8(text));
  }

  /** The elements open now, outermost first (outside a column, html.go's row leaves html, body, table, tr). */
  get openElements(): string[] {
    return this.stack.map((f) => f.name);
  }

  finish(): SsaFunction {
    if (this.surrogate) this.tokenizer.feed(encodeUtf8(this.surrogate));
    this.surrogate = '';
    this.tokenizer.end();
    const fn = this.fn;
    if (this.column) {
      fn.partial = true;
      fn.warnings.push(`The file ends inside the "${this.columnTitle}" column: it looks truncated. What was read is shown.`);
      this.closeColumn(true);
    } else if (!this.sawEnd && this.sawTable) {
      fn.partial = true;
      fn.warnings.push('The file ends before </html>: it looks truncated. What was read is shown.');
    }
    if (!this.sawTable && this.phases.count === 0) {
      fn.warnings.push('This is not a GOSSAFUNC ssa.html: no compiler columns were found (the file is empty or of another kind).');
    }
    return fn;
  }

  open(name: string, id: string, cls: string): void {
    if (name === 'td') return this.openTd(id, cls);
    if (name === 'table') this.sawTable = true;
    if (!VOID.has(name)) this.stack.push({ name, cls });
    if (name === 'h1' && this.h1 === null && !this.column) this.h1 = '';
    if (!this.column) return;
    if (name === 'h2') this.h2 = { text: '', stats: '', inStats: false };
    else if (this.h2 && name === 'span' && cls.includes('stats')) this.h2.inStats = true;
    else this.column.open(name, cls);
  }

  close(name: string): void {
    if (name === 'html') this.sawEnd = true;
    if (name === 'td') return this.closeTd();
    // Pop to the matching element; a stray close tag is ignored.
    let at = this.stack.length - 1;
    while (at >= 0 && this.stack[at]!.name !== name) at--;
    if (at < 0) return;
    const frame = this.stack[at]!;
    this.stack.length = at;
    if (name === 'h1' && this.h1 !== null && !this.fn.name) this.fn.name = this.h1.trim();
    if (!this.column) return;
    if (name === 'h2' && this.h2) return this.closeH2();
    if (this.h2 && name === 'span' && frame.cls.includes('stats')) this.h2.inStats = false;
    else this.column.close(name, frame.cls);
  }

  acceptsValueLine(): boolean {
    return this.column === this.phases && !this.inColCell && !this.h2 && this.phases.acceptsValueLine();
  }

  valueLine(line: ValueLine): void {
    this.phases.valueLine(line);
  }

  wantsText(): boolean {
    if (this.inColCell || this.h2) return true;
    if (!this.column) return this.h1 !== null && !this.fn.name;
    return this.column.wantsText();
  }

  text(text: string): void {
    if (this.inColCell) {
      this.colTitle = (this.colTitle ?? '') + text;
      return;
    }
    if (!this.column) {
      if (this.h1 !== null && !this.fn.name) this.h1 += text;
      return;
    }
    if (this.h2) {
      if (this.h2.inStats) this.h2.stats += text;
      else this.h2.text += text;
      return;
    }
    this.column.text(text);
  }

  // ---- columns ----

  private openTd(id: string, cls: string): void {
    if (this.column) {
      this.depth++;
      return;
    }
    if (id.endsWith('-col')) {
      this.inColCell = true;
      this.colTitle = '';
      return;
    }
    if (!id.endsWith('-exp')) return;
    const base = id.slice(0, -4);
    const title = columnTitleOf(base, this.colTitle);
    this.colTitle = null;
    this.column = { sources: this.sources, AST: this.ast, genssa: this.genssa, phase: this.phases }[columnKindOf(base, cls)];
    this.columnTitle = title;
    this.depth = 0;
    this.column.begin(title);
  }

  private closeTd(): void {
    if (this.inColCell) {
      this.inColCell = false;
      return;
    }
    if (!this.column) return;
    if (this.depth > 0) {
      this.depth--;
      return;
    }
    this.closeColumn(false);
  }

  private closeColumn(truncated: boolean): void {
    this.column!.end(truncated);
    this.h2 = null;
    this.column = null;
    this.stack = this.stack.filter((f) => f.name === 'html' || f.name === 'body' || f.name === 'table' || f.name === 'tr');
  }

  /** An <h2> ends: a pass title of the column (html.go writes one per pass merged into a pass column). */
  private closeH2(): void {
    const h2 = this.h2!;
    this.h2 = null;
    if (this.column === this.phases) this.phases.pass(h2.text, h2.stats);
  }
}

/** Parses a whole ssa.html held in memory (tests, small files). Big files: feed an SsaHtmlParser in chunks. */
export function parseSsaHtml(html: string): SsaFunction {
  const p = new SsaHtmlParser();
  const CHUNK = 1 << 20;
  for (let i = 0; i < html.length; i += CHUNK) p.feed(html.slice(i, i + CHUNK));
  return p.finish();
}
