// Memory figures for tests that check what a reader holds: the heap after full collections, and the
// process's peak RSS (Linux: VmHWM, which /proc/self/clear_refs resets to the RSS of now).
import { readFileSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** JS heap plus buffers outside it, after full collections: what stays. */
export function heldBytes(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

/** The peak RSS since the last reset, in bytes; `reset` first makes the RSS of now the peak (Linux only). */
export function peakRss(reset = false): number {
  if (reset) writeFileSync('/proc/self/clear_refs', '5');
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))![1]) * 1024;
}
