// The CFG of one phase, drawn as SVG by gopsy (no Graphviz). Click a block to jump to it. The graph is
// fitted to its box at first (a big function's graph is thousands of pixels across), can be zoomed
// (buttons, Ctrl/⌘+wheel) and dragged, and a block selected elsewhere is brought into view.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { SsaBlock } from '../../../../shared/ssa';
import { layoutCfg } from './cfgLayout';
import { fitView, reveal, zoomAt, type Box, type View } from './cfgViewport';

const STEP = 1.25;

export function CfgView({ blocks, onBlock, selected }: { blocks: SsaBlock[]; onBlock: (id: string) => void; selected: string | null }) {
  const { nodes, edges, width, height } = useMemo(() => layoutCfg(blocks), [blocks]);
  const at = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const host = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState<Box | null>(null);
  // null: fitted (follows the box's size); set once the user zooms or drags.
  const [own, setOwn] = useState<View | null>(null);
  const view = own ?? (box ? fitView({ width, height }, box) : { scale: 1, x: 0, y: 0 });

  useLayoutEffect(() => {
    const el = host.current!;
    const measure = () => setBox((b) => (b && b.width === el.clientWidth && b.height === el.clientHeight ? b : { width: el.clientWidth, height: el.clientHeight }));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Another phase or function: fitted again. From a timer: the graph is new data, the view follows it.
  useEffect(() => {
    const t = setTimeout(() => setOwn(null), 0);
    return () => clearTimeout(t);
  }, [nodes]);

  // A block selected in the phase view (or by a search) comes into sight; one clicked here already is.
  const clicked = useRef<string | null>(null);
  useEffect(() => {
    const n = selected ? at.get(selected) : undefined;
    if (clicked.current === selected) {
      clicked.current = null;
      return;
    }
    if (!n || !box) return;
    const t = setTimeout(() => setOwn((v) => reveal(v ?? fitView({ width, height }, box), n, box)), 0);
    return () => clearTimeout(t);
  }, [selected, at, box, width, height]);

  const zoom = (factor: number, px = (box?.width ?? 0) / 2, py = (box?.height ?? 0) / 2) => setOwn(zoomAt(view, factor, px, py));

  // The wheel pans; with Ctrl/⌘ it zooms about the pointer. A native listener, not passive, so the
  // page itself does not zoom or scroll too.
  const viewNow = useRef(view);
  useEffect(() => {
    viewNow.current = view;
  });
  useEffect(() => {
    const el = host.current!;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const v = viewNow.current;
      const r = el.getBoundingClientRect();
      if (e.ctrlKey || e.metaKey) setOwn(zoomAt(v, e.deltaY < 0 ? STEP : 1 / STEP, e.clientX - r.left, e.clientY - r.top));
      else setOwn({ ...v, x: v.x - e.deltaX, y: v.y - e.deltaY });
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  // Drag to pan; a press that does not move is a click on the block under it.
  const drag = useRef<{ x: number; y: number; from: View; moved: boolean } | null>(null);
  const [dragging, setDragging] = useState(false);
  const onPointerDown = (e: ReactPointerEvent) => {
    if (e.button !== 0) return;
    drag.current = { x: e.clientX, y: e.clientY, from: view, moved: false };
  };
  const onPointerMove = (e: ReactPointerEvent) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < 4) return;
    if (!d.moved) {
      host.current!.setPointerCapture(e.pointerId);
      setDragging(true);
    }
    d.moved = true;
    setOwn({ ...d.from, x: d.from.x + dx, y: d.from.y + dy });
  };
  const onPointerUp = (e: ReactPointerEvent) => {
    const d = drag.current;
    drag.current = null;
    setDragging(false);
    if (!d || d.moved) return;
    const id = (e.target as Element).closest?.('[data-block]')?.getAttribute('data-block');
    if (id) {
      clicked.current = id;
      onBlock(id);
    }
  };

  return (
    <div className="ssa-cfg" data-testid="ssa-cfg">
      <div className="cfg-tools">
        <button onClick={() => zoom(STEP)} title="zoom in (Ctrl/⌘ + wheel)" data-testid="cfg-zoom-in">
          +
        </button>
        <button onClick={() => zoom(1 / STEP)} title="zoom out (Ctrl/⌘ + wheel)" data-testid="cfg-zoom-out">
          −
        </button>
        <button onClick={() => setOwn(null)} title="the whole graph in the box" data-testid="cfg-fit">
          fit
        </button>
        <button onClick={() => box && setOwn({ scale: 1, x: box.width / 2 - (nodes[0] ? nodes[0].x + nodes[0].w / 2 : 0), y: 8 })} title="actual size, from the entry block">
          1:1
        </button>
        <span className="muted" data-testid="cfg-scale">
          {Math.round(view.scale * 100)}% · {nodes.length} blocks · drag to move
        </span>
      </div>
      <div
        className={`cfg-canvas${dragging ? ' dragging' : ''}`}
        ref={host}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => ((drag.current = null), setDragging(false))}
        data-testid="cfg-canvas"
      >
        <svg width="100%" height="100%" role="img" aria-label="control flow graph">
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
              <path d="M0,0 L10,5 L0,10 z" fill="#9aa4b2" />
            </marker>
          </defs>
          <g transform={`translate(${view.x},${view.y}) scale(${view.scale})`}>
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
              <g key={n.id} className={`cfg-node${selected === n.id ? ' selected' : ''}${n.exit ? ' exit' : ''}${i === 0 ? ' entry' : ''}`} data-block={n.id}>
                <rect x={n.x} y={n.y} width={n.w} height={n.h} rx={5} />
                <text x={n.x + n.w / 2} y={n.y + 15} textAnchor="middle" className="cfg-id">
                  {n.id}
                </text>
                <text x={n.x + n.w / 2} y={n.y + 29} textAnchor="middle" className="cfg-kind">
                  {n.kind}
                </text>
              </g>
            ))}
          </g>
        </svg>
      </div>
      <div className="cfg-legend">solid: forward edge · dashed: back edge (loop) · bold green: likely · thin grey: unlikely · double border: entry / exit</div>
    </div>
  );
}
