// Parses `go tool objdump [-s REGEXP] BIN`: `TEXT pkg.F(SB) /abs/file.go` starts a function, then one
// instruction per line, `  file.go:12\t\t0xADDR\t\tBYTES\t\tASM`. objdump prints only the file's base
// name, so instructions inlined from other files are resolved by a caller-supplied lookup.
import type { DisassembledFunction, Instruction } from '../../shared/contract/binaryTypes';

const TEXT = /^TEXT (.+)\(SB\) (.*)$/;
const INSN = /^\s+(\S+):(\d+)\t+0x([0-9a-f]+)\t+([0-9a-f]+)\t+(.*?)\s*$/;

/** Given the base name objdump printed and the function's own file, returns the full path, if known. */
export type FileResolver = (base: string, functionFile: string) => string | undefined;

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

export const sameFileResolver: FileResolver = (base, functionFile) =>
  baseName(functionFile) === base && functionFile.startsWith('/') ? functionFile : undefined;

const dirName = (p: string) => p.slice(0, p.lastIndexOf('/'));

/**
 * Resolves through the project's files (base name → absolute paths): the function's own file first
 * (the full path objdump gives on the TEXT line), then the only file of that name, then the only one
 * in the function's folder: code inlined from the same package (gopls: cache.(*action).exec in
 * analysis.go inlines internal/cache/package.go, and gopls has two package.go).
 */
export function projectFileResolver(filesByBase: Map<string, string[]>): FileResolver {
  return (base, functionFile) => {
    const own = sameFileResolver(base, functionFile);
    if (own) return own;
    const candidates = filesByBase.get(base) ?? [];
    if (candidates.length === 1) return candidates[0];
    const dir = dirName(functionFile);
    const sameDir = candidates.filter((c) => dirName(c) === dir);
    return sameDir.length === 1 ? sameDir[0] : undefined;
  };
}

export function parseObjdump(text: string, resolve: FileResolver = sameFileResolver): DisassembledFunction[] {
  const out: DisassembledFunction[] = [];
  let fn: DisassembledFunction | undefined;
  for (const line of text.split('\n')) {
    const t = TEXT.exec(line);
    if (t) {
      fn = { name: t[1]!, file: t[2]!, instructions: [] };
      out.push(fn);
      continue;
    }
    const m = fn && INSN.exec(line);
    if (!fn || !m) continue;
    // With -gnu a second tab-separated column holds the GNU syntax; keep the Go form.
    const insn: Instruction = {
      file: m[1]!,
      line: Number(m[2]),
      address: parseInt(m[3]!, 16),
      bytes: m[4]!,
      text: m[5]!.split('\t')[0]!.trim(),
    };
    const p = resolve(insn.file, fn.file);
    if (p) insn.path = p;
    fn.instructions.push(insn);
  }
  return out;
}

/** Source line → addresses of the instructions generated for it, per file path. */
export function linesToInstructions(fns: DisassembledFunction[]): Map<string, Map<number, number[]>> {
  const map = new Map<string, Map<number, number[]>>();
  for (const fn of fns) {
    for (const insn of fn.instructions) {
      if (!insn.path) continue;
      const lines = map.get(insn.path) ?? new Map<number, number[]>();
      map.set(insn.path, lines);
      lines.set(insn.line, [...(lines.get(insn.line) ?? []), insn.address]);
    }
  }
  return map;
}

/** Text matched literally inside a regular expression (Go's RE2 and JavaScript's alike). */
export const regexpQuote = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An objdump -s pattern that matches exactly one symbol name (regexp metacharacters escaped). */
export function exactSymbolPattern(name: string): string {
  return `^${regexpQuote(name)}$`;
}
