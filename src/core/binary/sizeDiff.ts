// Compares the file bytes of two binaries' symbols: which packages and symbols grew or shrank
// (memory-only symbols, in .bss, take no file space and are left out).
import type { NmSymbol } from '../../shared/contract/binaryTypes';
import { symbolPackage } from './symbolPackage';

export interface SizeDelta {
  name: string;
  before: number;
  after: number;
  delta: number;
}

export interface SizeDiff {
  totalBefore: number;
  totalAfter: number;
  packages: SizeDelta[];
  /** Symbols whose size changed, appeared or disappeared, the biggest change first. */
  symbols: Array<SizeDelta & { package: string }>;
}

/** Symbols with bytes in the file: memory-only ones (.bss) would make a binary look bigger than it is. */
const inFile = (s: NmSymbol) => s.type !== 'U' && s.size > 0 && !s.memoryOnly;

function sizes(symbols: NmSymbol[], key: (s: NmSymbol) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of symbols) if (inFile(s)) m.set(key(s), (m.get(key(s)) ?? 0) + s.size);
  return m;
}

/** The entries whose size differs between `a` and `b`, the biggest change first. */
export function deltas(a: Map<string, number>, b: Map<string, number>): SizeDelta[] {
  const out: SizeDelta[] = [];
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    const before = a.get(name) ?? 0;
    const after = b.get(name) ?? 0;
    if (before !== after) out.push({ name, before, after, delta: after - before });
  }
  return out.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.name.localeCompare(y.name));
}

export function diffSizes(before: NmSymbol[], after: NmSymbol[], maxSymbols = 500): SizeDiff {
  const total = (syms: NmSymbol[]) => syms.reduce((n, s) => n + (inFile(s) ? s.size : 0), 0);
  return {
    totalBefore: total(before),
    totalAfter: total(after),
    packages: deltas(sizes(before, (s) => symbolPackage(s.name)), sizes(after, (s) => symbolPackage(s.name))),
    symbols: deltas(sizes(before, (s) => s.name), sizes(after, (s) => s.name))
      .slice(0, maxSymbols)
      .map((d) => ({ ...d, package: symbolPackage(d.name) })),
  };
}
