// The linker's reachability graph (`go build -ldflags=-dumpdep`): one `from -> to` line each time its
// dead-code pass marks a symbol live, `_ -> X` for a root (the entry point, runtime.unreachableMethod,
// go:main.inittasks), ` <UsedInIface>` / ` <ReflectMethod>` after a name the linker flagged. Every
// symbol is marked once, so the lines form a tree: a symbol's chain is its parents up to a root, the
// chain through which the linker reached it. Read line by line into interned ids (millions of lines for
// a large program); a `# importpath` line starts the graph of another binary.

/** The symbol stands for the linker's root marker (`_`) or an unnamed parent. */
const NO_PARENT = -1;
const UNNAMED = -2;

export const FLAG_USED_IN_IFACE = 1;
export const FLAG_REFLECT_METHOD = 2;
/** The symbol was the `to` of a line already: the first line is how the linker reached it. */
const FLAG_MARKED = 4;

/** One linked binary's graph: symbol ids with their parent, flags and (lazily) depth. */
export class ReachGraph {
  readonly names: string[] = [];
  readonly ids = new Map<string, number>();
  /** Parent id per symbol: NO_PARENT for a root, UNNAMED when the linker printed an empty parent. */
  parent: Int32Array = new Int32Array(1024).fill(NO_PARENT);
  flags: Uint8Array = new Uint8Array(1024);
  edges = 0;

  constructor(readonly binaryPackage: string) {}

  intern(name: string): number {
    let id = this.ids.get(name);
    if (id !== undefined) return id;
    id = this.names.length;
    // A copy of its own: a name sliced from a line (or from the reader's whole chunk) would keep that
    // alive. Slicing a concatenation flattens it into a new string first (V8), so this copies the name
    // (JSON.parse of it would hold less, 1.2× the file for gopls against 1.9×, but reads 2× slower).
    const own = (' ' + name).slice(1);
    this.names.push(own);
    this.ids.set(own, id);
    if (id >= this.parent.length) {
      const p = new Int32Array(this.parent.length * 2);
      p.set(this.parent);
      p.fill(NO_PARENT, this.parent.length);
      const f = new Uint8Array(this.flags.length * 2);
      f.set(this.flags);
      this.parent = p;
      this.flags = f;
    }
    return id;
  }

  isRoot(id: number): boolean {
    return this.parent[id] === NO_PARENT;
  }

  /** The chain of ids from a root to `id` (both included). */
  chainTo(id: number): number[] {
    const chain: number[] = [];
    for (let n = id; n >= 0 && chain.length <= this.names.length; n = this.parent[n]!) chain.push(n);
    return chain.reverse();
  }

  /** Steps from a root: the number of parents above `id`. */
  depth(id: number): number {
    let d = 0;
    for (let n = this.parent[id]!; n >= 0 && d <= this.names.length; n = this.parent[n]!) d++;
    return d;
  }

  /** True when the chain starts at a symbol the linker printed with no name (debug info, not code). */
  unnamedRoot(id: number): boolean {
    const chain = this.chainTo(id);
    return this.parent[chain[0]!] === UNNAMED;
  }
}

/** Splits a name the linker printed into the symbol and its flags. */
export function splitFlags(printed: string): { name: string; flags: number } {
  let name = printed;
  let flags = 0;
  for (;;) {
    if (name.endsWith('<UsedInIface>')) {
      flags |= FLAG_USED_IN_IFACE;
      name = name.slice(0, -'<UsedInIface>'.length);
    } else if (name.endsWith('<ReflectMethod>')) {
      flags |= FLAG_REFLECT_METHOD;
      name = name.slice(0, -'<ReflectMethod>'.length);
    } else break;
  }
  return { name: flags ? name.replace(/ $/, '') : name, flags };
}

/** Reads -dumpdep output line by line; `graphs()` returns one graph per `# importpath` header. */
export class ReachGraphReader {
  private readonly done: ReachGraph[] = [];
  private current: ReachGraph | null = null;
  /** Lines that were neither a header nor an edge. */
  otherLines = 0;

  line(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('# ')) {
      this.current = new ReachGraph(line.slice(2).trim());
      this.done.push(this.current);
      return;
    }
    const arrow = line.indexOf(' -> ');
    if (arrow < 0) {
      if (line.trim()) this.otherLines++;
      return;
    }
    if (!this.current) {
      this.current = new ReachGraph('');
      this.done.push(this.current);
    }
    const g = this.current;
    const from = line.slice(0, arrow);
    const to = splitFlags(line.slice(arrow + 4));
    if (!to.name) return;
    const toId = g.intern(to.name);
    g.edges++;
    // Compiler helper symbols with the same content share one name (gclocals·…, some .stkobj), so a
    // name can be marked twice: the first line stands, or a later one could close a circle.
    const first = (g.flags[toId]! & FLAG_MARKED) === 0;
    g.flags[toId]! |= to.flags | FLAG_MARKED;
    if (!first || from === '_') return; // a root: its parent stays NO_PARENT
    if (from === '') {
      g.parent[toId] = UNNAMED;
      return;
    }
    const f = splitFlags(from);
    const fromId = g.intern(f.name);
    g.flags[fromId]! |= f.flags;
    if (fromId !== toId) g.parent[toId] = fromId;
  }

  graphs(): ReachGraph[] {
    return this.done;
  }
}

/** Parses a whole text (tests and small outputs; the service streams the file through ReachGraphReader). */
export function parseDumpDep(text: string): ReachGraph[] {
  const r = new ReachGraphReader();
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    r.line(text.slice(start, end));
    start = end + 1;
  }
  return r.graphs();
}

/** The graph of the binary named `binaryName` (the last element of its main package's path), or the only one. */
export function graphForBinary(graphs: ReachGraph[], binaryName: string): ReachGraph | undefined {
  if (graphs.length === 1) return graphs[0];
  const base = binaryName.replace(/\.(?:exe|test)$/, '');
  // The go command names a binary for its path's last element, or the one before a major version (m/v2 → m).
  const named = (pkg: string) => {
    const parts = pkg.split('/');
    return parts.length > 1 && /^v\d+$/.test(parts.at(-1)!) ? parts.at(-2) : parts.at(-1);
  };
  return graphs.find((g) => named(g.binaryPackage) === base) ?? graphs.find((g) => g.binaryPackage === base);
}
