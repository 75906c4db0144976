// Groups nm's symbols into a size breakdown: binary → module → package → symbol. Every file byte nm
// reports lands in exactly one leaf; memory-only symbols (.bss) are summed apart, never in the tree.
import type { BuildInfo, NmSymbol, SizeNode } from '../../shared/contract/binaryTypes';
import { moduleOfPackage, symbolPackage } from './symbolPackage';

export interface PackageSize {
  package: string;
  module: string;
  size: number;
  symbols: number;
}

export interface SizeBreakdown {
  tree: SizeNode;
  packages: PackageSize[];
  /** Sum of the sizes of symbols with bytes in the file (undefined and memory-only symbols excluded). */
  total: number;
  /** Symbols in .bss/.noptrbss, by package: memory at run time, nothing in the file. */
  memoryOnly: PackageSize[];
  memoryOnlyTotal: number;
}

/** Per package, the biggest symbols are leaves; the rest is one `rest` node so the tree stays small. */
const LEAVES_PER_PACKAGE = 40;

const bySize = (a: { size: number }, b: { size: number }) => b.size - a.size;

export function buildSizeBreakdown(symbols: NmSymbol[], info: BuildInfo | null, root = 'binary'): SizeBreakdown {
  const mainModule = info?.main?.path;
  const modules = (info?.deps ?? []).map((d) => d.path);
  const pkgs = new Map<string, { module: string; syms: NmSymbol[]; size: number }>();
  let total = 0;
  const memory = new Map<string, PackageSize>();
  let memoryOnlyTotal = 0;
  for (const s of symbols) {
    if (s.type === 'U' || s.size <= 0) continue;
    if (s.memoryOnly) {
      const pkg = symbolPackage(s.name);
      let m = memory.get(pkg);
      if (!m) memory.set(pkg, (m = { package: pkg, module: moduleOfPackage(pkg, mainModule, modules), size: 0, symbols: 0 }));
      m.size += s.size;
      m.symbols++;
      memoryOnlyTotal += s.size;
      continue;
    }
    total += s.size;
    const pkg = symbolPackage(s.name);
    let entry = pkgs.get(pkg);
    if (!entry) pkgs.set(pkg, (entry = { module: moduleOfPackage(pkg, mainModule, modules), syms: [], size: 0 }));
    entry.syms.push(s);
    entry.size += s.size;
  }
  const byModule = new Map<string, SizeNode[]>();
  const packages: PackageSize[] = [];
  for (const [pkg, { module, syms, size }] of pkgs) {
    syms.sort(bySize);
    const leaves: SizeNode[] = syms.slice(0, LEAVES_PER_PACKAGE).map((s) => ({ name: s.name, kind: 'symbol', size: s.size }));
    const rest = syms.slice(LEAVES_PER_PACKAGE);
    if (rest.length > 0) {
      leaves.push({ name: `(${rest.length} smaller symbols)`, kind: 'rest', size: rest.reduce((n, s) => n + s.size, 0) });
    }
    const list = byModule.get(module) ?? [];
    list.push({ name: pkg, kind: 'package', size, children: leaves });
    byModule.set(module, list);
    packages.push({ package: pkg, module, size, symbols: syms.length });
  }
  const children: SizeNode[] = [...byModule].map(([name, list]) => ({
    name,
    kind: 'module',
    size: list.reduce((n, p) => n + p.size, 0),
    children: list.sort(bySize),
  }));
  return {
    tree: { name: root, kind: 'root', size: total, children: children.sort(bySize) },
    packages: packages.sort(bySize),
    total,
    memoryOnly: [...memory.values()].sort(bySize),
    memoryOnlyTotal,
  };
}
