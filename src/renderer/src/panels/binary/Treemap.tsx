// The size breakdown as a squarified treemap in SVG, two levels deep: each cell shows its biggest
// children inside it. Click a cell to go into it, the breadcrumb to go back; a click on a symbol is
// handed to the view (disassembly); a right click on a package or symbol opens its detail line with "Why is
// this here?" (the view's Why panel), as does the breadcrumb when a package is open. The SVG is laid out in the pixels it has, so text is never stretched.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SizeNode } from '../../../../shared/contract/binaryTypes';
import { squarify, type Rect } from '../../../../core/binary/treemap';
import { formatBytesFine } from '../../../../shared/format';

const H = 420;
const HEADER = 16;
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
  /** "Why is this here?" for a package or symbol cell (the view opens the Why panel). */
  onWhy?: (target: string) => void;
}

/** A cell the linker's graph can explain: a package or a symbol, not a pseudo-package like "(type data)". */
const explainable = (n: SizeNode) => (n.kind === 'package' || n.kind === 'symbol') && !n.name.startsWith('(');

interface Cell {
  node: SizeNode;
  rect: Rect;
  /** The nodes to push on the breadcrumb when this cell is clicked. */
  trail: SizeNode[];
  depth: number;
}

function fit(text: string, width: number): string {
  const max = Math.floor((width - 8) / 6.4);
  return text.length <= max ? text : max > 1 ? text.slice(0, max - 1) + '…' : '';
}

function layout(node: SizeNode, rect: Rect): Cell[] {
  const kids = node.children ?? [];
  const rects = squarify(kids.map((c) => c.size), rect);
  const cells: Cell[] = [];
  kids.forEach((c, i) => {
    const r = rects[i]!;
    if (r.w < 1 || r.h < 1) return;
    cells.push({ node: c, rect: r, trail: [c], depth: 0 });
    // A second level inside cells big enough to show it.
    if (c.children?.length && r.w > 40 && r.h > HEADER + 20) {
      const inner = { x: r.x + 2, y: r.y + HEADER, w: r.w - 4, h: r.h - HEADER - 2 };
      const innerRects = squarify(c.children.map((g) => g.size), inner);
      c.children.forEach((g, j) => {
        const ir = innerRects[j]!;
        if (ir.w >= 1 && ir.h >= 1) cells.push({ node: g, rect: ir, trail: [c, g], depth: 1 });
      });
    }
  });
  return cells;
}

export function Treemap({ root, onSymbol, onWhy }: Props) {
  const [path, setPath] = useState<SizeNode[]>([root]);
  /** The cell picked with the context menu (right click): its detail line offers "Why is this here?". */
  const [picked, setPicked] = useState<SizeNode | null>(null);
  const [width, setWidth] = useState(800);
  const host = useRef<HTMLDivElement>(null);
  const current = path[path.length - 1]!;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(200, el.clientWidth)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const cells = useMemo(() => layout(current, { x: 0, y: 0, w: width, h: H }), [current, width]);

  const open = (cell: Cell) => {
    const target = cell.node;
    setPicked(null);
    if (target.children?.length) setPath([...path, ...cell.trail]);
    else if (target.kind === 'symbol') onSymbol(target.name);
  };

  return (
    <div className="treemap" data-testid="treemap" ref={host}>
      <div className="breadcrumb" data-testid="treemap-breadcrumb">
        {path.map((n, i) => (
          <span key={i}>
            {i > 0 && ' › '}
            <button className="link-button" disabled={i === path.length - 1} onClick={() => setPath(path.slice(0, i + 1))}>
              {n.name}
            </button>
          </span>
        ))}
        <span className="muted"> — {formatBytesFine(current.size)}</span>
        {onWhy && explainable(current) && !picked && <WhyButton node={current} onWhy={onWhy} />}
      </div>
      {picked && (
        <div className="treemap-detail" data-testid="treemap-detail">
          <span className="mono">{picked.name}</span> <span className="muted">{formatBytesFine(picked.size)}</span>
          {onWhy && explainable(picked) && <WhyButton node={picked} onWhy={onWhy} />}
          {picked.kind === 'symbol' && (
            <button type="button" className="link-button" onClick={() => onSymbol(picked.name)}>
              Disassemble
            </button>
          )}
          <button type="button" className="link-button muted" aria-label="Close the detail" onClick={() => setPicked(null)}>
            ×
          </button>
        </div>
      )}
      <svg width={width} height={H} role="img" aria-label={`Size of ${current.name}`}>
        {cells.map(({ node, rect: r, depth, trail }, i) => (
          <g
            key={`${trail.map((t) => t.name).join('/')}#${i}`}
            className={`tm-cell kind-${node.kind} depth-${depth}`}
            data-name={node.name}
            onClick={(e) => {
              e.stopPropagation();
              open(cells[i]!);
            }}
            onContextMenu={(e) => {
              e.preventDefault();
              e.stopPropagation();
              setPicked(node);
            }}
          >
            <title>{`${node.name}\n${formatBytesFine(node.size)} (${((100 * node.size) / Math.max(1, current.size)).toFixed(1)}% of ${current.name})${onWhy && explainable(node) ? '\nRight click: why is this here?' : ''}`}</title>
            <rect
              x={r.x}
              y={r.y}
              width={r.w}
              height={r.h}
              fill={COLORS[node.kind]}
              fillOpacity={depth === 0 ? 0.55 : 1}
              stroke="#1e1f24"
              strokeWidth={1}
            />
            {r.w > 36 && r.h > 14 && (
              <text x={r.x + 4} y={r.y + 12} fontSize={11} fill="#eef0f4">
                {fit(depth === 0 ? `${node.name} ${formatBytesFine(node.size)}` : node.name, r.w)}
              </text>
            )}
            {depth === 1 && r.w > 50 && r.h > 30 && (
              <text x={r.x + 4} y={r.y + 25} fontSize={10} fill="#c8cad4">
                {formatBytesFine(node.size)}
              </text>
            )}
          </g>
        ))}
      </svg>
    </div>
  );
}

function WhyButton({ node, onWhy }: { node: SizeNode; onWhy: (target: string) => void }) {
  return (
    <button type="button" className="link-button" data-testid="treemap-why" title={`Why is ${node.name} in the binary?`} onClick={() => onWhy(node.name)}>
      Why is this here?
    </button>
  );
}
