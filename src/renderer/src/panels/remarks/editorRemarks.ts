// Remarks as source-editor line marks (owner 'remarks'): one gutter glyph per line (the most telling
// kind), a plain-text hover with every remark of the line and its escape flow, and an inline hint
// for heap allocations and bounds checks. Stale files get a grey glyph and say why.
import type { Remark, RemarkKind } from '../../../../shared/remarks';
import { editorMarks, type EditorLineMark } from '../../editor/editorMarks';
import { KIND_LABELS } from './kindFilter';
import { stepPlace } from './flowNodes';

// Most telling first: the glyph of a line is its first kind in this list.
const PRIORITY: RemarkKind[] = ['escape', 'boundsCheck', 'cannotInline', 'leak', 'cannotInlineCall', 'nilCheck', 'copy', 'loopvar', 'canInline', 'inlinedCall', 'noescape', 'other'];

export function describeRemark(r: Remark): string {
  const head = `${KIND_LABELS[r.kind]}: ${r.message}${r.function ? `  (in ${r.function})` : ''}`;
  const flow = r.flow.map((s) => `    ${s.message}  @ ${stepPlace(s)}`);
  return [head, ...flow].join('\n');
}

export function lineMarksFor(path: string, remarks: Remark[], stale: boolean, runId: string): EditorLineMark[] {
  const byLine = new Map<number, Remark[]>();
  for (const r of remarks) byLine.set(r.line, [...(byLine.get(r.line) ?? []), r]);
  return [...byLine].map(([line, rs]) => {
    rs.sort((a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) || a.column - b.column);
    const top = rs[0]!;
    const heap = rs.filter((r) => r.kind === 'escape').length;
    const bounds = rs.filter((r) => r.kind === 'boundsCheck').length;
    const hint = [heap ? `heap ×${heap}` : '', bounds ? `bounds check ×${bounds}` : ''].filter(Boolean).join(' · ');
    const staleNote = stale ? `\n\nSTALE: this file changed after run ${runId}; capture again for current positions.` : '';
    return {
      path,
      line,
      glyphClassName: `remark-glyph remark-${stale ? 'stale' : top.kind}`,
      hover: rs.map(describeRemark).join('\n\n') + staleNote,
      ...(hint ? { after: hint, afterClassName: 'remark-hint' } : {}),
    };
  });
}

export function showRemarksInEditor(files: Array<{ path: string; remarks: Remark[]; stale: boolean }>, kinds: RemarkKind[], runId: string): number {
  const allowed = new Set(kinds);
  const lines = files.flatMap((f) => lineMarksFor(f.path, f.remarks.filter((r) => allowed.has(r.kind)), f.stale, runId));
  editorMarks.set('remarks', [], lines);
  return lines.length;
}

export function clearRemarksInEditor(): void {
  editorMarks.clear('remarks');
}
