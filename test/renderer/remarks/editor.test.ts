// The renderer's remark presentation on real remarks of the sample: one glyph per line with the
// most telling kind, plain-text hovers with the flow, hints for heap and bounds checks, stale marks,
// and the flow graph's nodes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRemarkText, remarksFromLogopt } from '../../../src/core/remarks';
import { describeRemark, lineMarksFor, showRemarksInEditor } from '../../../src/renderer/src/panels/remarks/editorRemarks';
import { flowNodes, stepPlace } from '../../../src/renderer/src/panels/remarks/flowNodes';
import { editorMarks } from '../../../src/renderer/src/editor/editorMarks';

const store = parseRemarkText(readFileSync(path.join(__dirname, '../../fixtures/remarks/inventory/m2.txt'), 'utf8')).remarks.filter(
  (r) => r.file === 'store/store.go' && r.package === 'example.com/inventory/store',
);

describe('remarks in the editor', () => {
  it('marks each line once, escape first, with the flow in the hover and a hint', () => {
    const marks = lineMarksFor('store/store.go', store, false, 'r1');
    expect(new Set(marks.map((m) => m.line)).size).toBe(marks.length);
    const l40 = marks.find((m) => m.line === 40)!;
    expect(l40.glyphClassName).toBe('remark-glyph remark-escape');
    expect(l40.after).toBe('heap ×1 · bounds check ×2');
    expect(l40.hover).toContain('heap: out escapes to heap  (in (*Store).Items)');
    expect(l40.hover).toContain('    from sort.Slice(out, func literal) (call parameter)  @ store/store.go:40:12');
    expect(marks.find((m) => m.line === 35)!.glyphClassName).toBe('remark-glyph remark-cannotInline');
  });

  it('greys out a stale file and says why; filters by kind', () => {
    const stale = lineMarksFor('store/store.go', store, true, 'r1');
    expect(stale.every((m) => m.glyphClassName === 'remark-glyph remark-stale' && m.hover!.includes('STALE'))).toBe(true);
    const n = showRemarksInEditor([{ path: 'store/store.go', remarks: store, stale: false }], ['boundsCheck'], 'r1');
    expect(n).toBe(1);
    expect(editorMarks.forFile('store/store.go').find((o) => o.owner === 'remarks')!.lines.map((l) => l.line)).toEqual([40]);
  });

  it('draws the escape flow as allocation → flow locations', () => {
    const alloc = store.find((r) => r.kind === 'escape' && r.line === 36)!;
    const nodes = flowNodes(alloc);
    expect(nodes.map((n) => n.title)).toEqual([
      'make([]Item, 0, len(s.items)) escapes to heap',
      'out ← &{storage for make([]Item, 0, len(s.items))}',
      '{storage for out} ← out',
    ]);
    expect(nodes[2]!.reasons.map((s) => `${s.message} ${s.line}:${s.column}`)).toEqual(['from out (interface-converted) 40:13']);
  });

  it('names the file of a step that lies in another file (an inlined call in flag/flag.go)', () => {
    const file = path.join(__dirname, '../../fixtures/compare/go1.26.8/logopt/main/main.json');
    const remarks = remarksFromLogopt(readFileSync(file, 'utf8'), 'main/main.json').remarks;
    const inlined = remarks.find((r) => r.flow.some((s) => s.message === 'inlined here' && s.file.endsWith('/src/flag/flag.go')))!;
    const step = inlined.flow.find((s) => s.file.endsWith('/src/flag/flag.go'))!;
    expect(inlined.file).toMatch(/main\.go$/);
    expect(stepPlace(step)).toBe(`flag/flag.go:${step.line}:${step.column}`);
    expect(describeRemark(inlined)).toContain(`    inlined here  @ flag/flag.go:${step.line}:${step.column}`);
  });
});
