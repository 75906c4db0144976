// The size breakdown as a squarified treemap in SVG: one level at a time, click a module or package
// to go into it, the breadcrumb to go back; a symbol click is handed to the view (disassembly).
import { useMemo, useState } from 'react';
import type { SizeNode } from '../../../../shared/contract/binaryTypes';
import { squarify } from '../../../../core/binary/treemap';
import { formatBytes } from './format';

const W = 900;
const H = 420;
const COLORS: Record<SizeNode['kind'], string> = {
  root: '#3a3d46',
  module: '#2f5d8a',
  package: '#3d6f4f',
  symbol: '#6a4f8a',
  rest: '#4a4c55',
};

interface Props {
  root: SizeNode;
  onSymbol: (name: string) => void;
}

export function Treemap({ root, onSymbol }: Props) {
  const [path, setPath] = useState<SizeNode[]>([root]);
  const current = path[path.length - 1]!;
  const children = useMemo(() => current.children ?? [], [current]);
  const rects = useMemo(() => squarify(children.map((c) => c.size), { x: 0, y: 0, w: W, h: H }), [children]);

  const open = (node: SizeNode) => {
    if (node.children?.length) setPath([...path, node]);
    else if (node.kind === 'symbol') onSymbol(node.name);
  };

  return (
    <div className="treemap" data-testid="treemap">
      <div className="breadcrumb" data-testid="treemap-breadcrumb">
        {path.map((n, i) => (
          <span key={i}>
            {i > 0 && ' › '}
            <button className="link-button" disabled={i === path.length - 1} onClick={() => setPath(path.slice(0, i + 1))}>
              {n.name}
            </button>
          </span>
        ))}
        <span className="muted"> — {formatBytes(current.size)}</span>
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={`Size of ${current.name}`}>
        {children.map((c, i) => {
          const r = rects[i]!;
          if (r.w < 0.5 || r.h < 0.5) return null;
          const label = r.w > 60 && r.h > 16;
          return (
            <g key={c.name + i} className={`tm-cell kind-${c.kind}`} data-name={c.name} onClick={() => open(c)}>
              <title>{`${c.name}\n${formatBytes(c.size)} (${((100 * c.size) / Math.max(1, current.size)).toFixed(1)}%)`}</title>
              <rect x={r.x} y={r.y} width={r.w} height={r.h} fill={COLORS[c.kind]} stroke="#1e1f24" strokeWidth={1} />
              {label && (
                <text x={r.x + 4} y={r.y + 13} fontSize={11} fill="#e8e8ee">
                  {c.name.length * 6.2 > r.w - 8 ? c.name.slice(0, Math.max(1, Math.floor((r.w - 8) / 6.2) - 1)) + '…' : c.name}
                </text>
              )}
              {label && r.h > 30 && (
                <text x={r.x + 4} y={r.y + 26} fontSize={10} fill="#b8bac4">
                  {formatBytes(c.size)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
