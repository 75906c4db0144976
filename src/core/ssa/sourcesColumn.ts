// The sources column of ssa.html (HTMLWriter.WriteSources): inside a <pre>, each file's name in a
// <strong>, then its lines, each a <div class="lN line-number">.
import type { SsaFunction, SsaSourceFile } from '../../shared/ssa';
import { lineOfClass, type ColumnReader } from './columnReader';

export class SourcesColumn implements ColumnReader {
  private file: SsaSourceFile | null = null;
  /** The text of the open <strong>: the next file's name. */
  private fileName: string | null = null;
  private line: { line: number; text: string } | null = null;

  /** inPre: whether a <pre> is open (the line numbers left of it are divs too). */
  constructor(
    private readonly fn: SsaFunction,
    private readonly inPre: () => boolean,
  ) {}

  begin(): void {}

  open(name: string, cls: string): void {
    if (!this.inPre()) return;
    if (name === 'strong') this.fileName = '';
    else if (name === 'div' && cls.includes('line-number')) {
      const line = lineOfClass(cls);
      if (line !== null) this.line = { line, text: '' };
    }
  }

  close(name: string): void {
    if (name === 'strong' && this.fileName !== null) {
      if (this.file) this.fn.sources.push(this.file);
      this.file = { file: this.fileName.trim(), lines: [] };
      this.fileName = null;
    } else if (name === 'div' && this.line) {
      if (!this.file) this.file = { file: '', lines: [] };
      this.file.lines.push(this.line);
      this.line = null;
    }
  }

  wantsText(): boolean {
    return this.line !== null || this.fileName !== null;
  }

  text(text: string): void {
    if (this.line) this.line.text += text;
    else if (this.fileName !== null) this.fileName += text;
  }

  end(): void {
    if (this.file) this.fn.sources.push(this.file);
    this.file = null;
    this.line = null;
    this.fileName = null;
  }
}
