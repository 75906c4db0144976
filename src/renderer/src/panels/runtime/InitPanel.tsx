// The init view: a waterfall of package inits on the clock (start @ms, width = clock time) and a
// table sortable by clock time, bytes or allocations (inittrace).
import { useState } from 'react';
import type { InitEvent } from '../../../../shared/api';
import type { TraceSession } from './store';

type SortKey = 'atMs' | 'clockMs' | 'bytes' | 'allocs';

export function InitPanel({ session }: { session: TraceSession }) {
  const [sort, setSort] = useState<SortKey>('clockMs');
  const inits = session.init;
  if (inits.length === 0) return <div className="muted rt-panel">No inittrace lines yet (profile "Init cost": inittrace=1).</div>;
  const end = Math.max(...inits.map((e) => e.atMs + e.clockMs), 1e-6);
  const total = inits.reduce((a, e) => a + e.clockMs, 0);
  const sorted = [...inits].sort((a, b) => b[sort] - a[sort]);
  const head = (k: SortKey, label: string) => (
    <th>
      <button className={`link${sort === k ? ' active' : ''}`} onClick={() => setSort(k)}>
        {label}
      </button>
    </th>
  );
  const rowH = 14;
  return (
    <div className="rt-panel" data-testid="init-panel">
      <div className="rt-summary">
        {inits.length} package inits · {total.toFixed(3)} ms clock in total · {inits.reduce((a, e) => a + e.allocs, 0)} allocs
      </div>
      <svg className="waterfall" viewBox={`0 0 800 ${inits.length * rowH + 4}`} style={{ height: Math.min(inits.length * rowH + 4, 400) }} preserveAspectRatio="none" role="img" aria-label="init waterfall">
        {inits.map((e: InitEvent, i) => (
          <g key={e.seq}>
            <rect x={(e.atMs / end) * 600 + 190} y={i * rowH + 2} width={Math.max(1, (e.clockMs / end) * 600)} height={rowH - 3} fill={e.clockMs > total / inits.length ? '#e5b045' : '#4fa3ff'}>
              <title>{`${e.pkg}: @${e.atMs} ms, ${e.clockMs} ms clock, ${e.bytes} bytes, ${e.allocs} allocs`}</title>
            </rect>
            <text x={186} y={i * rowH + 12} textAnchor="end" className="tick">
              {e.pkg.length > 32 ? `…${e.pkg.slice(-31)}` : e.pkg}
            </text>
          </g>
        ))}
      </svg>
      <table className="rt-table" data-testid="init-table">
        <thead>
          <tr>
            <th>package</th>
            {head('atMs', '@ ms')}
            {head('clockMs', 'clock ms')}
            {head('bytes', 'bytes')}
            {head('allocs', 'allocs')}
          </tr>
        </thead>
        <tbody>
          {sorted.map((e) => (
            <tr key={e.seq}>
              <td>{e.pkg}</td>
              <td>{e.atMs}</td>
              <td>{e.clockMs}</td>
              <td>{e.bytes}</td>
              <td>{e.allocs}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
