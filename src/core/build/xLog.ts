// Reads the go command's -x log into one row per toolchain step. The log is shell-like: `cd DIR`,
// `mkdir -p`, here-documents (`cat >FILE << 'EOF'` … `EOF`) and tool invocations, with a trailing
// `# internal` on steps the go command did in-process.
import type { ToolCommand } from '../../shared/build';

export interface XLine {
  /** The package the line belongs to, when -json tagged it. */
  importPath?: string;
  line: string;
}

const TOOLS = new Set(['compile', 'asm', 'pack', 'link', 'cgo', 'vet', 'buildid', 'cover', 'nm', 'objdump']);

/** The tool a step runs: the basename of the first word after env assignments (`GOROOT='…' …/link …`). */
export function toolOf(line: string): string {
  const words = line.split(/\s+/);
  let i = 0;
  while (i < words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[i]!)) {
    // An assignment's quoted value may contain spaces: skip to its closing quote.
    const w = words[i]!;
    const q = w[w.indexOf('=') + 1];
    if ((q === "'" || q === '"') && !(w.length > w.indexOf('=') + 2 && w.endsWith(q))) {
      while (i < words.length - 1 && !words[i]!.endsWith(q!)) i++;
    }
    i++;
  }
  const first = words[i] ?? '';
  if (first === 'go' && words[i + 1] === 'tool' && words[i + 2]) return words[i + 2]!;
  const base = first.slice(first.lastIndexOf('/') + 1);
  return base || first;
}

/** Commands of an -x log. `heredoc` bodies are folded into their `cat` line. */
export function parseXLog(lines: XLine[]): ToolCommand[] {
  const out: ToolCommand[] = [];
  let heredocEnd: string | null = null;
  // One -json event may carry several lines (a here-document arrives whole).
  const split = lines.flatMap(({ line, importPath }) =>
    line.replace(/\n$/, '').split('\n').map((l) => ({ line: l.replace(/\r$/, ''), importPath })),
  );
  for (const { line, importPath } of split) {
    if (heredocEnd !== null) {
      if (line === heredocEnd) heredocEnd = null;
      else if (out.length > 0) out[out.length - 1]!.line += `\n${line}`;
      continue;
    }
    if (line.trim() === '' || line.startsWith('WORK=') || line.startsWith('# ')) continue;
    const doc = /<< '(\w+)'/.exec(line);
    if (doc) heredocEnd = doc[1]!;
    const internal = / # internal$/.test(line);
    const tool = toolOf(line);
    out.push({ tool, package: importPath ?? '', line, internal });
  }
  return out;
}

/** True for rows that ran a real toolchain program (the ones a user usually wants to see). */
export function isToolInvocation(c: ToolCommand): boolean {
  return !c.internal && (TOOLS.has(c.tool) || /(?:^|-)(?:gcc|clang|g\+\+|cc)$/.test(c.tool));
}
