// Finds compile errors in the go command's text output: `# importpath` headers followed by
// `path:line:col: message` lines (the column is a 1-based byte column; positions may lack it).
import type { CompileError } from '../../shared/build';

const ERROR_LINE = /^((?:[A-Za-z]:)?[^:\s][^:]*\.(?:go|s|c|h)):(\d+)(?::(\d+))?: (.+)$/;

export function parseCompileErrors(text: string, packageHint?: string): CompileError[] {
  const out: CompileError[] = [];
  let pkg = packageHint;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith('# ')) {
      pkg = line.slice(2).trim();
      continue;
    }
    const m = ERROR_LINE.exec(line);
    if (!m) continue;
    // `file.go:L:C: \tpass\tTIME(ns)\t…`: an SSA pass time (-d=ssa/all/time), never an error.
    if (m[4]!.startsWith('\t')) continue;
    const lineNo = Number(m[2]);
    if (!Number.isSafeInteger(lineNo) || lineNo < 1) continue;
    const err: CompileError = { path: m[1]!, line: lineNo, message: m[4]! };
    if (m[3]) err.column = Number(m[3]);
    if (pkg) err.package = pkg;
    out.push(err);
  }
  return out;
}
