// The CFG of one phase, drawn as SVG by gopsy (no Graphviz). Click a block to jump to it.
import { useMemo } from 'react';
import type { SsaBlock } from '../../../../shared/ssa';
import { layoutCfg } from './cfgLayout';

export function CfgView({ blocks, onBlock, selected }: { blocks: SsaBlock[]; onBlock: (id: string) => void; selected: string | null }) {
  const { nodes, edges, width, height } = useMemo(() => layoutCfg(blocks), [blocks]);
  const at = new Map(nodes.map((n) => [n.id, n]));
  return (
    <div className="ssa-cfg" data-testid="ssa-cfg">
      <svg width={width} height={height} role="img" aria-label="control flow graph">
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
            <path d="M0,0 L10,5 L0,10 z" fill="#9aa4b2" />
          </marker>
        </defs>
        {edges.map((e, i) => {
          const a = at.get(e.from)!;
          const b = at.get(e.to)!;
          const x1 = a.x + a.w / 2;
          const y1 = a.y + a.h;
          const x2 = b.x + b.w / 2;
          const y2 = b.y;
          const d = e.side
            ? `M${a.x + a.w},${a.y + a.h / 2} C${a.x + a.w + 60},${a.y + a.h / 2} ${b.x + b.w + 60},${b.y + b.h / 2} ${b.x + b.w},${b.y + b.h / 2}`
            : `M${x1},${y1} C${x1},${y1 + 20} ${x2},${y2 - 20} ${x2},${y2}`;
          const cls = `cfg-edge${e.back ? ' back' : ''}${e.likely === true ? ' likely' : e.likely === false ? ' unlikely' : ''}`;
          return <path key={i} d={d} className={cls} markerEnd="url(#arrow)" data-edge={`${e.from}-${e.to}`} />;
        })}
        {nodes.map((n, i) => (
          <g key={n.id} className={`cfg-node${selected === n.id ? ' selected' : ''}${n.exit ? ' exit' : ''}${i === 0 ? ' entry' : ''}`} onClick={() => onBlock(n.id)} data-block={n.id}>
            <rect x={n.x} y={n.y} width={n.w} height={n.h} rx={5} />
            <text x={n.x + n.w / 2} y={n.y + 15} textAnchor="middle" className="cfg-id">
              {n.id}
            </text>
            <text x={n.x + n.w / 2} y={n.y + 29} textAnchor="middle" className="cfg-kind">
              {n.kind}
            </text>
          </g>
        ))}
      </svg>
      <div className="cfg-legend">solid: forward edge · dashed: back edge (loop) · bold green: likely · thin grey: unlikely · double border: entry / exit</div>
    </div>
  );
}
