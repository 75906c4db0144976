// Lays out a flame graph (root on top) for a zoom: the path from the root to the focused frame is drawn
// full width, the focused frame's subtree is scaled to the width. Pure, so the view stays small.
import type { FlameNode } from '../../../../shared/api';

export interface FlameRect {
  node: FlameNode;
  x: number;
  width: number;
  depth: number;
  /** An ancestor of the focus (drawn full width, dimmed). */
  ancestor: boolean;
}

/** Frames narrower than this many pixels are not drawn (nor their children). */
const MIN_WIDTH = 0.75;

export function flameRects(path: FlameNode[], width: number): FlameRect[] {
  const focus = path[path.length - 1];
  if (!focus) return [];
  const rects: FlameRect[] = path.slice(0, -1).map((node, depth) => ({ node, x: 0, width, depth, ancestor: true }));
  const scale = width / Math.max(focus.total, 1);
  const place = (node: FlameNode, x: number, depth: number) => {
    const w = node.total * scale;
    if (w < MIN_WIDTH) return;
    rects.push({ node, x, width: w, depth, ancestor: false });
    let cx = x;
    for (const c of node.children) {
      place(c, cx, depth + 1);
      cx += c.total * scale;
    }
  };
  place(focus, 0, path.length - 1);
  return rects;
}

/** The path from the root to `target` (by identity), or just the root if it is not in the tree. */
export function pathTo(root: FlameNode, target: FlameNode): FlameNode[] {
  const stack: FlameNode[] = [];
  const find = (n: FlameNode): boolean => {
    stack.push(n);
    if (n === target || n.children.some(find)) return true;
    stack.pop();
    return false;
  };
  return find(root) ? stack : [root];
}

/** A stable colour per Go package of the frame (cmd/compile/internal/ssa, runtime, …). */
export function frameColour(name: string): string {
  const pkg = name.replace(/\.[^/]*$/, '');
  let h = 0;
  for (const c of pkg) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `hsl(${h % 360}, 45%, ${38 + (h % 7)}%)`;
}
