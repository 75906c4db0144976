// The CFG's view transform (screen = graph * scale + offset) and the moves on it: fit the whole graph
// in its box, zoom about a point, bring a block into view. Pure, so the view and its tests share it.

export interface View {
  scale: number;
  x: number;
  y: number;
}
export interface Box {
  width: number;
  height: number;
}
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const MIN_SCALE = 0.02;
export const MAX_SCALE = 3;
/** Below this a block's label cannot be read: bringing a block into view zooms in to at least this. */
export const READABLE_SCALE = 0.6;
const MARGIN = 8;

const clamp = (s: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

/** The whole graph in the box, centred, never enlarged past 1:1. */
export function fitView(graph: Box, box: Box): View {
  const scale = clamp(Math.min(1, (box.width - 2 * MARGIN) / graph.width, (box.height - 2 * MARGIN) / graph.height));
  return { scale, x: (box.width - graph.width * scale) / 2, y: Math.max(MARGIN, (box.height - graph.height * scale) / 2) };
}

/** Zooms by factor keeping the graph point under (px, py) where it is. */
export function zoomAt(v: View, factor: number, px: number, py: number): View {
  const scale = clamp(v.scale * factor);
  const k = scale / v.scale;
  return { scale, x: px - (px - v.x) * k, y: py - (py - v.y) * k };
}

/** Where a graph rectangle is on screen. */
export function onScreen(v: View, r: Rect): Rect {
  return { x: r.x * v.scale + v.x, y: r.y * v.scale + v.y, w: r.w * v.scale, h: r.h * v.scale };
}

export function isInside(r: Rect, box: Box): boolean {
  return r.x >= 0 && r.y >= 0 && r.x + r.w <= box.width && r.y + r.h <= box.height;
}

/**
 * The view with rect in sight: unchanged when it is already inside the box at a readable size, else
 * centred on it at READABLE_SCALE (or the current scale when larger, as long as the block fits).
 */
export function reveal(v: View, r: Rect, box: Box): View {
  if (isInside(onScreen(v, r), box) && v.scale >= READABLE_SCALE) return v;
  // Zoomed in so far that the block is larger than the box: as large as fits.
  const scale = Math.min(Math.max(v.scale, READABLE_SCALE), (box.width - 2 * MARGIN) / r.w, (box.height - 2 * MARGIN) / r.h);
  return { scale, x: box.width / 2 - (r.x + r.w / 2) * scale, y: box.height / 2 - (r.y + r.h / 2) * scale };
}
