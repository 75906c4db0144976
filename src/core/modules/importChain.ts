// "Why is this package in my build?": the import chain from the main package to any package, from
// `go list -deps -json=ImportPath,Imports,...`, by breadth-first search (so the chain is a shortest one).
import { parseJsonStream } from '../jsonStream';

export interface DepPackage {
  importPath: string;
  imports: string[];
  module?: string;
  standard: boolean;
  /** False for the packages named on the command line (the roots). */
  depOnly: boolean;
}

export function parseGoListDeps(text: string): DepPackage[] {
  const out: DepPackage[] = [];
  for (const v of parseJsonStream(text).values) {
    if (!v || typeof v !== 'object') continue;
    const p = v as { ImportPath?: unknown; Imports?: unknown; Module?: { Path?: unknown }; Standard?: unknown; DepOnly?: unknown };
    if (typeof p.ImportPath !== 'string') continue;
    const pkg: DepPackage = {
      importPath: p.ImportPath,
      imports: Array.isArray(p.Imports) ? p.Imports.filter((i): i is string => typeof i === 'string') : [],
      standard: p.Standard === true,
      depOnly: p.DepOnly === true,
    };
    if (typeof p.Module?.Path === 'string') pkg.module = p.Module.Path;
    out.push(pkg);
  }
  return out;
}

/** The shortest chain of imports from `from` to `to` (both included), or null when `to` is not reached. */
export function findImportChain(pkgs: DepPackage[], from: string, to: string): string[] | null {
  const byPath = new Map(pkgs.map((p) => [p.importPath, p]));
  if (!byPath.has(from)) return null;
  const prev = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const cur = queue.shift()!;
    if (cur === to) {
      const chain: string[] = [];
      for (let n: string | null = cur; n !== null; n = prev.get(n) ?? null) chain.unshift(n);
      return chain;
    }
    for (const next of byPath.get(cur)?.imports ?? []) {
      if (!prev.has(next)) {
        prev.set(next, cur);
        queue.push(next);
      }
    }
  }
  return null;
}
