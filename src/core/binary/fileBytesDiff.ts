// Compares the attribution of two files: the file size, each section's bytes, each package's bytes
// (symbols + pclntab + type data) and each unattributed part, the biggest change first.
import type { FileBytes } from '../../shared/contract/binaryBytes';
import type { SizeDelta } from './sizeDiff';

export interface FileBytesDiff {
  fileBefore: number;
  fileAfter: number;
  unattributedBefore: number;
  unattributedAfter: number;
  sections: SizeDelta[];
  /** By package: all its bytes in the file (symbols, pclntab share, type data). */
  packages: SizeDelta[];
  unattributed: SizeDelta[];
}

function deltas(a: Map<string, number>, b: Map<string, number>): SizeDelta[] {
  const out: SizeDelta[] = [];
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    const before = a.get(name) ?? 0;
    const after = b.get(name) ?? 0;
    if (before !== after) out.push({ name, before, after, delta: after - before });
  }
  return out.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.name.localeCompare(y.name));
}

const sum = <T>(rows: T[], name: (r: T) => string, size: (r: T) => number) => {
  const m = new Map<string, number>();
  for (const r of rows) m.set(name(r), (m.get(name(r)) ?? 0) + size(r));
  return m;
};

export function diffFileBytes(a: FileBytes, b: FileBytes): FileBytesDiff {
  const sections = (f: FileBytes) => sum(f.sections, (s) => s.name, (s) => s.size);
  const packages = (f: FileBytes) => sum(f.packages, (p) => p.package, (p) => p.total);
  const rest = (f: FileBytes) => sum(f.unattributedParts, (u) => u.name, (u) => u.size);
  return {
    fileBefore: a.fileSize,
    fileAfter: b.fileSize,
    unattributedBefore: a.unattributed,
    unattributedAfter: b.unattributed,
    sections: deltas(sections(a), sections(b)),
    packages: deltas(packages(a), packages(b)),
    unattributed: deltas(rest(a), rest(b)),
  };
}
