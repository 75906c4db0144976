// Two phases side by side in Monaco's diff editor, over gopsy's own text rendering of each phase.
import { useEffect, useRef } from 'react';
import { monaco } from '../editor/monaco';

export function DiffView({ left, right }: { left: string; right: string }) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneDiffEditor | null>(null);
  useEffect(() => {
    const e = monaco.editor.createDiffEditor(host.current!, {
      readOnly: true,
      automaticLayout: true,
      theme: 'vs-dark',
      minimap: { enabled: false },
      fontSize: 12,
      renderSideBySide: true,
    });
    editor.current = e;
    return () => {
      const m = e.getModel();
      e.dispose();
      m?.original.dispose();
      m?.modified.dispose();
    };
  }, []);
  useEffect(() => {
    const e = editor.current;
    if (!e) return;
    const old = e.getModel();
    e.setModel({ original: monaco.editor.createModel(left, 'plaintext'), modified: monaco.editor.createModel(right, 'plaintext') });
    old?.original.dispose();
    old?.modified.dispose();
  }, [left, right]);
  return <div className="ssa-diff" ref={host} data-testid="ssa-diff" />;
}
