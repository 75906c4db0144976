// Phases in compiler order; merged columns list the passes that changed nothing, with timings.
import { useState } from 'react';
import type { SsaPhaseSummary } from '../../../../shared/contract/ssa';

interface Props {
  phases: SsaPhaseSummary[];
  current: number;
  diffBase: number | null;
  onPick: (i: number) => void;
  onDiffBase: (i: number | null) => void;
}

export function PhaseList({ phases, current, diffBase, onPick, onDiffBase }: Props) {
  const [filter, setFilter] = useState('');
  const f = filter.toLowerCase();
  return (
    <div className="ssa-phases" data-testid="ssa-phases">
      <input placeholder="filter passes" value={filter} onChange={(e) => setFilter(e.target.value)} />
      {phases
        .filter((p) => !f || p.passes.some((x) => x.toLowerCase().includes(f)))
        .map((p) => {
          const ns = p.timings.reduce<number>((a, t) => a + (t ?? 0), 0);
          return (
            <div
              key={p.index}
              className={`ssa-phase${p.index === current ? ' current' : ''}${p.unchanged ? ' unchanged' : ''}${p.index === diffBase ? ' diff-base' : ''}`}
              onClick={() => onPick(p.index)}
              onContextMenu={(e) => (e.preventDefault(), onDiffBase(p.index === diffBase ? null : p.index))}
              title={`${p.blocks} reachable blocks, ${p.values} live values${p.deadBlocks || p.deadValues ? ` (and ${p.deadBlocks} dead blocks, ${p.deadValues} dead values)` : ''}${ns ? `, ${ns} ns` : ''}${p.passes.length > 1 ? `\nunchanged: ${p.passes.slice(0, -1).join(', ')}` : ''}\nright-click: diff against this phase`}
              data-phase={p.name}
            >
              {p.passes.length > 1 && <span className="muted">{p.passes.slice(0, -1).join(' + ')} + </span>}
              <span>{p.passes[p.passes.length - 1]}</span>
              {p.unchanged && <span className="tag">no change</span>}
              {p.partial && <span className="tag warn">partial</span>}
              {ns > 0 && <span className="muted ns"> {ns >= 1e6 ? `${(ns / 1e6).toFixed(1)} ms` : `${(ns / 1e3).toFixed(0)} µs`}</span>}
            </div>
          );
        })}
    </div>
  );
}
