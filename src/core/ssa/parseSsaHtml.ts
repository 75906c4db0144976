// Streaming parser of the compiler's ssa.html (GOSSAFUNC) into an SsaFunction. It follows the structure
// html.go writes (one -col/-exp cell pair per column, one <h2> per pass, blocks as <ul>, values as <li>)
// and never keeps or renders the markup. Bad input gives a partial result with warnings, never a throw.
import type {
  SsaAstLine,
  SsaBlock,
  SsaFunction,
  SsaPhase,
  SsaProgLine,
  SsaSourceFile,
  SsaValue,
} from '../../shared/ssa';
import { HtmlTokenizer, type HtmlTokenSink } from './htmlTokenizer';
import { parseBlockEnd, parseLineMark, parseValueRest, predictSuccs } from './lineSyntax';

type ColumnKind = 'sources' | 'ast' | 'genssa' | 'ssa';

interface Frame {
  name: string;
  cls: string;
}

const VOID = new Set(['meta', 'input', 'br', 'hr', 'img', 'link']);
const TOKEN_RE = { b: /(?:^|\s)(b\d+)(?=\s|$)/, v: /(?:^|\s)(v\d+)(?=\s|$)/, l: /(?:^|\s)l(\d+)(?=\s|$)/ };
const classToken = (cls: string, kind: 'b' | 'v') => TOKEN_RE[kind].exec(cls)?.[1];
const lineOfClass = (cls: string): number | null => {
  const m = TOKEN_RE.l.exec(cls);
  return m ? Number(m[1]) : null;
};

/** Collects the text of a value, block end, or genssa row, with its spans picked out. */
interface Collector {
  text: string;
  lineMark: string;
  inLine: boolean;
  stmt: '+' | '-' | '';
  values: string[];
  blocks: string[];
}
const collector = (): Collector => ({ text: '', lineMark: '', inLine: false, stmt: '', values: [], blocks: [] });

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
  private readonly tokenizer = new HtmlTokenizer(this);

  /** onPhase is told of each phase as soon as its column is read (the first one shows before the file is done). */
  /**
   * retain=false: phases are only handed to onPhase, not kept (the worker posts each one to the main
   * thread, which keeps them; two copies of every phase would double the peak memory).
   */
  constructor(
    private readonly onPhase?: (phase: SsaPhase, index: number, fnName: string) => void,
    private readonly retain = true,
  ) {}
  private phaseCount = 0;
  private stack: Frame[] = [];
  private sawEnd = false;
  private sawTable = false;
  // document-level captures
  private h1: string | null = null;
  private colTitle: string | null = null;
  private inColCell = false;
  // the open -exp cell
  private col: { id: string; kind: ColumnKind; title: string; depth: number; textLines: string[] } | null = null;
  private phase: SsaPhase | null = null;
  private h2: { text: string; stats: string; inStats: boolean } | null = null;
  private block: SsaBlock | null = null;
  private blockPart: 'start' | 'end' | null = null;
  private value: (Collector & { dead: boolean }) | null = null;
  private end: Collector | null = null;
  private nameRow: Collector | null = null;
  private srcFile: SsaSourceFile | null = null;
  private srcFileName: string | null = null;
  private srcLine: { line: number; text: string } | null = null;
  private astLine: SsaAstLine | null = null;
  private prog: { dt: Collector; dd: Collector | null } | null = null;
  private progFile: string | undefined;
  private otherText = '';

  feed(chunk: string): void {
    this.tokenizer.feed(chunk);
  }

  finish(): SsaFunction {
    this.tokenizer.end();
    const fn = this.fn;
    if (this.col) {
      fn.partial = true;
      fn.warnings.push(`The file ends inside the "${this.col.title}" column: it looks truncated. What was read is shown.`);
      if (this.phase) this.phase.partial = true;
      this.closeColumn();
    } else if (!this.sawEnd && this.sawTable) {
      fn.partial = true;
      fn.warnings.push('The file ends before </html>: it looks truncated. What was read is shown.');
    }
    if (!this.sawTable && this.phaseCount === 0) {
      fn.warnings.push('This is not a GOSSAFUNC ssa.html: no compiler columns were found (the file is empty or of another kind).');
    }
    return fn;
  }

  open(name: string, id: string, cls: string): void {
    if (name === 'td') return this.openTd(id, cls);
    if (name === 'table') this.sawTable = true;
    if (!VOID.has(name)) this.stack.push({ name, cls });
    if (name === 'h1' && this.h1 === null && !this.col) this.h1 = '';
    if (!this.col) return;
    if (name === 'h2') this.h2 = { text: '', stats: '', inStats: false };
    else if (this.h2 && name === 'span' && cls.includes('stats')) this.h2.inStats = true;
    else if (this.col.kind === 'ssa') this.openSsa(name, cls);
    else if (this.col.kind === 'sources') this.openSources(name, cls);
    else if (this.col.kind === 'ast') this.openAst(name, cls);
    else this.openGenssa(name, cls);
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
    if (!this.col) return;
    if (name === 'h2' && this.h2) return this.closeH2();
    if (this.h2 && name === 'span' && frame.cls.includes('stats')) this.h2.inStats = false;
    else if (this.col.kind === 'ssa') this.closeSsa(name, frame.cls);
    else if (this.col.kind === 'sources') this.closeSources(name);
    else if (this.col.kind === 'ast') this.closeAst(name);
    else this.closeGenssa(name, frame.cls);
  }

  text(text: string): void {
    if (this.inColCell) {
      this.colTitle = (this.colTitle ?? '') + text;
      return;
    }
    if (!this.col) {
      if (this.h1 !== null && !this.fn.name) this.h1 += text;
      return;
    }
    if (this.h2) {
      if (this.h2.inStats) this.h2.stats += text;
      else this.h2.text += text;
      return;
    }
    // Only a column that has shown no block yet may turn out unknown (kept as text); appending every
    // text of every column would build a string as large as the file.
    if (this.phase && this.phase.blocks.length === 0) this.otherText += text;
    const c = this.value ?? this.end ?? this.nameRow ?? this.prog?.dd ?? null;
    if (c) {
      if (c.inLine) c.lineMark += text;
      else c.text += text;
    } else if (this.srcLine) this.srcLine.text += text;
    else if (this.srcFileName !== null) this.srcFileName += text;
    else if (this.astLine) this.astLine.text += text;
    else if (this.blockPart === 'start' && this.block) this.blockStartText += text;
  }

  private blockStartText = '';

  // ---- columns ----

  private openTd(id: string, cls: string): void {
    if (this.col) {
      this.col.depth++;
      return;
    }
    if (id.endsWith('-col')) {
      this.inColCell = true;
      this.colTitle = '';
      return;
    }
    if (!id.endsWith('-exp')) return;
    const base = id.slice(0, -4);
    const title = (this.colTitle ?? base.replace(/--\+--/g, '  +  ').replace(/-/g, ' ')).trim();
    this.colTitle = null;
    const kind: ColumnKind =
      base === 'sources' ? 'sources' : base === 'AST' ? 'ast' : base === 'genssa' || cls.includes('ssa-prog') ? 'genssa' : 'ssa';
    this.col = { id: base, kind, title, depth: 0, textLines: [] };
    this.otherText = '';
    if (kind === 'ssa') {
      this.phase = { name: title, passes: [], timings: [], blocks: [], names: [] };
    }
  }

  private closeTd(): void {
    if (this.inColCell) {
      this.inColCell = false;
      return;
    }
    if (!this.col) return;
    if (this.col.depth > 0) {
      this.col.depth--;
      return;
    }
    this.closeColumn();
  }

  private closeColumn(): void {
    const col = this.col!;
    if (col.kind === 'ssa' && this.phase) {
      this.flushValue();
      if (this.phase.blocks.length > 0) {
        if (this.phase.passes.length === 0) this.phase.passes = [col.title];
        if (this.retain) this.fn.phases.push(this.phase);
        // Counted apart from the call: `onPhase?.(…, n++)` skips the increment when there is no listener.
        const index = this.phaseCount++;
        this.onPhase?.(this.phase, index, this.fn.name);
      } else {
        // Every SSA function has an entry block: a column without blocks is something we do not know.
        const lines = this.otherText.split('\n').map((l) => l.trimEnd()).filter(Boolean);
        this.fn.other.push({ name: col.title, lines });
        this.fn.warnings.push(`Unknown column "${col.title}" (a newer Go?): shown as plain text.`);
      }
    }
    if (this.srcFile) this.fn.sources.push(this.srcFile);
    this.srcFile = null;
    this.srcLine = null;
    this.srcFileName = null;
    this.astLine = null;
    this.prog = null;
    this.phase = null;
    this.block = null;
    this.value = null;
    this.end = null;
    this.nameRow = null;
    this.h2 = null;
    this.col = null;
    this.stack = this.stack.filter((f) => f.name === 'html' || f.name === 'body' || f.name === 'table' || f.name === 'tr');
  }

  private closeH2(): void {
    const h2 = this.h2!;
    this.h2 = null;
    if (!this.phase) return;
    const ns = /\[(\d+) ns\]/.exec(h2.stats);
    this.phase.passes.push(h2.text.trim());
    this.phase.timings.push(ns ? Number(ns[1]) : null);
  }

  // ---- SSA columns ----

  private openSsa(name: string, cls: string): void {
    const phase = this.phase!;
    if (name === 'ul' && cls.includes('ssa-print-func')) {
      const id = classToken(cls, 'b') ?? `b?${phase.blocks.length}`;
      this.block = { id, kind: '', preds: [], succs: [], controls: [], aux: '', line: null, values: [], dead: cls.includes('dead-block') };
      phase.blocks.push(this.block);
      return;
    }
    if (name === 'li') {
      if (cls.includes('ssa-start-block')) {
        this.blockPart = 'start';
        this.blockStartText = '';
      } else if (cls.includes('ssa-end-block')) this.end = collector();
      else if (cls.includes('ssa-long-value')) this.value = { ...collector(), dead: cls.includes('dead-value') };
      else if (!cls && !this.block) this.nameRow = collector(); // "name x[T]: v1" rows follow the blocks
      return;
    }
    if (name === 'span') this.openSpan(this.value ?? this.end ?? this.nameRow, cls);
    else if (name === 'b' || name === 's') this.markStmt(name);
  }

  private openSpan(c: Collector | null, cls: string): void {
    if (cls.includes('line-number')) {
      if (c) c.inLine = true;
      return;
    }
    const v = classToken(cls, 'v');
    const b = classToken(cls, 'b');
    if (cls.includes('ssa-value') && !cls.includes('ssa-long-value') && v && c) c.values.push(v);
    else if (cls.includes('ssa-block') && b) {
      if (c) c.blocks.push(b);
      else if (this.blockPart === 'start' && this.block && b !== this.block.id) this.block.preds.push(b);
    }
  }

  private markStmt(name: string): void {
    const c = this.value ?? this.end ?? this.prog?.dd ?? null;
    if (c?.inLine) c.stmt = name === 'b' ? '+' : '-';
  }

  private closeSsa(name: string, cls: string): void {
    if (name === 'span' && cls.includes('line-number')) {
      const c = this.value ?? this.end;
      if (c) c.inLine = false;
    } else if (name === 'li') {
      if (this.blockPart === 'start') this.blockPart = null;
      else if (this.end) this.flushEnd();
      else if (this.value) this.flushValue();
      else if (this.nameRow) this.flushName();
    } else if (name === 'ul' && cls.includes('ssa-print-func')) {
      this.flushValue();
      this.block = null;
    }
  }

  private flushValue(): void {
    const c = this.value;
    if (!c || !this.block) return;
    this.value = null;
    // c.text is "v10  = MULQ <int> v3 v2 : AX": the id, then the rest after '='.
    const eq = c.text.indexOf('=');
    const id = c.values[0] ?? /v\d+/.exec(c.text)?.[0] ?? '?';
    const rest = parseValueRest(eq < 0 ? '' : c.text.slice(eq + 1));
    const mark = parseLineMark(c.lineMark.replace(/^\((\d)/, `(${c.stmt === '-' ? '-' : ''}$1`));
    const value: SsaValue = {
      id,
      op: rest.op,
      type: rest.type,
      // The arg spans are exact; the text parse is the fallback for odd markup.
      args: c.values.length > 1 ? c.values.slice(1) : rest.args,
      aux: rest.aux,
      line: mark.line,
      stmt: c.stmt || mark.stmt,
      extra: rest.extra,
      dead: c.dead,
      ...(rest.reg ? { reg: rest.reg } : {}),
    };
    this.block.values.push(value);
  }

  private flushEnd(): void {
    const c = this.end!;
    this.end = null;
    if (!this.block) return;
    const kind = c.text.trim().split(/\s+/)[0] ?? '';
    const parsed = parseBlockEnd(c.text);
    this.block.kind = kind;
    this.block.aux = parsed.aux;
    this.block.controls = c.values.length ? c.values : parsed.controls;
    const succs = c.blocks.length > 1 ? c.blocks.slice(1) : parsed.succs;
    this.block.succs = predictSuccs(succs, parsed.branch);
    if (parsed.branch) this.block.branch = parsed.branch;
    this.block.line = parseLineMark(c.lineMark).line;
  }

  private flushName(): void {
    const c = this.nameRow!;
    this.nameRow = null;
    const m = /^\s*name (.*?):\s*(?:v\d+\s*)*$/s.exec(c.text);
    if (m && this.phase) this.phase.names.push({ slot: m[1]!.trim(), values: c.values });
  }

  // ---- sources ----

  private openSources(name: string, cls: string): void {
    if (!this.stack.some((f) => f.name === 'pre')) return;
    if (name === 'strong') this.srcFileName = '';
    else if (name === 'div' && cls.includes('line-number')) {
      const line = lineOfClass(cls);
      if (line !== null) this.srcLine = { line, text: '' };
    }
  }

  private closeSources(name: string): void {
    if (name === 'strong' && this.srcFileName !== null) {
      if (this.srcFile) this.fn.sources.push(this.srcFile);
      this.srcFile = { file: this.srcFileName.trim(), lines: [] };
      this.srcFileName = null;
    } else if (name === 'div' && this.srcLine) {
      if (!this.srcFile) this.srcFile = { file: '', lines: [] };
      this.srcFile.lines.push(this.srcLine);
      this.srcLine = null;
    }
  }

  // ---- AST ----

  private openAst(name: string, cls: string): void {
    if (name === 'div' && cls.includes('ast')) this.astLine = { line: lineOfClass(cls), text: '' };
  }

  private closeAst(name: string): void {
    if (name === 'div' && this.astLine) {
      this.fn.ast.push(this.astLine);
      this.astLine = null;
    }
  }

  // ---- genssa ----

  private openGenssa(name: string, cls: string): void {
    if (name === 'dt') this.prog = { dt: collector(), dd: null };
    else if (name === 'dd' && this.prog) this.prog.dd = collector();
    else if (name === 'span') {
      const target = this.prog?.dd ?? this.prog?.dt ?? null;
      if (target === this.prog?.dd && cls.includes('line-number')) {
        if (target) target.inLine = true;
        return;
      }
      this.openSpan(target, cls);
    } else if (name === 'b' || name === 's') this.markStmt(name);
  }

  private closeGenssa(name: string, cls: string): void {
    if (name === 'span' && cls.includes('line-number') && this.prog?.dd) this.prog.dd.inLine = false;
    else if (name === 'dd' && this.prog?.dd) {
      const { dt, dd } = this.prog;
      this.prog = null;
      this.fn.genssa.push(progLine(dt, dd, this.progFile));
      const file = /^# (.+\.go)$/.exec(dd.text.trim());
      if (file) this.progFile = file[1];
    }
  }
}

function progLine(dt: Collector, dd: Collector, file: string | undefined): SsaProgLine {
  const text = dd.text.trim();
  const pc = /^(\d{5,})\s+/.exec(text);
  const mark = parseLineMark(dd.lineMark.replace(/^\((\d)/, `(${dd.stmt === '-' ? '-' : ''}$1`));
  const row: SsaProgLine = {
    line: mark.line,
    stmt: dd.stmt || mark.stmt,
    text: pc ? text.slice(pc[0].length).trim() : text,
  };
  if (pc) row.pc = Number(pc[1]);
  if (dt.values[0]) row.value = dt.values[0];
  if (dt.blocks[0]) row.block = dt.blocks[0];
  if (file && pc) row.file = file;
  return row;
}

/** Parses a whole ssa.html held in memory (tests, small files). Big files: feed an SsaHtmlParser in chunks. */
export function parseSsaHtml(html: string): SsaFunction {
  const p = new SsaHtmlParser();
  const CHUNK = 1 << 20;
  for (let i = 0; i < html.length; i += CHUNK) p.feed(html.slice(i, i + CHUNK));
  return p.finish();
}
