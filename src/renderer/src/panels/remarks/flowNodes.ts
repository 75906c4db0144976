// Groups an escape flow into nodes for the graph: the allocation, then each "flow: a ← b:" step
// (a location the value flows into) with the "from …" lines that explain it.
import type { FlowStep, Remark } from '../../../../shared/remarks';

export interface FlowNode {
  title: string;
  reasons: FlowStep[];
  at: FlowStep | null;
}

/** Groups flow lines: each "flow: a ← b:" opens a node, "from …" lines are its reasons. */
export function flowNodes(r: Remark): FlowNode[] {
  const nodes: FlowNode[] = [{ title: r.message, reasons: [], at: { file: r.file, line: r.line, column: r.column, message: r.message } }];
  for (const s of r.flow) {
    if (s.message.startsWith('flow:') || nodes.length === 1) nodes.push({ title: s.message.replace(/^flow:\s*/, '').replace(/:$/, ''), reasons: [], at: s });
    if (!s.message.startsWith('flow:')) nodes[nodes.length - 1]!.reasons.push(s);
  }
  return nodes;
}


/**
 * Where a step is, file included: a step can sit in another file than its remark (an inlined call's
 * body in fmt/errors.go). The folder and base name are enough to tell it (the hover has the full path).
 */
export function stepPlace(s: Pick<FlowStep, 'file' | 'line' | 'column'>): string {
  const parts = s.file.split(/[\\/]/).filter(Boolean);
  const file = parts.slice(-2).join('/') || s.file;
  return `${file}:${s.line}${s.column ? `:${s.column}` : ''}`;
}
