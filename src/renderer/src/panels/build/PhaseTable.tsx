// Per-package compiler phase times from -gcflags=-bench, sortable by any phase; slowest first.
import { useMemo, useState } from 'react';
import type { PackagePhases } from '../../../../shared/api';
import { ms } from './format';

const PHASES = ['fe:parse', 'fe:loadsys', 'fe:init', 'fe:devirtualize-and-inline', 'fe:escapes', 'be:compilefuncs', 'be:dumpobj'];

export function PhaseTable({ phases, cached }: { phases: PackagePhases[]; cached: string[] }) {
  const [sortBy, setSortBy] = useState('total');
  const rows = useMemo(() => {
    const val = (p: PackagePhases) => (sortBy === 'total' ? p.totalNs : (p.phases.find((x) => x.phase === sortBy)?.ns ?? 0));
    return [...phases].sort((a, b) => val(b) - val(a));
  }, [phases, sortBy]);
  // The slowest phase overall, so the eye lands on it.
  const slowest = useMemo(() => {
    const sums = new Map<string, number>();
    for (const p of phases) for (const x of p.phases) if (!x.phase.endsWith('subtotal')) sums.set(x.phase, (sums.get(x.phase) ?? 0) + x.ns);
    return [...sums.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  }, [phases]);
  if (phases.length === 0) {
    return (
      <p className="muted">
        No compiler phase times in this run: the profile did not capture them, or every package came from the cache
        {cached.length > 0 ? ` (${cached.length} cached packages)` : ''}. Use a private cache or -a for complete phase times.
      </p>
    );
  }
  return (
    // Scrolls sideways in its own box when its columns do not fit: the rest of the view stays put.
    <div className="table-scroll">
    <table className="data-table phase-table" data-testid="phase-table">
      <thead>
        <tr>
          <th>package</th>
          {['total', ...PHASES].map((p) => (
            <th key={p} className={`num sortable ${sortBy === p ? 'sorted' : ''} ${p === slowest ? 'hot' : ''}`} onClick={() => setSortBy(p)}>
              {/* A break after ':' and '-' lets a long phase name take two lines rather than widen the table. */}
              {p.replace(/([:-])/g, '$1\u200b')}
              {sortBy === p ? ' ▼' : ''}
            </th>
          ))}
          <th className="num">lines</th>
          <th className="num">funcs</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.package} data-testid="phase-row">
            <td className="pkg" title={p.package}>
              {p.package}
            </td>
            <td className="num">{ms(p.totalNs / 1e6)}</td>
            {PHASES.map((ph) => (
              <td key={ph} className="num">
                {ms((p.phases.find((x) => x.phase === ph)?.ns ?? 0) / 1e6)}
              </td>
            ))}
            <td className="num">{p.lines ?? ''}</td>
            <td className="num">{p.funcs ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
