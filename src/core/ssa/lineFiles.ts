// Which source file a line of a function's SSA is in. ssa.html positions carry a line only (the
// innermost one for inlined code), and its sources column lists the function's own file (and, only
// sometimes, inlined callees). genssa's "# file" rows name the file of each instruction that follows,
// first as the compiler was given it and later by base name only. Together they say, for most lines,
// which file the line belongs to; where two files share a line number it is uncertain, and said so.
import type { SsaProgLine, SsaSourceFile } from '../../shared/ssa';

export interface LineFile {
  /** The file as the sources column names it (a path), or a base name when only genssa names it. */
  file: string;
  /** false: more than one file of this function has code on that line, or none is known to. */
  certain: boolean;
  /** The other files with code on that line, when uncertain. */
  others: string[];
}

const baseName = (f: string) => f.slice(Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\')) + 1);

/** Builds the lookup once per function; `main` is the function's own file (the sources' first). */
export function lineFiles(sources: SsaSourceFile[], genssa: SsaProgLine[]): (line: number) => LineFile | null {
  const main = sources[0]?.file;
  // A base name in genssa stands for the path the sources column or an earlier genssa row gave it.
  const full = new Map<string, string>();
  for (const s of sources) full.set(baseName(s.file), s.file);
  for (const g of genssa) if (g.file && g.file !== baseName(g.file) && !full.has(baseName(g.file))) full.set(baseName(g.file), g.file);
  const byLine = new Map<number, Set<string>>();
  const add = (line: number, file: string) => {
    let set = byLine.get(line);
    if (!set) byLine.set(line, (set = new Set()));
    set.add(full.get(baseName(file)) ?? file);
  };
  for (const s of sources) for (const l of s.lines) add(l.line, s.file);
  for (const g of genssa) if (g.file && g.line !== null) add(g.line, g.file);
  return (line) => {
    const files = [...(byLine.get(line) ?? [])];
    if (files.length === 1) return { file: files[0]!, certain: true, others: [] };
    if (files.length === 0) return main ? { file: main, certain: false, others: [] } : null;
    // Shared by several files: the function's own first, as most of its code is its own.
    const pick = main && files.includes(main) ? main : files[0]!;
    return { file: pick, certain: false, others: files.filter((f) => f !== pick) };
  };
}
