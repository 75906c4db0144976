// The escape flow of one remark drawn as a chain: the allocation, then each "flow:" step (a
// location the value flows into) with the "from …" reasons, ending at the heap. Every node opens its
// source line. Text is drawn as SVG text (never markup from the tool).
import type { FlowStep, Remark } from '../../../../shared/remarks';
import { flowNodes, stepPlace, type FlowNode as Node } from './flowNodes';

// Narrow enough for the view beside the source; long titles scroll horizontally.
const W = 400;
const BOX_H = 26;
const REASON_H = 16;
const GAP = 22;

/** Boxes top to bottom, each as tall as its reasons. */
function layout(nodes: Node[]): Array<{ n: Node; top: number; h: number }> {
  const out: Array<{ n: Node; top: number; h: number }> = [];
  let y = 4;
  for (const n of nodes) {
    const h = BOX_H + n.reasons.length * REASON_H;
    out.push({ n, top: y, h });
    y += h + GAP;
  }
  return out;
}

export function FlowGraph({ remark, onOpen }: { remark: Remark; onOpen: (step: FlowStep) => void }) {
  const nodes = flowNodes(remark);
  if (nodes.length <= 1) return <div className="muted">The compiler gave no flow for this remark (run -m=2 or the logopt capture for flows).</div>;
  const laid = layout(nodes);
  const y = laid.length > 0 ? laid[laid.length - 1]!.top + laid[laid.length - 1]!.h + GAP : 0;
  return (
    <svg className="flow-graph" data-testid="flow-graph" width={W} height={y} role="img" aria-label="escape flow">
      {laid.map(({ n, top, h }, i) => (
        <g key={i}>
          {i > 0 && <line x1={24} x2={24} y1={top - GAP} y2={top} className="flow-edge" markerEnd="url(#flow-arrow)" />}
          <g className="flow-node" onClick={() => n.at && onOpen(n.at)} data-testid="flow-node">
            <title>{n.at ? `open ${n.at.file}:${n.at.line}:${n.at.column}` : ''}</title>
            <rect x={4} y={top} width={W - 8} height={h} rx={4} />
            <text x={12} y={top + 17} className="flow-title">
              {n.title}
              {n.at ? `   (${stepPlace(n.at)})` : ''}
            </text>
            {n.reasons.map((s, j) => (
              <text key={j} x={24} y={top + BOX_H + j * REASON_H + 10} className="flow-reason">
                {s.message} ({stepPlace(s)})
              </text>
            ))}
          </g>
        </g>
      ))}
      <defs>
        <marker id="flow-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto">
          <path d="M0,0 L10,5 L0,10 z" className="flow-arrowhead" />
        </marker>
      </defs>
    </svg>
  );
}
