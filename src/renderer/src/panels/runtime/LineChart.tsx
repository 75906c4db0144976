// A small SVG line/bar chart: enough for heap sizes, pauses and run queues over time, no library.
// Long series are thinned to at most MAX_POINTS per line (keeping each bucket's maximum) so a
// session of a million cycles still draws quickly.

export interface Series {
  label: string;
  color: string;
  points: Array<[number, number]>;
  /** Bars from zero instead of a line (pauses). */
  bars?: boolean;
  dashed?: boolean;
}

interface Props {
  title: string;
  series: Series[];
  xLabel: string;
  yLabel: string;
  height?: number;
  testId?: string;
}

const MAX_POINTS = 1500;
const W = 800;
const PAD = { l: 52, r: 12, t: 8, b: 26 };

function thin(points: Array<[number, number]>): Array<[number, number]> {
  if (points.length <= MAX_POINTS) return points;
  const step = points.length / MAX_POINTS;
  const out: Array<[number, number]> = [];
  for (let i = 0; i < MAX_POINTS; i++) {
    let best = points[Math.floor(i * step)]!;
    for (let j = Math.floor(i * step); j < Math.floor((i + 1) * step); j++) if (points[j]![1] > best[1]) best = points[j]!;
    out.push(best);
  }
  return out;
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toPrecision(2));

export function LineChart({ title, series, xLabel, yLabel, height = 180, testId }: Props) {
  const all = series.flatMap((s) => s.points);
  const H = height;
  if (all.length === 0) {
    return (
      <figure className="chart" data-testid={testId}>
        <figcaption>{title}</figcaption>
        <div className="muted chart-empty">no data yet</div>
      </figure>
    );
  }
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs, x0 + 1e-9);
  const y1 = Math.max(...ys, 1e-9) * 1.05;
  const sx = (x: number) => PAD.l + ((x - x0) / (x1 - x0)) * (W - PAD.l - PAD.r);
  const sy = (y: number) => H - PAD.b - (y / y1) * (H - PAD.t - PAD.b);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * y1);
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>
        {title}
        {series.map((s) => (
          <span key={s.label} className="legend">
            <i style={{ background: s.color }} />
            {s.label}
          </span>
        ))}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={title}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.l} x2={W - PAD.r} y1={sy(t)} y2={sy(t)} className="grid" />
            <text x={PAD.l - 4} y={sy(t) + 4} textAnchor="end" className="tick">
              {fmt(t)}
            </text>
          </g>
        ))}
        <text x={PAD.l} y={H - 6} className="tick">
          {fmt(x0)}
        </text>
        <text x={W - PAD.r} y={H - 6} textAnchor="end" className="tick">
          {fmt(x1)} {xLabel}
        </text>
        <text x={4} y={PAD.t + 8} className="tick">
          {yLabel}
        </text>
        {series.map((s) => {
          const pts = thin(s.points);
          if (s.bars) {
            const w = Math.max(1, (W - PAD.l - PAD.r) / Math.max(pts.length, 1) - 1);
            return (
              <g key={s.label} fill={s.color} data-series={s.label}>
                {pts.map(([x, y], i) => (
                  <rect key={i} x={sx(x) - w / 2} y={sy(y)} width={w} height={Math.max(0, H - PAD.b - sy(y))} />
                ))}
              </g>
            );
          }
          return (
            <polyline
              key={s.label}
              data-series={s.label}
              fill="none"
              stroke={s.color}
              strokeWidth={1.5}
              strokeDasharray={s.dashed ? '4 3' : undefined}
              vectorEffect="non-scaling-stroke"
              points={pts.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ')}
            />
          );
        })}
      </svg>
    </figure>
  );
}
