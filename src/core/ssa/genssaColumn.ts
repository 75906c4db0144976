// The genssa column of ssa.html (ssagen writes it with HTMLWriter.WriteColumn, class "ssa-prog"): the
// generated instructions as a <dl>, each <dt> naming the value or block, each <dd> the instruction with
// its pc and line; a "# file.go" row names the file of the rows after it.
import type { SsaFunction, SsaProgLine } from '../../shared/ssa';
import type { ColumnReader } from './columnReader';
import { lineOf, longHtml, markStmt, readSpan, type LongHtml } from './longHtml';

export class GenssaColumn implements ColumnReader {
  private row: { dt: LongHtml; dd: LongHtml | null } | null = null;
  /** The file named by the last "# file.go" row. Not reset when a column ends. */
  private file: string | undefined;

  constructor(private readonly fn: SsaFunction) {}

  begin(): void {}

  open(name: string, cls: string): void {
    if (name === 'dt') this.row = { dt: longHtml(), dd: null };
    else if (name === 'dd' && this.row) this.row.dd = longHtml();
    else if (name === 'span') {
      const target = this.row?.dd ?? this.row?.dt;
      if (target) readSpan(target, cls);
    } else if (name === 'b' || name === 's') markStmt(this.row?.dd ?? null, name);
  }

  close(name: string, cls: string): void {
    if (name === 'span' && cls.includes('line-number') && this.row?.dd) this.row.dd.inLine = false;
    else if (name === 'dd' && this.row?.dd) {
      const { dt, dd } = this.row;
      this.row = null;
      this.fn.genssa.push(progLine(dt, dd, this.file));
      const file = /^# (.+\.go)$/.exec(dd.text.trim());
      if (file) this.file = file[1];
    }
  }

  wantsText(): boolean {
    return !!this.row?.dd;
  }

  text(text: string): void {
    const c = this.row?.dd;
    if (!c) return;
    if (c.inLine) c.lineMark += text;
    else c.text += text;
  }

  end(): void {
    this.row = null;
  }
}

function progLine(dt: LongHtml, dd: LongHtml, file: string | undefined): SsaProgLine {
  const text = dd.text.trim();
  const pc = /^(\d{5,})\s+/.exec(text);
  const { line, stmt } = lineOf(dd);
  const row: SsaProgLine = { line, stmt, text: pc ? text.slice(pc[0].length).trim() : text };
  if (pc) row.pc = Number(pc[1]);
  if (dt.values[0]) row.value = dt.values[0];
  if (dt.blocks[0]) row.block = dt.blocks[0];
  if (file && pc) row.file = file;
  return row;
}
