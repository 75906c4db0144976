// Sizes as people read them, the same in the workbench, the CLI and messages from the backend. Each
// form has its use: a size in the unit that fits; the Binary view's (two decimals in MiB, so builds of
// one binary can be told apart: docs/real-modules.md shows one); KiB throughout in tables of sizes
// compared line by line (binary and compare diffs); whole MiB in messages about files too large to read.

const KiB = 1024;
const MiB = 1024 * 1024;

/** `512 B`, `1.5 KiB`, `3.2 MiB`, … up to TiB, one decimal. */
export function formatBytes(n: number): string {
  if (n < KiB) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / KiB;
  let i = 0;
  while (v >= KiB && i < units.length - 1) {
    v /= KiB;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

/** The Binary view's sizes: `512 B`, `1.5 KiB`, then MiB with two decimals (no larger unit). */
export function formatBytesFine(n: number): string {
  if (n < KiB) return `${n} B`;
  if (n < MiB) return `${(n / KiB).toFixed(1)} KiB`;
  return `${(n / MiB).toFixed(2)} MiB`;
}

/** Whole MiB for messages about files too large to read (`300 MiB`); under 1 MiB, the bytes. */
export function formatMiB(n: number): string {
  const mib = n / MiB;
  return mib >= 1 ? `${Math.round(mib)} MiB` : `${n} bytes`;
}

/** Always in KiB, one decimal: `0.5 KiB`, `2048.0 KiB`. */
export function formatKiB(n: number): string {
  return `${(n / KiB).toFixed(1)} KiB`;
}

/**
 * A change in size in KiB with its sign (`+1.5 KiB`, `−0.3 KiB`, `0.0 KiB`). The workbench uses the
 * typographic minus; terminal text passes '-'.
 */
export function signedKiB(n: number, minus: '−' | '-' = '−'): string {
  return `${n > 0 ? '+' : n < 0 ? minus : ''}${formatKiB(Math.abs(n))}`;
}
