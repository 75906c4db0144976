// Build timing diff from two runs' -bench lines: per package, per compiler phase (summed over the
// packages both sides compiled) and per package × phase. Subtotal rows are left out (they repeat).
import type { PackagePhases } from '../../shared/build';
import type { TimingDiff, TimingRow } from '../../shared/compare';

export function timingRow(name: string, aNs: number | null, bNs: number | null): TimingRow {
  const both = aNs !== null && bNs !== null;
  return { name, aNs, bNs, deltaNs: both ? bNs - aNs : null, ratio: both && aNs > 0 ? bNs / aNs : null };
}

const isSubtotal = (phase: string) => phase.endsWith('subtotal');

/** Rows sorted by the size of the change (rows on one side only last, by their time). */
function byChange(rows: TimingRow[]): TimingRow[] {
  return rows.sort(
    (x, y) =>
      Number(x.deltaNs === null) - Number(y.deltaNs === null) ||
      Math.abs(y.deltaNs ?? 0) - Math.abs(x.deltaNs ?? 0) ||
      (y.aNs ?? y.bNs ?? 0) - (x.aNs ?? x.bNs ?? 0) ||
      x.name.localeCompare(y.name),
  );
}

export interface TimingSide {
  /** null: the run did not capture -bench (say why in notes). */
  phases: PackagePhases[] | null;
  wallMs: number | null;
}

export function diffTiming(a: TimingSide, b: TimingSide, notes: string[] = []): TimingDiff {
  const pa = new Map((a.phases ?? []).map((p) => [p.package, p]));
  const pb = new Map((b.phases ?? []).map((p) => [p.package, p]));
  const names = [...new Set([...pa.keys(), ...pb.keys()])];
  const packages = byChange(names.map((n) => timingRow(n, pa.get(n)?.totalNs ?? null, pb.get(n)?.totalNs ?? null)));
  const phaseSum = new Map<string, { a: number; b: number }>();
  const packagePhases: TimingDiff['packagePhases'] = [];
  for (const name of names) {
    const x = pa.get(name);
    const y = pb.get(name);
    const xa = new Map((x?.phases ?? []).filter((p) => !isSubtotal(p.phase)).map((p) => [p.phase, p.ns]));
    const yb = new Map((y?.phases ?? []).filter((p) => !isSubtotal(p.phase)).map((p) => [p.phase, p.ns]));
    const phaseNames = [...new Set([...xa.keys(), ...yb.keys()])];
    packagePhases.push({ package: name, phases: phaseNames.map((ph) => timingRow(ph, xa.get(ph) ?? null, yb.get(ph) ?? null)) });
    // A phase total only means something over the same packages: one compiled on one side only is left out.
    if (!x || !y) continue;
    for (const ph of phaseNames) {
      const s = phaseSum.get(ph) ?? { a: 0, b: 0 };
      s.a += xa.get(ph) ?? 0;
      s.b += yb.get(ph) ?? 0;
      phaseSum.set(ph, s);
    }
  }
  const phases = [...phaseSum].map(([ph, s]) => timingRow(ph, s.a, s.b));
  // Totals over the packages both sides compiled, like the phase sums: a package one side had from the
  // cache would otherwise read as a speed-up (or slow-down) of the whole build.
  const sum = (m: Map<string, PackagePhases>, other: Map<string, PackagePhases>) =>
    [...m].reduce((n, [name, p]) => (other.has(name) ? n + p.totalNs : n), 0);
  return {
    a: a.phases !== null && a.phases.length > 0,
    b: b.phases !== null && b.phases.length > 0,
    notes,
    totalA: sum(pa, pb),
    totalB: sum(pb, pa),
    wallA: a.wallMs,
    wallB: b.wallMs,
    packages,
    phases,
    packagePhases,
  };
}
