// Time-axis ticks for the build timeline: a 1-2-5 step that leaves room for each label, and labels in the
// unit of the step (µs, ms, s, min) with just the decimals the step needs, so zoomed-in ticks stay apart.

export interface Tick {
  ms: number;
  label: string;
}

const STEPS = [1, 2, 5];

/** The smallest 1-2-5 step (in ms) whose ticks are at least `minPx` apart at `pxPerMs`. */
export function tickStep(pxPerMs: number, minPx: number): number {
  const raw = minPx / Math.max(pxPerMs, 1e-12);
  let mag = 10 ** Math.floor(Math.log10(raw));
  for (;;) {
    for (const s of STEPS) if (s * mag >= raw) return s * mag;
    mag *= 10;
  }
}

/** A tick's label: minutes and seconds from a minute up, else seconds, ms or µs, precise to the step. */
export function tickLabel(ms: number, step: number): string {
  if (step >= 60_000 || (ms >= 60_000 && step >= 1000)) {
    const min = Math.floor(ms / 60_000);
    const sec = Math.round((ms - min * 60_000) / 1000);
    return sec === 0 ? `${min} min` : `${min} min ${sec} s`;
  }
  if (step >= 1000 || ms >= 1000) return `${trim(ms / 1000, decimals(step / 1000))} s`;
  if (step >= 1 || ms >= 1) return `${trim(ms, decimals(step))} ms`;
  return `${trim(ms * 1000, decimals(step * 1000))} µs`;
}

/** Ticks covering [from, to]. */
export function ticks(from: number, to: number, pxPerMs: number, minPx = 72): { step: number; ticks: Tick[] } {
  const step = tickStep(pxPerMs, minPx);
  const out: Tick[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to + step * 1e-9; t += step) {
    const v = Math.round(t / step) * step; // no drift from repeated addition
    out.push({ ms: v, label: tickLabel(v, step) });
  }
  return { step, ticks: out };
}

/** Decimals needed to tell ticks `step` apart (a step of 0.05 needs 2). */
function decimals(step: number): number {
  return step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
}

function trim(v: number, d: number): string {
  return v.toFixed(d);
}
