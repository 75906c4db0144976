// "Why is this in my binary?" over one -dumpdep graph: the chain from a root to a symbol, or to the
// symbol of a package nearest a root, and the usual culprits on it (reflection keeping methods, interface
// method tables, package initialisers, //go:linkname, fmt pulling in reflect).
import type { BinaryWhy, WhyCulprit } from '../../shared/contract/binaryWhy';
import { FLAG_REFLECT_METHOD, FLAG_USED_IN_IFACE, type ReachGraph } from './reachability';
import { symbolPackage } from './symbolPackage';

/** Helper symbols the compiler attaches to a function (their names can be shared across packages). */
const AUX = /\.(?:stkobj|arginfo\d*|argliveinfo|opendefer|wrapinfo)$|·f$|^gclocals·/;

const REFLECT_METHOD_CALL = /^reflect\.(?:Value\.(?:Method|MethodByName)|\(\*rtype\)\.(?:Method|MethodByName))$/;
const INIT = /(?:^go:main\.inittasks$|\.\.inittask$|\.init(?:\.\d+)*$)/;

export type WhyAnswer = { ok: true; why: Omit<BinaryWhy, 'packageImportChain' | 'sources'> } | { ok: false; message: string };

/** The symbol `target` names: exact, without the linker's flags, or the only symbol ending in `.target`. */
function resolveSymbol(g: ReachGraph, target: string): number | string[] {
  const exact = g.ids.get(target);
  if (exact !== undefined) return exact;
  const suffix = `.${target}`;
  const near: string[] = [];
  for (const n of g.names) if (n.endsWith(suffix) && !AUX.test(n)) near.push(n);
  if (near.length === 1) return g.ids.get(near[0]!)!;
  return near.slice(0, 8);
}

/**
 * The symbol of package `pkg` nearest a root (code and data the package owns; not its helper symbols).
 * One the program reaches from its entry point is preferred to one only package initialisation keeps
 * (a package's `..inittask` is always one step from the root and explains nothing of its code).
 */
function nearestOfPackage(g: ReachGraph, pkg: string): number | undefined {
  const inits = g.ids.get('go:main.inittasks');
  let best: number | undefined;
  let bestRank = Infinity;
  g.names.forEach((n, id) => {
    // A symbol of the package names its path: the cheap test first (symbolPackage reads every character).
    if (!n.includes(pkg) || AUX.test(n) || symbolPackage(n) !== pkg) return;
    const chain = g.chainTo(id);
    if (g.unnamedRoot(id)) return;
    const rank = chain.length + (chain[0] === inits || n.endsWith('..inittask') ? 1e9 : 0);
    if (rank < bestRank) {
      best = id;
      bestRank = rank;
    }
  });
  return best;
}

const isUnexportedFunc = (name: string, pkg: string) => {
  const rest = name.slice(pkg.length + 1);
  return /^[a-z_]/.test(rest) && !rest.includes('.');
};

/** The culprits on a chain of ids, in chain order, one per kind. */
export function culpritsOn(g: ReachGraph, chain: number[]): WhyCulprit[] {
  const out: WhyCulprit[] = [];
  // The first of each kind on the chain: the one nearest the root is the one to look at.
  const add = (c: WhyCulprit) => {
    if (!out.some((o) => o.kind === c.kind)) out.push(c);
  };
  let sawFmt = false;
  chain.forEach((id, i) => {
    const name = g.names[id]!;
    const flags = g.flags[id]!;
    const pkg = symbolPackage(name);
    if (flags & FLAG_REFLECT_METHOD) {
      add({ kind: 'reflect-method', symbol: name, text: `${name} calls reflect's Method or MethodByName: the linker then keeps every exported method of every type that can be converted to an interface.` });
    } else if (REFLECT_METHOD_CALL.test(name)) {
      add({ kind: 'reflect-method', symbol: name, text: `${name} looks methods up by index or name at run time: the linker keeps every exported method of types converted to interfaces.` });
    }
    if (name.startsWith('go:itab.')) {
      add({ kind: 'itab', symbol: name, text: `${name} is an interface method table: a ${name.slice(8).split(',')[0]} is used as a ${name.split(',')[1] ?? 'interface'}, so its methods for that interface are kept.` });
    }
    const prev = i > 0 ? chain[i - 1]! : -1;
    if (prev >= 0 && g.names[prev]!.startsWith('type:') && g.flags[prev]! & FLAG_USED_IN_IFACE && !name.startsWith('type:')) {
      add({ kind: 'interface-method', symbol: name, text: `${name} is a method of ${g.names[prev]!.slice(5)}, a type converted to an interface: the linker keeps the methods an interface call or reflection could reach.` });
    }
    if (INIT.test(name)) {
      add({ kind: 'init', symbol: name, text: `${name} is package initialisation: it runs because the package is imported, whether or not anything else of it is used.` });
    }
    if (pkg === 'fmt') sawFmt = true;
    else if (sawFmt && pkg === 'reflect') {
      add({ kind: 'fmt-reflection', symbol: name, text: `fmt formats values through reflection: using fmt brings ${name} and much of reflect with it.` });
    }
    if (prev >= 0) {
      const from = g.names[prev]!;
      const fromPkg = symbolPackage(from);
      // main.main is the runtime's own linkname (runtime.main_main): every program has it, it explains nothing.
      const plain = name !== 'main.main' && !name.includes(':') && !from.includes(':') && !fromPkg.startsWith('(') && !pkg.startsWith('(');
      if (plain && fromPkg !== pkg && pkg !== 'runtime' && !pkg.startsWith('internal/') && isUnexportedFunc(name, pkg)) {
        add({ kind: 'linkname', symbol: name, text: `${from} refers to ${name}, unexported in another package: that takes a //go:linkname.` });
      }
    }
  });
  return out;
}

/** Why `target` (a symbol or an import path) is in the binary this graph was recorded for. */
export function whyInGraph(g: ReachGraph, target: string): WhyAnswer {
  const t = target.trim();
  let kind: 'symbol' | 'package' = 'symbol';
  let id: number | undefined;
  const resolved = resolveSymbol(g, t);
  if (typeof resolved === 'number') id = resolved;
  else {
    id = nearestOfPackage(g, t);
    if (id !== undefined) kind = 'package';
    else if (resolved.length > 0) return { ok: false, message: `${t} names several symbols in the binary: ${resolved.join(', ')}${resolved.length === 8 ? ', …' : ''}. Give the full name.` };
    else return { ok: false, message: `${t} is not in the binary: no symbol or package of that name was kept by the linker (${g.names.length} symbols are).` };
  }
  const chain = g.chainTo(id);
  const steps = chain.slice(1).map((to, i) => ({ from: g.names[chain[i]!]!, to: g.names[to]! }));
  const root = g.names[chain[0]!]!;
  return {
    ok: true,
    why: { target: t, kind, symbol: g.names[id]!, root: g.isRoot(chain[0]!) ? root : `${root} (kept for debug information)`, chain: steps, culprits: culpritsOn(g, chain) },
  };
}
