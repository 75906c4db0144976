// Reads the GODEBUG defaults a project sets for its binaries: the go line and godebug lines of
// go.mod / go.work, and //go:debug directives (only honoured in package main and its tests, before
// the package clause).

export interface GodebugLine {
  key: string;
  value: string;
  /** 1-based line number in the file. */
  line: number;
}

export interface ModDefaults {
  go?: string;
  godebug: GodebugLine[];
}

/** `go 1.22`, `godebug k=v`, and `godebug ( k=v ... )` blocks of go.mod or go.work. */
export function parseModGodebug(text: string): ModDefaults {
  const out: ModDefaults = { godebug: [] };
  let inBlock = false;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (inBlock) {
      if (line === ')') inBlock = false;
      else pairs(line, i + 1, out.godebug);
      return;
    }
    const go = /^go\s+(\S+)$/.exec(line);
    if (go && out.go === undefined) out.go = go[1];
    if (/^godebug\s*\($/.test(line)) inBlock = true;
    const one = /^godebug\s+(.+)$/.exec(line);
    if (one && !inBlock) pairs(one[1]!, i + 1, out.godebug);
  });
  return out;
}

function pairs(text: string, line: number, into: GodebugLine[]): void {
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq > 0) into.push({ key: part.slice(0, eq), value: part.slice(eq + 1), line });
  }
}

export interface FileDirectives {
  packageName?: string;
  directives: GodebugLine[];
}

/** //go:debug lines before the package clause of a Go file, and the package name. */
export function parseGoDebugDirectives(text: string): FileDirectives {
  const out: FileDirectives = { directives: [] };
  const lines = text.split('\n');
  let inBlockComment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (inBlockComment) {
      if (line.includes('*/')) inBlockComment = false;
      continue;
    }
    if (line.startsWith('/*')) {
      inBlockComment = !line.includes('*/');
      continue;
    }
    const d = /^\/\/go:debug\s+(.+)$/.exec(line);
    if (d) pairs(d[1]!, i + 1, out.directives);
    const p = /^package\s+(\w+)/.exec(line);
    if (p) {
      out.packageName = p[1];
      break;
    }
  }
  return out;
}
