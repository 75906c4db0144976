// Draws the build timeline on a canvas: a time axis, one row per worker, one bar per action (labelled
// when wide enough), the critical path outlined and joined, the selected and hovered bars, a dragged range.
// Pure drawing (no React): the view calls it once per frame and the bench times it with 1,500 actions.
import type { TimelineBar } from '../../../../shared/build';
import { modeColour } from './format';
import { ticks } from './timeAxis';

export const GUTTER = 64;
export const AXIS_H = 20;
/** Rows are taller when there are few workers (a 2-core build), so labels and outlines read well. */
export const laneHeight = (lanes: number): number => (lanes <= 4 ? 28 : lanes <= 16 ? 20 : 14);
const CRITICAL = '#ffb347';
const FONT = '10.5px ui-monospace, monospace';

export interface TimelineModel {
  lanes: number;
  /** Bars grouped by colour (fewer fillStyle changes), then by start. */
  byColour: Array<{ colour: string; bars: TimelineBar[] }>;
  /** Per lane, sorted by start: for hit testing. */
  byLane: TimelineBar[][];
  /** The critical path's bars, first action first. */
  critical: TimelineBar[];
  laneLabel: string;
}

/** `colourOf` overrides a bar's colour (a rebuilt action's cause); undefined keeps its mode's colour. */
export function timelineModel(bars: TimelineBar[], lanes: number, criticalIds: number[], laneLabel: string, colourOf?: (b: TimelineBar) => string | undefined): TimelineModel {
  const colours = new Map<string, TimelineBar[]>();
  const byLane: TimelineBar[][] = Array.from({ length: lanes }, () => []);
  for (const b of bars) {
    const c = colourOf?.(b) ?? modeColour(b.mode, b.cacheHit);
    let list = colours.get(c);
    if (!list) colours.set(c, (list = []));
    list.push(b);
    byLane[b.lane]?.push(b);
  }
  for (const l of byLane) l.sort((a, b) => a.start - b.start);
  const byId = new Map(bars.map((b) => [b.actionId, b]));
  const critical = criticalIds.map((id) => byId.get(id)).filter((b): b is TimelineBar => b !== undefined);
  return { lanes, byColour: [...colours].map(([colour, list]) => ({ colour, bars: list })), byLane, critical, laneLabel };
}

export interface ViewWindow {
  from: number;
  to: number;
}

export interface DrawState {
  width: number;
  selectedId?: number | undefined;
  hoverId?: number | undefined;
  /** A range being dragged, in ms. */
  range?: ViewWindow | undefined;
}

export const chartHeight = (lanes: number): number => AXIS_H + lanes * laneHeight(lanes) + 4;

export function xOf(t: number, view: ViewWindow, width: number): number {
  return GUTTER + ((t - view.from) * (width - GUTTER)) / Math.max(view.to - view.from, 1e-9);
}

export function timeAt(x: number, view: ViewWindow, width: number): number {
  return view.from + ((x - GUTTER) * (view.to - view.from)) / Math.max(width - GUTTER, 1);
}

/** The bar under a point (within 3 px of a thin bar), or undefined. */
export function barAt(model: TimelineModel, view: ViewWindow, width: number, x: number, y: number): TimelineBar | undefined {
  const lane = Math.floor((y - AXIS_H) / laneHeight(model.lanes));
  const bars = model.byLane[lane];
  if (!bars || x < GUTTER) return undefined;
  const slack = (3 * (view.to - view.from)) / Math.max(width - GUTTER, 1);
  const t = timeAt(x, view, width);
  // The last bar starting before t + slack, then back while bars could still reach t.
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bars[mid]!.start <= t + slack) lo = mid + 1;
    else hi = mid;
  }
  let best: TimelineBar | undefined;
  for (let i = lo - 1; i >= 0 && i >= lo - 64; i--) {
    const b = bars[i]!;
    if (b.end + slack < t) continue;
    // Prefer a bar that really covers t over a thin neighbour within the slack.
    if (!best || (b.start <= t && b.end >= t)) best = b;
    if (b.start <= t && b.end >= t) break;
  }
  return best;
}

/** Draws the timeline; returns the time-axis labels it drew, left to right (the canvas has no DOM to read them from). */
export function drawTimeline(ctx: CanvasRenderingContext2D, model: TimelineModel, view: ViewWindow, s: DrawState): string[] {
  const { width } = s;
  const height = chartHeight(model.lanes);
  const span = Math.max(view.to - view.from, 1e-9);
  const laneH = laneHeight(model.lanes);
  const pxPerMs = (width - GUTTER) / span;
  ctx.fillStyle = '#18191d';
  ctx.fillRect(0, 0, width, height);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';

  // Lane stripes, then grid lines and tick labels.
  for (let l = 0; l < model.lanes; l += 2) {
    ctx.fillStyle = '#1c1d22';
    ctx.fillRect(GUTTER, AXIS_H + l * laneH, width - GUTTER, laneH);
  }
  const axis = ticks(view.from, view.to, pxPerMs);
  ctx.fillStyle = '#2c2e35';
  for (const t of axis.ticks) ctx.fillRect(Math.round(xOf(t.ms, view, width)), AXIS_H - 4, 1, height - AXIS_H + 4);
  ctx.fillStyle = '#9aa0aa';
  ctx.textAlign = 'left';
  const drawn: string[] = [];
  for (const t of axis.ticks) {
    const x = xOf(t.ms, view, width);
    if (x >= GUTTER && x + 3 + ctx.measureText(t.label).width < width) {
      ctx.fillText(t.label, x + 3, AXIS_H / 2);
      drawn.push(t.label);
    }
  }

  // Bars, one fillStyle per colour; bars outside the view are skipped, thin ones get a pixel.
  ctx.save();
  ctx.beginPath();
  ctx.rect(GUTTER, AXIS_H, width - GUTTER, height - AXIS_H);
  ctx.clip();
  const barY = (b: TimelineBar) => AXIS_H + b.lane * laneH + 2;
  const barH = laneH - 4;
  const labelled: TimelineBar[] = [];
  for (const group of model.byColour) {
    ctx.fillStyle = group.colour;
    for (const b of group.bars) {
      if (b.end < view.from || b.start > view.to) continue;
      const x0 = xOf(b.start, view, width);
      const w = Math.max((b.end - b.start) * pxPerMs, 1);
      ctx.fillRect(x0, barY(b), w, barH);
      if (w >= 40) labelled.push(b);
    }
  }
  // Labels only where they fit: the package's last path elements, and the mode when it is not a compile.
  ctx.fillStyle = '#f2f2f2';
  const charW = ctx.measureText('m').width || 6.3;
  for (const b of labelled) {
    const x0 = Math.max(xOf(b.start, view, width), GUTTER);
    const x1 = Math.min(xOf(b.end, view, width), width);
    const room = Math.floor((x1 - x0 - 6) / charW);
    if (room < 4) continue;
    ctx.fillText(fit(barLabel(b), room), x0 + 3, barY(b) + barH / 2 + 0.5);
  }

  // The critical path: each bar outlined, and a line from each to the next (dependency end → start).
  ctx.strokeStyle = CRITICAL;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (const b of model.critical) {
    if (b.end < view.from || b.start > view.to) continue;
    const x0 = xOf(b.start, view, width);
    ctx.rect(x0 + 0.75, barY(b) + 0.75, Math.max((b.end - b.start) * pxPerMs, 1) - 1.5, barH - 1.5);
  }
  ctx.stroke();
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  for (let i = 1; i < model.critical.length; i++) {
    const a = model.critical[i - 1]!;
    const b = model.critical[i]!;
    if (b.start < view.from || a.end > view.to) continue;
    ctx.moveTo(xOf(a.end, view, width), barY(a) + barH / 2);
    ctx.lineTo(xOf(b.start, view, width), barY(b) + barH / 2);
  }
  ctx.stroke();
  ctx.setLineDash([]);

  for (const [id, colour, lw] of [
    [s.hoverId, '#c8ccd4', 1],
    [s.selectedId, '#ffffff', 2],
  ] as const) {
    const b = id === undefined ? undefined : findBar(model, id);
    if (!b) continue;
    ctx.strokeStyle = colour;
    ctx.lineWidth = lw;
    ctx.strokeRect(xOf(b.start, view, width) - 1, barY(b) - 1, Math.max((b.end - b.start) * pxPerMs, 1) + 2, barH + 2);
  }
  if (s.range) {
    const x0 = xOf(Math.min(s.range.from, s.range.to), view, width);
    const x1 = xOf(Math.max(s.range.from, s.range.to), view, width);
    ctx.fillStyle = 'rgba(90, 150, 230, 0.25)';
    ctx.fillRect(x0, AXIS_H, x1 - x0, height - AXIS_H);
  }
  ctx.restore();

  // Lane labels over a solid gutter.
  ctx.fillStyle = '#18191d';
  ctx.fillRect(0, 0, GUTTER, height);
  ctx.fillStyle = '#9aa0aa';
  for (let l = 0; l < model.lanes; l++) ctx.fillText(`${model.laneLabel} ${l}`, 4, AXIS_H + l * laneH + laneH / 2);
  return drawn;
}

function findBar(model: TimelineModel, id: number): TimelineBar | undefined {
  for (const lane of model.byLane) for (const b of lane) if (b.actionId === id) return b;
  return undefined;
}

/** `gopls/internal/cache` → `internal/cache`; modes other than a compile are named. */
export function barLabel(b: TimelineBar): string {
  const parts = b.package.split('/');
  const short = parts.length > 2 ? parts.slice(-2).join('/') : b.package;
  return b.mode === 'build' ? short || b.mode : `${b.mode.replace('build check cache', 'cache check')} ${short}`.trim();
}

function fit(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`;
}

/**
 * The overview under the chart: how many actions ran at each moment of the whole build (an area, the
 * worker count as a line), and the visible window; dragging it pans.
 */
export function drawOverview(ctx: CanvasRenderingContext2D, profile: Float32Array, workers: number, totalMs: number, view: ViewWindow, width: number, height: number): void {
  ctx.fillStyle = '#131418';
  ctx.fillRect(0, 0, width, height);
  const peak = Math.max(workers, ...profile, 1);
  const plotW = width - GUTTER;
  ctx.fillStyle = '#5b8fd0';
  for (let i = 0; i < profile.length; i++) {
    const h = (profile[i]! / peak) * (height - 2);
    ctx.fillRect(GUTTER + (i * plotW) / profile.length, height - h, plotW / profile.length + 0.5, h);
  }
  const wy = height - (workers / peak) * (height - 2);
  ctx.fillStyle = '#ffb34799';
  ctx.fillRect(GUTTER, Math.round(wy), plotW, 1);
  // Zoomed in: what is outside the window is dimmed and the window outlined.
  if (view.from > 0 || view.to < totalMs) {
    const x0 = GUTTER + (view.from / totalMs) * plotW;
    const x1 = Math.max(GUTTER + (view.to / totalMs) * plotW, x0 + 2);
    ctx.fillStyle = 'rgba(10, 11, 14, 0.6)';
    ctx.fillRect(GUTTER, 0, x0 - GUTTER, height);
    ctx.fillRect(x1, 0, width - x1, height);
    ctx.strokeStyle = '#c8ccd4';
    ctx.lineWidth = 1;
    ctx.strokeRect(x0 + 0.5, 0.5, x1 - x0 - 1, height - 1);
  }
  ctx.fillStyle = '#9aa0aa';
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillText('running', 4, height / 2);
}

/** How many actions ran, averaged over each of `columns` equal slices of the build. */
export function concurrencyProfile(bars: TimelineBar[], totalMs: number, columns: number): Float32Array {
  const out = new Float32Array(columns);
  if (totalMs <= 0) return out;
  const w = totalMs / columns;
  for (const b of bars) {
    const c0 = Math.max(0, Math.floor(b.start / w));
    const c1 = Math.min(columns - 1, Math.floor(b.end / w));
    for (let c = c0; c <= c1; c++) {
      const overlap = Math.min(b.end, (c + 1) * w) - Math.max(b.start, c * w);
      if (overlap > 0) out[c] = out[c]! + overlap / w;
    }
  }
  return out;
}
