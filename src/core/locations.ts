// Finds source locations the Go toolchain prints (`pkg/file.go:12:5: message`, `./main.go:3:2`,
// `/abs/path/x.go:7`, test failures `    store_test.go:10: ...`) so the console can link them.

export interface SourceLocation {
  /** Offset of the match in the line (UTF-16 code units), and its length. */
  start: number;
  length: number;
  path: string;
  line: number;
  column?: number;
}

// A path ends in .go or .s; it may start with ./, ../ or / and has no spaces or quotes.
const LOCATION = /(?<![\w./-])((?:\.{1,2}\/|\/)?[\w.@+~-]+(?:\/[\w.@+~-]+)*\.(?:go|s)):(\d+)(?::(\d+))?/g;

export function findSourceLocations(line: string): SourceLocation[] {
  const out: SourceLocation[] = [];
  for (const m of line.matchAll(LOCATION)) {
    const lineNo = Number(m[2]);
    if (!Number.isSafeInteger(lineNo) || lineNo < 1) continue;
    const loc: SourceLocation = { start: m.index, length: m[0].length, path: m[1]!, line: lineNo };
    if (m[3] !== undefined) {
      const col = Number(m[3]);
      if (Number.isSafeInteger(col) && col >= 1) loc.column = col;
    }
    out.push(loc);
  }
  return out;
}

/**
 * The Go toolchain counts columns in bytes of UTF-8 (1-based); Monaco counts UTF-16 code units.
 * Converts a byte column on `lineText` to Monaco's column; past the end it clamps to the end.
 */
export function byteColumnToUtf16(lineText: string, byteColumn: number): number {
  let bytes = 0;
  let units = 0;
  for (const ch of lineText) {
    if (bytes >= byteColumn - 1) break;
    const cp = ch.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    units += ch.length;
  }
  return units + 1;
}

/** The inverse of byteColumnToUtf16: Monaco's (UTF-16, 1-based) column as the toolchain's byte column. */
export function utf16ColumnToByte(lineText: string, column: number): number {
  return new TextEncoder().encode(lineText.slice(0, column - 1)).length + 1;
}

/**
 * The project-relative form of a path the toolchain printed (relative to the project root where the
 * go command ran, or absolute), or null when it is outside the project. Pure: no file system.
 */
export function toProjectPath(root: string, printed: string): string | null {
  const norm = (p: string) => p.replace(/\\/g, '/');
  const r = norm(root).replace(/\/+$/, '');
  let p = norm(printed);
  if (p.startsWith('/')) {
    if (!p.startsWith(r + '/')) return null;
    p = p.slice(r.length + 1);
  }
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.length ? parts.join('/') : null;
}
