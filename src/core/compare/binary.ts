// Binary size diff of two builds that kept a binary: the symbols' sizes (go tool nm -size) compared by
// package and symbol with the Binary view's sizeDiff, and the whole files (sections, packages' file
// bytes, unattributed) when both sides were attributed.
import type { NmSymbol } from '../../shared/contract/binaryTypes';
import type { BinarySizeDiff } from '../../shared/compare';
import { diffSizes } from '../binary/sizeDiff';
import { diffFileBytes } from '../binary/fileBytesDiff';
import type { FileBytes } from '../../shared/contract/binaryBytes';

export interface BinarySide {
  /** The binary's name in the run (out/NAME); null when the run kept none. */
  name: string | null;
  fileSize?: number;
  symbols: NmSymbol[] | null;
  /** Every byte of the file attributed (null when the file could not be read that way: not ELF, damaged…). */
  bytes?: FileBytes | null;
}

export function diffBinaries(a: BinarySide, b: BinarySide, notes: string[] = [], maxSymbols = 500): BinarySizeDiff {
  const ok = (s: BinarySide) => s.name !== null && s.symbols !== null;
  const d = ok(a) && ok(b) ? diffSizes(a.symbols!, b.symbols!, maxSymbols) : { totalBefore: 0, totalAfter: 0, packages: [], symbols: [] };
  return {
    a: ok(a),
    b: ok(b),
    notes,
    ...(a.name ? { binaryA: a.name } : {}),
    ...(b.name ? { binaryB: b.name } : {}),
    ...(a.fileSize !== undefined ? { fileSizeA: a.fileSize } : {}),
    ...(b.fileSize !== undefined ? { fileSizeB: b.fileSize } : {}),
    ...d,
    ...(ok(a) && ok(b) && a.bytes && b.bytes ? { file: diffFileBytes(a.bytes, b.bytes) } : {}),
  };
}
