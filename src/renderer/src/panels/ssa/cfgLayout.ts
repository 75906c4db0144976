// A layered CFG layout without Graphviz: rows by BFS depth from the entry block, back edges (to a block
// at the same or a smaller depth) drawn dashed. Simple and stable; good enough to read a function's shape.
import type { SsaBlock } from '../../../../shared/ssa';

export interface CfgNode {
  id: string;
  kind: string;
  x: number;
  y: number;
  w: number;
  h: number;
  exit: boolean;
}
export interface CfgEdge {
  from: string;
  to: string;
  back: boolean;
  /** Drawn around the side: the target is not below the source. */
  side: boolean;
  likely?: boolean;
}

export function layoutCfg(blocks: SsaBlock[]): { nodes: CfgNode[]; edges: CfgEdge[]; width: number; height: number } {
  const live = blocks.filter((b) => !b.dead);
  const byId = new Map(live.map((b) => [b.id, b]));
  const depth = new Map<string, number>();
  const queue: string[] = [];
  if (live[0]) {
    depth.set(live[0].id, 0);
    queue.push(live[0].id);
  }
  while (queue.length) {
    const id = queue.shift()!;
    for (const s of byId.get(id)?.succs ?? []) {
      if (!depth.has(s.id) && byId.has(s.id)) {
        depth.set(s.id, depth.get(id)! + 1);
        queue.push(s.id);
      }
    }
  }
  let maxDepth = Math.max(0, ...depth.values());
  for (const b of live) if (!depth.has(b.id)) depth.set(b.id, ++maxDepth); // unreachable: own row
  const rows = new Map<number, SsaBlock[]>();
  for (const b of live) rows.set(depth.get(b.id)!, [...(rows.get(depth.get(b.id)!) ?? []), b]);
  const W = 110;
  const H = 36;
  const GX = 30;
  const GY = 44;
  const widest = Math.max(1, ...[...rows.values()].map((r) => r.length));
  const width = widest * (W + GX) + GX;
  const nodes: CfgNode[] = [];
  for (const [d, row] of rows) {
    const offset = (width - row.length * (W + GX) + GX) / 2;
    row.forEach((b, i) =>
      nodes.push({ id: b.id, kind: b.kind, x: offset + i * (W + GX), y: GY / 2 + d * (H + GY), w: W, h: H, exit: b.succs.length === 0 }),
    );
  }
  // Back edges (loops): an edge to a block still on the DFS stack from the entry.
  const back = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const dfs = (id: string) => {
    state.set(id, 'open');
    for (const s of byId.get(id)?.succs ?? []) {
      if (!byId.has(s.id)) continue;
      if (state.get(s.id) === 'open') back.add(`${id}>${s.id}`);
      else if (!state.has(s.id)) dfs(s.id);
    }
    state.set(id, 'done');
  };
  for (const b of live) if (!state.has(b.id)) dfs(b.id);
  const edges: CfgEdge[] = live.flatMap((b) =>
    b.succs
      .filter((s) => byId.has(s.id))
      .map((s) => ({ from: b.id, to: s.id, back: back.has(`${b.id}>${s.id}`), side: depth.get(s.id)! <= depth.get(b.id)!, ...(s.likely !== undefined ? { likely: s.likely } : {}) })),
  );
  return { nodes, edges, width, height: (maxDepth + 1) * (H + GY) + GY };
}
