// A bundle's source file in a read-only Monaco of its own (its own models, so the project's editor
// and this one never share or dispose each other's).
import { useEffect, useRef } from 'react';
import { monaco } from '../editor/monaco';

export function BundleSource({ bundleId, path, text, line }: { bundleId: string; path: string; text: string; line?: number }) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);

  useEffect(() => {
    editor.current = monaco.editor.create(host.current!, {
      readOnly: true,
      automaticLayout: true,
      theme: 'vs-dark',
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      model: null,
    });
    return () => editor.current?.dispose();
  }, []);

  useEffect(() => {
    const uri = monaco.Uri.from({ scheme: 'gopsy-bundle', authority: bundleId, path: '/' + path });
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(text, path.endsWith('.go') ? 'go' : 'plaintext', uri);
    editor.current?.setModel(model);
    return () => model.dispose();
  }, [bundleId, path, text]);

  useEffect(() => {
    const ed = editor.current;
    if (!ed || !line) return;
    ed.setPosition({ lineNumber: line, column: 1 });
    ed.revealLineInCenter(line);
  }, [line, path, text]);

  return <div className="bundle-source" ref={host} data-testid="bundle-source" />;
}
