// Reads the GODEBUG settings a toolchain knows from the TEXT of its own sources, so the catalog is
// right for every Go version without a list kept by hand:
//   runtime/runtime1.go          dbgvars (the runtime's debug variables) and their defaults
//   internal/godebugs/table.go   All (compatibility settings) and Removed (since go1.21)
//   net/http h2 sources          settings read directly with strings.Contains(GODEBUG, "k=v")
//   `go tool compile -d help`    the compiler's -d keys (GOCOMPILEDEBUG takes the same)

export interface RuntimeVar {
  name: string;
  /** The default when GODEBUG does not set it (dbgVar.def, or an assignment in parsedebugvars). */
  def?: number;
}

/** The dbgvars table of runtime1.go: `{name: "gctrace", value: &debug.gctrace, def: 1}` or go1.19's `{"gctrace", &debug.gctrace}`. */
export function parseRuntimeDbgVars(text: string): RuntimeVar[] {
  const start = text.search(/^var dbgvars = \[\]\*?dbgVar\{/m);
  if (start < 0) return [];
  const end = text.indexOf('\n}', start);
  const block = text.slice(start, end < 0 ? undefined : end);
  const fieldDefaults = new Map<string, number>();
  // Defaults set at the top level of parsedebugvars (one tab): e.g. `debug.cgocheck = 1`.
  for (const m of text.matchAll(/^\tdebug\.(\w+) = (\d+)/gm)) {
    if (!fieldDefaults.has(m[1]!)) fieldDefaults.set(m[1]!, Number(m[2]));
  }
  const vars: RuntimeVar[] = [];
  for (const line of block.split('\n')) {
    const m = /^\s*\{\s*(?:name:\s*)?"([^"]+)",\s*(?:(?:value|atomic):\s*)?&debug\.(\w+)(?:,\s*def:\s*(-?\d+))?/.exec(line);
    if (!m) continue;
    const v: RuntimeVar = { name: m[1]! };
    if (m[3] !== undefined) v.def = Number(m[3]);
    else if (fieldDefaults.has(m[2]!)) v.def = fieldDefaults.get(m[2]!)!;
    vars.push(v);
  }
  // memprofilerate is parsed by its own branch of parsegodebug, not through dbgvars.
  if (/key == "memprofilerate"/.test(text)) vars.push({ name: 'memprofilerate' });
  return vars;
}

/** runtime1.go throws for cgocheck > 1 since go1.21 (cgocheck=2 moved to GOEXPERIMENT=cgocheck2). */
export function runtimeRejectsCgocheck2(runtime1: string): boolean {
  return /debug\.cgocheck > 1\s*\{\s*throw\(/.test(runtime1);
}

export interface TableEntry {
  name: string;
  package: string;
  changed?: number;
  old?: string;
  opaque?: boolean;
  immutable?: boolean;
}

function structFields(body: string): Record<string, string> {
  const f: Record<string, string> = {};
  for (const m of body.matchAll(/(\w+):\s*("(?:[^"\\]|\\.)*"|\w+)/g)) f[m[1]!] = m[2]!.replace(/^"|"$/g, '');
  return f;
}

/** internal/godebugs/table.go: the All table (commented-out entries are not settings). */
export function parseGodebugsTable(text: string): { all: TableEntry[]; removed: Array<{ name: string; removed: number }> } {
  const all: TableEntry[] = [];
  const removed: Array<{ name: string; removed: number }> = [];
  const section = (header: RegExp) => {
    const start = text.search(header);
    if (start < 0) return '';
    const end = text.indexOf('\n}', start);
    return text.slice(start, end < 0 ? undefined : end);
  };
  for (const line of section(/^var All = \[\]Info\{/m).split('\n')) {
    if (/^\s*\/\//.test(line)) continue;
    const m = /^\s*\{(.*)\},?/.exec(line.replace(/\/\/.*$/, ''));
    if (!m) continue;
    const f = structFields(m[1]!);
    if (!f.Name) continue;
    const e: TableEntry = { name: f.Name, package: f.Package ?? '' };
    if (f.Changed) e.changed = Number(f.Changed);
    if (f.Old !== undefined) e.old = f.Old;
    if (f.Opaque === 'true') e.opaque = true;
    if (f.Immutable === 'true') e.immutable = true;
    all.push(e);
  }
  for (const line of section(/^var Removed = \[\]RemovedInfo\{/m).split('\n')) {
    const m = /^\s*\{(.*)\},?/.exec(line.replace(/\/\/.*$/, ''));
    if (!m) continue;
    const f = structFields(m[1]!);
    if (f.Name && f.Removed) removed.push({ name: f.Name, removed: Number(f.Removed) });
  }
  return { all, removed };
}

/** Settings a package tests with strings.Contains(GODEBUG, "key=value") (net/http's HTTP/2 code). */
export function parseDirectReads(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of text.matchAll(/strings\.Contains\(\w+, "(\w+)=([^"]*)"\)/g)) {
    const vals = out.get(m[1]!) ?? [];
    if (!vals.includes(m[2]!)) vals.push(m[2]!);
    out.set(m[1]!, vals);
  }
  return out;
}

/** `go tool compile -d help`: lines "\tkey<spaces>\thelp", continuation lines have an empty key. */
export function parseCompileDebugHelp(text: string): Array<{ name: string; help: string }> {
  const keys: Array<{ name: string; help: string }> = [];
  for (const line of text.split('\n')) {
    const m = /^\t(\S+)\s*\t(.*)$/.exec(line);
    if (m) keys.push({ name: m[1]!, help: m[2]!.trim() });
    else if (/^\t\s+\t/.test(line) && keys.length > 0) keys[keys.length - 1]!.help += ` ${line.trim()}`;
  }
  return keys;
}
