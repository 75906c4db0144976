// Parses `go tool nm -size [-sort size] BIN`: `  ADDRESS SIZE TYPE NAME`, where NAME may contain spaces
// (generic instantiations such as `slices.sortFunc[go.shape.struct { Key reflect.Value }]`).
import type { NmSymbol } from '../../shared/contract/binaryTypes';

// Undefined symbols have no address: nm prints spaces where it would be.
const LINE = /^\s*([0-9a-f]+)?\s+(\d+)\s([A-Za-z_])\s(.+)$/;

export function parseNm(text: string): NmSymbol[] {
  const out: NmSymbol[] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    out.push({ address: m[1] ? parseInt(m[1], 16) : 0, size: Number(m[2]), type: m[3]!, name: m[4]! });
  }
  return out;
}
