// The compiler's CPU profile of one package: a flame graph in SVG (click a frame to zoom into it, click
// a dimmed ancestor to zoom out; hover shows the function with self and total time) and the top
// functions by flat time. Names are drawn as SVG text, never as markup.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CompilerProfile, FlameNode } from '../../../../shared/api';
import { flameRects, frameColour, pathTo } from './flameLayout';
import { ms } from './format';

const ROW = 18;

export function CompilerProfileView({ profile }: { profile: CompilerProfile }) {
  const [path, setPath] = useState<FlameNode[]>([profile.root]);
  const [hover, setHover] = useState<{ node: FlameNode; x: number; y: number } | null>(null);
  // The drawing is laid out in real pixels (labels keep their size and are cut to fit the frame).
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1000);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(200, Math.floor(el.clientWidth))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const rects = useMemo(() => flameRects(path, width), [path, width]);
  const depth = rects.reduce((d, r) => Math.max(d, r.depth + 1), 0);
  const pct = (v: number) => `${((100 * v) / Math.max(profile.totalNs, 1)).toFixed(1)}%`;
  const at = (el: Element | null) => {
    const i = el instanceof SVGElement ? el.closest('g')?.dataset.index : undefined;
    return i === undefined ? undefined : rects[Number(i)];
  };
  return (
    <div className="flame" data-testid="compiler-profile" ref={box}>
      <div className="muted small">
        The compiler compiling <b>{profile.package}</b>: {ms(profile.totalNs / 1e6)} of CPU time in {profile.samples} samples. Click a frame to
        zoom in, a dimmed frame above to zoom out.{' '}
        {path.length > 1 && (
          <button className="link" onClick={() => setPath([profile.root])}>
            reset zoom
          </button>
        )}
      </div>
      <svg
        viewBox={`0 0 ${width} ${depth * ROW}`}
        width={width}
        height={depth * ROW}
        onMouseMove={(e) => {
          const r = at(e.target as Element);
          setHover(r ? { node: r.node, x: e.nativeEvent.offsetX, y: e.nativeEvent.offsetY } : null);
        }}
        onMouseLeave={() => setHover(null)}
        onClick={(e) => {
          const r = at(e.target as Element);
          if (r) setPath(pathTo(profile.root, r.node));
        }}
      >
        {rects.map((r, i) => (
          <g key={i} data-index={i} data-testid="flame-frame" className={r.ancestor ? 'ancestor' : undefined}>
            <rect x={r.x} y={r.depth * ROW} width={Math.max(r.width - 0.5, 0.5)} height={ROW - 1} fill={r.ancestor ? '#3a3d45' : frameColour(r.node.name)} />
            {r.width > 40 && (
              <text x={r.x + 3} y={r.depth * ROW + 12.5} className="flame-label">
                {fit(r.node.name, r.width)}
              </text>
            )}
          </g>
        ))}
      </svg>
      {hover && (
        <div className="timeline-tip" style={{ left: hover.x + 12, top: hover.y + 12 }} role="tooltip">
          <div>
            <b>{hover.node.name}</b>
          </div>
          <div>
            total {ms(hover.node.total / 1e6)} ({pct(hover.node.total)}) · self {ms(hover.node.self / 1e6)} ({pct(hover.node.self)})
          </div>
        </div>
      )}
      <h4>Top functions (flat time)</h4>
      <table className="data-table" data-testid="profile-top">
        <thead>
          <tr>
            <th className="num">flat</th>
            <th className="num">flat%</th>
            <th className="num">cum</th>
            <th className="num">cum%</th>
            <th>function</th>
          </tr>
        </thead>
        <tbody>
          {profile.top.map((t) => (
            <tr key={t.name}>
              <td className="num">{ms(t.flat / 1e6)}</td>
              <td className="num">{pct(t.flat)}</td>
              <td className="num">{ms(t.cum / 1e6)}</td>
              <td className="num">{pct(t.cum)}</td>
              <td>{t.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The label that fits a frame: the name, else its tail (the function matters more than the package). */
function fit(name: string, width: number): string {
  const chars = Math.floor((width - 6) / 6.2);
  if (name.length <= chars) return name;
  const short = name.slice(name.lastIndexOf('/') + 1);
  return short.length <= chars ? short : short.slice(0, Math.max(chars - 1, 1)) + '…';
}
