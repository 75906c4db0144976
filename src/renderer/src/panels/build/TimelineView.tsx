// The build timeline: one lane per worker, one bar per action, coloured by mode; the critical path is
// outlined. Drawn as SVG (hundreds of bars for `go build -a std` stay cheap: no per-bar handlers).
import { useMemo, useState } from 'react';
import type { Timeline, TimelineBar } from '../../../../shared/api';
import { modeColour, ms } from './format';

const LANE_H = 18;
const LABEL_W = 70;

interface Props {
  timeline: Timeline;
  onPackage: (pkg: string) => void;
}

export function TimelineView({ timeline, onPackage }: Props) {
  const [hover, setHover] = useState<{ bar: TimelineBar; x: number; y: number } | null>(null);
  const [hideCached, setHideCached] = useState(false);
  const cachedCount = useMemo(() => timeline.bars.filter((b) => b.cacheHit).length, [timeline]);
  const width = 1000;
  const scale = (width - LABEL_W) / Math.max(timeline.totalMs, 0.001);
  const height = timeline.lanes * LANE_H + 20;
  // Critical bars are drawn last so their outline is never covered.
  const ordered = useMemo(
    () => timeline.bars.filter((b) => !(hideCached && b.cacheHit)).sort((a, b) => Number(a.critical) - Number(b.critical)),
    [timeline, hideCached],
  );
  const barAt = (el: Element | null): TimelineBar | undefined => {
    const idx = el instanceof SVGElement ? el.dataset.index : undefined;
    return idx === undefined ? undefined : ordered[Number(idx)];
  };
  return (
    <div className="timeline" data-testid="build-timeline">
      <div className="muted small">
        {timeline.bars.length} actions on {timeline.lanes} {timeline.laneSource === 'trace' ? 'workers (from -debug-trace)' : 'lanes (packed from the action graph)'},{' '}
        {ms(timeline.totalMs)}. Outlined: the critical path. Dim: served from the cache. Click a bar to show its package in the project tree.
      </div>
      <label className="small" data-testid="timeline-cache-filter">
        <input type="checkbox" checked={hideCached} disabled={cachedCount === 0} onChange={(e) => setHideCached(e.target.checked)} /> hide the{' '}
        {cachedCount} cache hits ({timeline.bars.length - cachedCount} actions ran)
      </label>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        preserveAspectRatio="none"
        style={{ height }}
        onMouseMove={(e) => {
          const bar = barAt(e.target as Element);
          setHover(bar ? { bar, x: e.nativeEvent.offsetX, y: e.nativeEvent.offsetY } : null);
        }}
        onMouseLeave={() => setHover(null)}
        onClick={(e) => {
          const bar = barAt(e.target as Element);
          if (bar?.package) onPackage(bar.package);
        }}
      >
        {Array.from({ length: timeline.lanes }, (_, i) => (
          <text key={i} x={4} y={i * LANE_H + 13} className="lane-label">
            worker {i}
          </text>
        ))}
        {ordered.map((b, i) => (
          <rect
            key={b.actionId}
            data-index={i}
            data-testid="timeline-bar"
            data-package={b.package}
            data-mode={b.mode}
            x={LABEL_W + b.start * scale}
            y={b.lane * LANE_H + 2}
            width={Math.max((b.end - b.start) * scale, 1)}
            height={LANE_H - 4}
            fill={modeColour(b.mode, b.cacheHit)}
            stroke={b.critical ? '#ffb347' : 'none'}
            strokeWidth={b.critical ? 2 : 0}
            className={b.critical ? 'critical' : undefined}
          />
        ))}
      </svg>
      {hover && (
        <div className="timeline-tip" style={{ left: hover.x + 12, top: hover.y + 12 }} role="tooltip">
          <div>
            <b>{hover.bar.package || '(no package)'}</b> — {hover.bar.mode}
          </div>
          <div>
            {[
              `${ms(hover.bar.end - hover.bar.start)} at ${ms(hover.bar.start)}`,
              hover.bar.cacheHit ? 'cache hit' : hover.bar.mode === 'build' ? 'compiled (cache miss)' : '',
              hover.bar.critical ? 'critical path' : '',
            ]
              .filter(Boolean)
              .join(' · ')}
          </div>
          {hover.bar.command && <pre>{hover.bar.command.slice(0, 400)}</pre>}
        </div>
      )}
    </div>
  );
}
