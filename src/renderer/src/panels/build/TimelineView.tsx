// The build timeline on a canvas (1,500+ actions stay one draw call per frame): a time axis, one row per
// worker, bars labelled when wide enough, the critical path outlined and joined. Zoom with Ctrl+wheel,
// the buttons, the + − 0 keys or by dragging a range; pan with Shift+wheel, the arrow keys or the overview.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Timeline, TimelineBar } from '../../../../shared/api';
import { ms } from './format';
import { CAUSE_COLOURS, type BarCauses } from './timelineCauses';
import { AXIS_H, barAt, chartHeight, GUTTER, laneHeight, xOf, concurrencyProfile, drawOverview, drawTimeline, timeAt, timelineModel, type ViewWindow } from './timelineDraw';

const OVERVIEW_H = 26;
/** The narrowest window: a few µs per pixel is as far as action times are worth reading. */
const MIN_SPAN_MS = 0.05;

interface Props {
  timeline: Timeline;
  /** Critical-path action ids, first first (from the build analysis). */
  criticalPath: number[];
  workers: number;
  selectedId: number | undefined;
  onSelect: (actionId: number) => void;
  /** Absent for a replayed bundle run: its packages are the sender's, not this project's. */
  onPackage?: (pkg: string) => void;
  /** Per action: the time it waited for a free worker, shown in the tooltip. */
  queuedMs?: Map<number, number>;
  /** A stretch to show (a new object each time it is asked for), e.g. a wait picked in the tables. */
  focus?: ViewWindow | undefined;
  /** The run's rebuild causes: each action that ran is coloured by its root-cause kind, with a legend. */
  causes?: BarCauses | null | undefined;
  /** A bar clicked on the chart (a row picked in the tables only selects). */
  onBarClick?: (bar: TimelineBar) => void;
  /** A bar double-clicked: go on to what it links to (a compile's functions). */
  onBarOpen?: (bar: TimelineBar) => void;
}

/** A canvas sized to its box in CSS pixels, drawn at the device's pixel ratio. */
function prepare(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const dpr = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    canvas.style.height = `${height}px`;
  }
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

export function TimelineView({ timeline, criticalPath, workers, selectedId, onSelect, onPackage, queuedMs, focus, causes, onBarClick, onBarOpen }: Props) {
  const [hideCached, setHideCached] = useState(false);
  const cachedCount = useMemo(() => timeline.bars.filter((b) => b.cacheHit).length, [timeline]);
  const total = Math.max(timeline.totalMs, 0.001);
  const [view, setView] = useState<ViewWindow>({ from: 0, to: total });
  const [width, setWidth] = useState(900);
  const [hover, setHover] = useState<{ bar: TimelineBar; x: number; y: number } | null>(null);
  const [range, setRange] = useState<ViewWindow | null>(null);
  const drag = useRef<{ x: number; t: number } | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<HTMLCanvasElement>(null);
  const overviewRef = useRef<HTMLCanvasElement>(null);
  const laneLabel = timeline.laneSource === 'trace' ? 'worker' : 'lane';
  const model = useMemo(
    () =>
      timelineModel(timeline.bars.filter((b) => !(hideCached && b.cacheHit)), timeline.lanes, criticalPath, laneLabel, (b) => {
        const mark = causes?.marks.get(b.actionId);
        return mark && CAUSE_COLOURS[mark];
      }),
    [timeline, hideCached, criticalPath, laneLabel, causes],
  );
  const profile = useMemo(() => concurrencyProfile(timeline.bars, total, 400), [timeline, total]);
  const height = chartHeight(timeline.lanes);
  const zoomed = view.from > 0 || view.to < total;

  // The panel is keyed by run, so a new timeline starts with a new window. The observer reports the
  // first size too.
  useLayoutEffect(() => {
    const el = rootRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(200, el.clientWidth)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  useEffect(() => {
    const c = chartRef.current;
    const ctx = c && prepare(c, width, height);
    // The axis labels it drew, for tests and assistive reading of a canvas.
    if (ctx) c.dataset.axis = drawTimeline(ctx, model, view, { width, selectedId, hoverId: hover?.bar.actionId, range: range ?? undefined }).join(' ');
  }, [model, view, width, height, selectedId, hover, range]);
  useEffect(() => {
    const c = overviewRef.current;
    const ctx = c && prepare(c, width, OVERVIEW_H);
    if (ctx) drawOverview(ctx, profile, workers, total, view, width, OVERVIEW_H);
  }, [profile, workers, total, view, width]);

  /** Sets the window, kept inside the build and no narrower than MIN_SPAN_MS. */
  const show = useCallback(
    (from: number, to: number) => {
      const span = Math.min(total, Math.max(MIN_SPAN_MS, to - from));
      const start = Math.min(Math.max(0, from), total - span);
      setView({ from: start, to: start + span });
    },
    [total],
  );
  const zoomBy = useCallback(
    (factor: number, aroundMs?: number) => {
      const at = aroundMs ?? (view.from + view.to) / 2;
      const span = (view.to - view.from) / factor;
      const frac = (at - view.from) / (view.to - view.from);
      show(at - frac * span, at - frac * span + span);
    },
    [view, show],
  );
  const panBy = useCallback((fraction: number) => show(view.from + fraction * (view.to - view.from), view.to + fraction * (view.to - view.from)), [view, show]);

  // A selection made elsewhere (the table) brings its bar into view, keeping the zoom. Adjusted while
  // rendering (React's pattern for state that follows a prop), not in an effect.
  const [followed, setFollowed] = useState(selectedId);
  if (followed !== selectedId) {
    setFollowed(selectedId);
    const b = selectedId === undefined ? undefined : timeline.bars.find((x) => x.actionId === selectedId);
    if (b && (b.start < view.from || b.end > view.to)) {
      const span = Math.max(view.to - view.from, Math.min(total, (b.end - b.start) * 1.2));
      const start = Math.min(Math.max(0, (b.start + b.end) / 2 - span / 2), total - span);
      setView({ from: start, to: start + span });
    }
  }
  // A stretch asked for (a wait in the tables): shown with a margin on each side.
  const [focused, setFocused] = useState(focus);
  if (focused !== focus) {
    setFocused(focus);
    if (focus) {
      const pad = Math.max((focus.to - focus.from) * 0.15, MIN_SPAN_MS);
      const from = Math.max(0, focus.from - pad);
      const to = Math.min(total, focus.to + pad);
      setView({ from, to: Math.max(to, Math.min(total, from + MIN_SPAN_MS)) });
    }
  }

  // Ctrl+wheel zooms around the pointer, Shift+wheel (or a sideways wheel) pans. A native listener:
  // React's wheel handlers are passive, and the page must not zoom or scroll instead.
  useEffect(() => {
    const el = chartRef.current;
    if (!el) return;
    const onWheel = (e: globalThis.WheelEvent) => {
      const box = el.getBoundingClientRect();
      if (e.ctrlKey) {
        e.preventDefault();
        zoomBy(e.deltaY < 0 ? 1.25 : 0.8, timeAt(e.clientX - box.left, view, width));
      } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        e.preventDefault();
        panBy(((e.shiftKey ? e.deltaY : e.deltaX) / Math.max(width, 1)) * 1.5);
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [zoomBy, panBy, view, width]);

  const local = (e: MouseEvent) => {
    const box = chartRef.current!.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };
  const onMouseDown = (e: MouseEvent) => {
    if (e.button !== 0) return;
    const { x } = local(e);
    drag.current = { x, t: timeAt(x, view, width) };
  };
  const onMouseMove = (e: MouseEvent) => {
    const { x, y } = local(e);
    const d = drag.current;
    if (d && Math.abs(x - d.x) > 4) {
      setHover(null);
      setRange({ from: d.t, to: timeAt(x, view, width) });
      return;
    }
    const bar = barAt(model, view, width, x, y);
    const box = rootRef.current!.getBoundingClientRect();
    const px = e.clientX - box.left;
    // Near the right edge the tip opens to the left of the pointer, so it is never cut off.
    setHover(bar ? { bar, x: px > box.width - 380 ? Math.max(0, px - 392) : px, y: e.clientY - box.top } : null);
  };
  const onMouseUp = (e: MouseEvent) => {
    const d = drag.current;
    drag.current = null;
    if (range) {
      setRange(null);
      show(Math.min(range.from, range.to), Math.max(range.from, range.to));
      return;
    }
    if (!d) return;
    const { x, y } = local(e);
    const bar = barAt(model, view, width, x, y);
    if (!bar) return;
    onSelect(bar.actionId);
    if (bar.package) onPackage?.(bar.package);
    onBarClick?.(bar);
  };
  const overviewDrag = useRef(false);
  const panOverviewTo = (e: MouseEvent) => {
    const box = overviewRef.current!.getBoundingClientRect();
    const t = ((e.clientX - box.left - GUTTER) / Math.max(box.width - GUTTER, 1)) * total;
    const span = view.to - view.from;
    show(t - span / 2, t + span / 2);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === '+' || e.key === '=') zoomBy(2);
    else if (e.key === '-') zoomBy(0.5);
    else if (e.key === '0') show(0, total);
    else if (e.key === 'ArrowLeft') panBy(-0.25);
    else if (e.key === 'ArrowRight') panBy(0.25);
    else return;
    e.preventDefault();
  };
  const span = view.to - view.from;
  // Where the selected bar is drawn (CSS px in the canvas): for keyboard-free automation and tests,
  // which cannot see into a canvas.
  const sel = selectedId === undefined ? undefined : timeline.bars.find((b) => b.actionId === selectedId);
  let selBox: string | undefined;
  if (sel && sel.end >= view.from && sel.start <= view.to) {
    const x0 = Math.max(xOf(sel.start, view, width), GUTTER);
    const x1 = Math.max(Math.min(xOf(sel.end, view, width), width), x0 + 1);
    const lh = laneHeight(timeline.lanes);
    selBox = [x0, AXIS_H + sel.lane * lh + 2, x1 - x0, lh - 4].map((v) => v.toFixed(1)).join(',');
  }
  return (
    <div className="timeline" data-testid="build-timeline" ref={rootRef}>
      <div className="timeline-toolbar small">
        <span className="muted">
          {timeline.bars.length} actions on {timeline.lanes}{' '}
          {timeline.laneSource === 'trace' ? 'workers (from -debug-trace)' : 'lanes (no trace: packed from the action graph’s times, not the real workers)'}, {ms(timeline.totalMs)}.
          Outlined and joined: the critical path. Dim: from the cache.
        </span>
        {causes && causes.legend.length > 0 && (
          <span className="timeline-legend small" data-testid="timeline-causes" title="What made each action run (its main root cause, from the run’s recorded cache-key inputs); click a bar for its reasons">
            ran because:
            {causes.legend.map((l) => (
              <span key={l.mark} className="timeline-legend-item" data-mark={l.mark}>
                <i style={{ background: CAUSE_COLOURS[l.mark] }} /> {l.mark} {l.bars}
              </span>
            ))}
          </span>
        )}
        <label data-testid="timeline-cache-filter">
          <input type="checkbox" checked={hideCached} disabled={cachedCount === 0} onChange={(e) => setHideCached(e.target.checked)} /> hide the {cachedCount} cache hits (
          {timeline.bars.length - cachedCount} actions ran)
        </label>
        <span className="timeline-zoom" data-testid="timeline-zoom">
          <button onClick={() => zoomBy(0.5)} disabled={!zoomed} aria-label="Zoom out" title="Zoom out (−, Ctrl+wheel)">
            −
          </button>
          <button onClick={() => zoomBy(2)} disabled={span <= MIN_SPAN_MS} aria-label="Zoom in" title="Zoom in (+, Ctrl+wheel, or drag a range on the chart)">
            +
          </button>
          <button onClick={() => show(0, total)} disabled={!zoomed} title="Fit the whole build (0)">
            Fit
          </button>
          <span className="muted" data-testid="timeline-window">
            {zoomed ? `${ms(view.from)} – ${ms(view.to)} (×${(total / span).toFixed(total / span < 10 ? 1 : 0)})` : 'whole build'}
          </span>
        </span>
      </div>
      <canvas
        ref={chartRef}
        className="timeline-chart"
        data-testid="timeline-canvas"
        data-bars={model.byColour.reduce((n, g) => n + g.bars.length, 0)}
        data-critical={model.critical.length}
        data-from={view.from}
        data-to={view.to}
        data-selected-box={selBox}
        tabIndex={0}
        role="img"
        aria-label={`Build timeline, ${timeline.bars.length} actions on ${timeline.lanes} ${laneLabel}s; the tables below list them`}
        onKeyDown={onKey}
        onMouseDown={onMouseDown}
        onMouseMove={onMouseMove}
        onMouseUp={onMouseUp}
        onDoubleClick={(e) => {
          const { x, y } = local(e);
          const bar = barAt(model, view, width, x, y);
          if (bar) onBarOpen?.(bar);
        }}
        onMouseLeave={() => {
          setHover(null);
          drag.current = null;
          setRange(null);
        }}
        style={{ cursor: range ? 'col-resize' : hover ? 'pointer' : 'crosshair' }}
      />
      <canvas
        ref={overviewRef}
        className="timeline-overview"
        data-testid="timeline-overview"
        title="How many actions ran over the whole build (the line: the worker count). Drag to pan."
        onMouseDown={(e) => {
          overviewDrag.current = true;
          panOverviewTo(e);
        }}
        onMouseMove={(e) => overviewDrag.current && panOverviewTo(e)}
        onMouseUp={() => (overviewDrag.current = false)}
        onMouseLeave={() => (overviewDrag.current = false)}
      />
      {hover && (
        <div className="timeline-tip" style={{ left: hover.x + 12, top: hover.y + 12 }} role="tooltip">
          <div>
            <b>{hover.bar.package || '(no package)'}</b> — {hover.bar.mode}
          </div>
          <div>
            {[
              `${ms(hover.bar.end - hover.bar.start)} from ${ms(hover.bar.start)}`,
              hover.bar.cacheHit ? 'cache hit' : hover.bar.mode === 'build' ? 'compiled (cache miss)' : '',
              causes?.marks.has(hover.bar.actionId) ? `ran because: ${causes.marks.get(hover.bar.actionId)} (click for the reasons)` : '',
              (queuedMs?.get(hover.bar.actionId) ?? 0) >= 1 ? `waited ${ms(queuedMs?.get(hover.bar.actionId))} for a worker` : '',
              criticalPath.includes(hover.bar.actionId) ? 'critical path' : '',
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
