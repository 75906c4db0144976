// Parses scavtrace=1 lines (runtime/mgcscavenge.go). go1.19 printed
// "scav N KiB work, N KiB total, N% util"; current releases split the work into background and eager.
import type { ScavEvent } from '../../shared/godebug';

const CURRENT_RE = /^scav (\d+) KiB work \(bg\), (\d+) KiB work \(eager\), (\d+) KiB now, (\d+)% util( \(forced\)| \[controller reset\])?$/;
const OLD_RE = /^scav (\d+) KiB work, (\d+) KiB total, (\d+)% util( \(forced\))?$/;

export const SCAV_START_RE = /scav \d+ KiB work/;

export function parseScavLine(line: string, seq: number): ScavEvent | null {
  let m = CURRENT_RE.exec(line);
  if (m) {
    return {
      kind: 'scav',
      seq,
      bgKiB: Number(m[1]),
      eagerKiB: Number(m[2]),
      retainedKiB: Number(m[3]),
      utilPercent: Number(m[4]),
      forced: m[5] === ' (forced)',
    };
  }
  m = OLD_RE.exec(line);
  if (m) {
    return {
      kind: 'scav',
      seq,
      workKiB: Number(m[1]),
      retainedKiB: Number(m[2]),
      utilPercent: Number(m[3]),
      forced: m[4] !== undefined,
    };
  }
  return null;
}
