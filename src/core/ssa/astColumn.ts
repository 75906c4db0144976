// The AST column of ssa.html (HTMLWriter.WriteAST): one <div class="ast"> per line of the IR dump,
// with an "lN" class when the line names a source position.
import type { SsaAstLine, SsaFunction } from '../../shared/ssa';
import { lineOfClass, type ColumnReader } from './columnReader';

export class AstColumn implements ColumnReader {
  private line: SsaAstLine | null = null;

  constructor(private readonly fn: SsaFunction) {}

  begin(): void {}

  open(name: string, cls: string): void {
    if (name === 'div' && cls.includes('ast')) this.line = { line: lineOfClass(cls), text: '' };
  }

  close(name: string): void {
    if (name === 'div' && this.line) {
      this.fn.ast.push(this.line);
      this.line = null;
    }
  }

  wantsText(): boolean {
    return this.line !== null;
  }

  text(text: string): void {
    if (this.line) this.line.text += text;
  }

  end(): void {
    this.line = null;
  }
}
