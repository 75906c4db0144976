// Squarified treemap layout (Bruls, Huizing, van Wijk): places items, biggest first, in rows along the
// shorter side of the remaining rectangle, keeping each row's worst aspect ratio as low as it can.
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function squarify(sizes: number[], rect: Rect): Rect[] {
  const out: Rect[] = sizes.map(() => ({ x: 0, y: 0, w: 0, h: 0 }));
  const order = sizes.map((s, i) => ({ s: Math.max(0, s), i })).filter((e) => e.s > 0).sort((a, b) => b.s - a.s);
  const total = order.reduce((n, e) => n + e.s, 0);
  if (total <= 0 || rect.w <= 0 || rect.h <= 0) return out;
  const scale = (rect.w * rect.h) / total;
  let free = { ...rect };
  let row: Array<{ a: number; i: number }> = [];

  const worst = (r: Array<{ a: number }>, side: number) => {
    const sum = r.reduce((n, e) => n + e.a, 0);
    const max = Math.max(...r.map((e) => e.a));
    const min = Math.min(...r.map((e) => e.a));
    return Math.max((side * side * max) / (sum * sum), (sum * sum) / (side * side * min));
  };

  const place = () => {
    const sum = row.reduce((n, e) => n + e.a, 0);
    const horizontal = free.w >= free.h; // the row is a column on the left when the space is wide
    const thick = horizontal ? sum / free.h : sum / free.w;
    let offset = 0;
    for (const e of row) {
      const len = e.a / thick;
      out[e.i] = horizontal
        ? { x: free.x, y: free.y + offset, w: thick, h: len }
        : { x: free.x + offset, y: free.y, w: len, h: thick };
      offset += len;
    }
    free = horizontal
      ? { x: free.x + thick, y: free.y, w: Math.max(0, free.w - thick), h: free.h }
      : { x: free.x, y: free.y + thick, w: free.w, h: Math.max(0, free.h - thick) };
    row = [];
  };

  for (const e of order) {
    const item = { a: e.s * scale, i: e.i };
    const side = Math.min(free.w, free.h);
    if (row.length === 0 || worst([...row, item], side) <= worst(row, side)) row.push(item);
    else {
      place();
      row.push(item);
    }
  }
  if (row.length > 0) place();
  return out;
}
