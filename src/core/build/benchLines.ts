// Parses the compiler's -bench file: per compile, a 3-line header (commit, goos, goarch) then lines
// `BenchmarkCompile:<pkg>:<phase labels>  1  N ns/op  P %  [N lines  N lines/s | N funcs  N funcs/s]`.
// Columns are padded per compile, so lines are split on runs of whitespace.
import type { PackagePhases } from '../../shared/build';

export interface BenchResult {
  packages: PackagePhases[];
  /** Lines that looked like benchmark lines but could not be read. */
  badLines: number;
}

export function parseCompileBench(text: string): BenchResult {
  const byPkg = new Map<string, PackagePhases>();
  /** Per package path: its latest compile and the phases that compile has had so far. */
  const latest = new Map<string, { p: PackagePhases; seen: Set<string>; copies: number }>();
  let badLines = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('BenchmarkCompile:')) continue;
    const cols = line.split(/\s+/);
    const label = cols[0]!.slice('BenchmarkCompile:'.length);
    const ns = Number(cols[2]);
    const percent = Number(cols[4]);
    // The package path has no ':'; the phase is everything after it (fe:parse, be:subtotal, total).
    const colon = label.indexOf(':');
    if (colon <= 0 || cols[3] !== 'ns/op' || !Number.isFinite(ns)) {
      badLines++;
      continue;
    }
    const pkg = label.slice(0, colon);
    const phase = label.slice(colon + 1);
    // The same path compiled twice (a package and its test variant) starts again at its first phase:
    // a phase its latest compile has had already begins the next one.
    let cur = latest.get(pkg);
    if (!cur || cur.seen.has(phase)) {
      const copies = (cur?.copies ?? 0) + 1;
      const key = copies === 1 ? pkg : `${pkg} (${copies})`;
      cur = { p: { package: key, totalNs: 0, phases: [] }, seen: new Set(), copies };
      latest.set(pkg, cur);
      byPkg.set(key, cur.p);
    }
    cur.seen.add(phase);
    const p = cur.p;
    if (phase === 'total') {
      p.totalNs = ns;
      continue;
    }
    p.phases.push({ phase, ns, percent: Number.isFinite(percent) ? percent : 0 });
    const evCount = Number(cols[6]);
    if (cols[7] === 'lines' && Number.isFinite(evCount)) p.lines = evCount;
    if (cols[7] === 'funcs' && Number.isFinite(evCount)) p.funcs = evCount;
  }
  for (const p of byPkg.values()) {
    // A file cut short before the total line: sum the subtotals instead.
    if (p.totalNs === 0) p.totalNs = p.phases.filter((x) => x.phase.endsWith('subtotal')).reduce((s, x) => s + x.ns, 0);
  }
  return { packages: [...byPkg.values()], badLines };
}
