// Parses the compiler's -S listing (`go build -gcflags=PKG=-S`): a function starts with
// `pkg.F STEXT size=… args=…`, then one line per instruction, `\t0x0012 00018 (/abs/x.go:12)\tOP\tARGS`,
// then the function's bytes as hex rows (no parenthesis) and `rel` lines. Addresses are offsets in the
// function; jump targets are printed as decimal offsets (`JLS\t100`).
import type { DisassembledFunction } from '../../shared/contract/binaryTypes';

const HEADER = /^(\S+) STEXT\b/;
const INSN = /^\t0x[0-9a-f]+ (\d+) \((.+):(\d+)\)\t([^\t]+)(?:\t(.*))?$/;
/** Assembler directives the listing shows beside the instructions; they generate no bytes. */
const PSEUDO = new Set(['TEXT', 'FUNCDATA', 'PCDATA']);

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

export function parseCompileAsm(text: string): DisassembledFunction[] {
  const out: DisassembledFunction[] = [];
  let fn: DisassembledFunction | undefined;
  for (const line of text.split('\n')) {
    if (!line.startsWith('\t')) {
      const h = HEADER.exec(line);
      fn = h ? { name: h[1]!, file: '', instructions: [] } : undefined;
      if (fn) out.push(fn);
      continue;
    }
    const m = fn && INSN.exec(line);
    if (!fn || !m) continue;
    const [, offset, file, lineNo, op, args] = m;
    if (!fn.file) fn.file = file!;
    if (PSEUDO.has(op!)) continue;
    fn.instructions.push({
      file: baseName(file!),
      path: file!,
      line: Number(lineNo),
      address: Number(offset),
      bytes: '',
      text: args ? `${op} ${args.trim()}` : op!,
    });
  }
  return out;
}
