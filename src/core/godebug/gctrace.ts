// Parses gctrace=1 lines (runtime/mgc.go) and gcpacertrace lines. The stacks and globals figures
// appeared in go1.18; older layouts end the heap part at "MB goal", so both are optional.
import type { GcEvent } from '../../shared/godebug';

const GC_RE =
  /^gc (\d+) @(\d+(?:\.\d+)?)s (\d+)%(?: \(([^)]*)\))?: ([\d.+]+) ms clock, ([\d.+/]+) ms cpu, (\d+)->(\d+)->(\d+) MB, (\d+) MB goal(?:, (\d+) MB stacks)?(?:, (\d+) MB globals)?, (\d+) P( \(forced\))?$/;

/** Where a gctrace line starts inside a longer line (program output glued in front of it). */
export const GC_START_RE = /gc \d+ @\d/;

export function parseGcLine(line: string, seq: number): GcEvent | null {
  const m = GC_RE.exec(line);
  if (!m) return null;
  const nums = (s: string) => s.split(/[+/]/).map(Number);
  const clockMs = nums(m[5]!);
  const cpuMs = nums(m[6]!);
  if (clockMs.some(Number.isNaN) || cpuMs.some(Number.isNaN)) return null;
  const ev: GcEvent = {
    kind: 'gc',
    seq,
    n: Number(m[1]),
    atSec: Number(m[2]),
    cpuPercent: Number(m[3]),
    clockMs,
    cpuMs,
    heapStartMB: Number(m[7]),
    heapEndMB: Number(m[8]),
    liveMB: Number(m[9]),
    goalMB: Number(m[10]),
    procs: Number(m[13]),
    forced: m[14] !== undefined,
  };
  if (m[4] !== undefined) ev.note = m[4];
  if (m[11] !== undefined) ev.stacksMB = Number(m[11]);
  if (m[12] !== undefined) ev.globalsMB = Number(m[12]);
  return ev;
}

/** Total stop-the-world time of a cycle: sweep termination + mark termination (wall clock). */
export function gcPauseMs(ev: GcEvent): number {
  return (ev.clockMs[0] ?? 0) + (ev.clockMs[ev.clockMs.length - 1] ?? 0);
}

/** gcpacertrace=1 lines all start with "pacer: "; their layout changed often, so they stay text. */
export function isPacerLine(line: string): boolean {
  return line.startsWith('pacer: ');
}
