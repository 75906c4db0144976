// The build timeline: one lane per worker, one bar per action, coloured by mode; the critical path is
// outlined. Drawn as SVG (hundreds of bars for `go build -a std` stay cheap: no per-bar handlers).
// Zoomable (Ctrl+wheel around the pointer, the +/− buttons, or + - 0 keys when focused): at fit, the
// actions of a whole `-a std` build are a pixel wide each.
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import type { Timeline, TimelineBar } from '../../../../shared/api';
import { modeColour, ms } from './format';

const LANE_H = 18;
const LABEL_W = 70;
const MAX_ZOOM = 64;

interface Props {
  timeline: Timeline;
  /** Absent for a replayed bundle run: its packages are the sender's, not this project's. */
  onPackage?: (pkg: string) => void;
}

export function TimelineView({ timeline, onPackage }: Props) {
  const [hover, setHover] = useState<{ bar: TimelineBar; x: number; y: number } | null>(null);
  const [hideCached, setHideCached] = useState(false);
  const cachedCount = useMemo(() => timeline.bars.filter((b) => b.cacheHit).length, [timeline]);
  const [zoom, setZoom] = useState(1);
  const rootRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  // After a zoom, the scroll position that keeps the time under the pointer (or the centre) in place.
  const anchor = useRef<{ fraction: number; offsetPx: number } | null>(null);
  const width = 1000 * zoom;
  const scale = (width - LABEL_W) / Math.max(timeline.totalMs, 0.001);
  const height = timeline.lanes * LANE_H + 20;
  // Critical bars are drawn last so their outline is never covered.
  const ordered = useMemo(
    () =>
      timeline.bars
        .filter((b) => !(hideCached && b.cacheHit))
        .sort((a, b) => Number(a.critical) - Number(b.critical)),
    [timeline, hideCached],
  );
  // The bars only change with the data, the filter and the zoom: hovering (a state change per mouse
  // move) must not rebuild hundreds of elements.
  const rects = useMemo(
    () =>
      ordered.map((b, i) => (
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
      )),
    [ordered, scale],
  );
  const barAt = (el: Element | null): TimelineBar | undefined => {
    const idx = el instanceof SVGElement ? el.dataset.index : undefined;
    return idx === undefined ? undefined : ordered[Number(idx)];
  };
  const zoomTo = useCallback(
    (next: number, pointerPx?: number) => {
      const el = scrollRef.current;
      const z = Math.min(MAX_ZOOM, Math.max(1, next));
      if (!el || z === zoom) return;
      const offsetPx = pointerPx ?? el.clientWidth / 2;
      anchor.current = { fraction: (el.scrollLeft + offsetPx) / el.scrollWidth, offsetPx };
      setZoom(z);
    },
    [zoom],
  );
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const a = anchor.current;
    if (!el || !a) return;
    anchor.current = null;
    el.scrollLeft = a.fraction * el.scrollWidth - a.offsetPx;
  }, [zoom]);
  // Ctrl+wheel zooms around the pointer. A native listener: React's wheel handlers are passive, and
  // the page must not zoom instead.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onWheel = (e: globalThis.WheelEvent) => {
      if (!e.ctrlKey) return;
      e.preventDefault();
      zoomTo(zoom * (e.deltaY < 0 ? 1.25 : 0.8), e.clientX - el.getBoundingClientRect().left);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [zoom, zoomTo]);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === '+' || e.key === '=') zoomTo(zoom * 2);
    else if (e.key === '-') zoomTo(zoom / 2);
    else if (e.key === '0') zoomTo(1);
    else return;
    e.preventDefault();
  };
  return (
    <div className="timeline" data-testid="build-timeline" ref={rootRef}>
      <div className="muted small">
        {timeline.bars.length} actions on {timeline.lanes}{' '}
        {timeline.laneSource === 'trace'
          ? 'workers (from -debug-trace)'
          : 'lanes (packed from the action graph)'}
        , {ms(timeline.totalMs)}. Outlined: the critical path. Dim: served from the cache.
        {onPackage ? ' Click a bar to show its package in the project tree.' : ''}
      </div>
      <label className="small" data-testid="timeline-cache-filter">
        <input
          type="checkbox"
          checked={hideCached}
          disabled={cachedCount === 0}
          onChange={(e) => setHideCached(e.target.checked)}
        />{' '}
        hide the {cachedCount} cache hits ({timeline.bars.length - cachedCount} actions ran)
      </label>
      <span className="timeline-zoom small" data-testid="timeline-zoom">
        <button
          onClick={() => zoomTo(zoom / 2)}
          disabled={zoom <= 1}
          aria-label="Zoom out"
          title="Zoom out (−, Ctrl+wheel)"
        >
          −
        </button>
        <button
          onClick={() => zoomTo(zoom * 2)}
          disabled={zoom >= MAX_ZOOM}
          aria-label="Zoom in"
          title="Zoom in (+, Ctrl+wheel)"
        >
          +
        </button>
        <button onClick={() => zoomTo(1)} disabled={zoom === 1} title="Fit the whole build (0)">
          Fit
        </button>
        <span className="muted">{zoom === 1 ? 'whole build' : `×${zoom.toFixed(zoom < 10 ? 1 : 0)}`}</span>
      </span>
      <div className="timeline-area">
        {/* Lane labels stay put while a zoomed timeline scrolls under them. */}
        <div className="timeline-lanes" aria-hidden="true" style={{ width: `${LABEL_W / 10}%` }}>
          {Array.from({ length: timeline.lanes }, (_, i) => (
            <div key={i} style={{ top: i * LANE_H + 2, height: LANE_H - 4 }}>
              worker {i}
            </div>
          ))}
        </div>
        <div
          className="timeline-scroll"
          ref={scrollRef}
          onKeyDown={onKey}
          tabIndex={0}
          aria-label="Build timeline"
        >
          <svg
            viewBox={`0 0 ${width} ${height}`}
            width={`${zoom * 100}%`}
            preserveAspectRatio="none"
            style={{ height }}
            onMouseMove={(e) => {
              const bar = barAt(e.target as Element);
              const box = rootRef.current!.getBoundingClientRect();
              // Near the right edge the tip opens to the left of the pointer, so it is never cut off.
              const x = e.clientX - box.left;
              setHover(
                bar
                  ? { bar, x: x > box.width - 380 ? Math.max(0, x - 392) : x, y: e.clientY - box.top }
                  : null,
              );
            }}
            onMouseLeave={() => setHover(null)}
            onClick={(e) => {
              const bar = barAt(e.target as Element);
              if (bar?.package) onPackage?.(bar.package);
            }}
          >
            {rects}
          </svg>
        </div>
      </div>
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
