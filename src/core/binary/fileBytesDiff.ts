// Compares the attribution of two files: the file size, each section's bytes, each package's bytes
// (symbols + pclntab + type data) and each unattributed part, the biggest change first.
import type { FileBytes, FileBytesDiff } from '../../shared/contract/binaryBytes';
import { deltas } from './sizeDiff';

export type { FileBytesDiff };

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
