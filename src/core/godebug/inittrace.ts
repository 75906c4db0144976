// Parses inittrace=1 lines: "init net/http @1.3 ms, 0.039 ms clock, 4712 bytes, 49 allocs"
// (runtime/proc.go doInit; the same layout since go1.16). @ is ms since the runtime started.
import type { InitEvent } from '../../shared/godebug';

const INIT_RE = /^init (\S+) @(\d+(?:\.\d+)?) ms, (\d+(?:\.\d+)?) ms clock, (\d+) bytes, (\d+) allocs$/;
export const INIT_START_RE = /init \S+ @\d+(?:\.\d+)? ms, /;

export function parseInitLine(line: string, seq: number): InitEvent | null {
  const m = INIT_RE.exec(line);
  if (!m) return null;
  return {
    kind: 'init',
    seq,
    pkg: m[1]!,
    atMs: Number(m[2]),
    clockMs: Number(m[3]),
    bytes: Number(m[4]),
    allocs: Number(m[5]),
  };
}
