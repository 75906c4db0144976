// The source view: a read-only Monaco editor with one model per opened file, and a status line.
import { useEffect, useRef, useState } from 'react';
import type { FileContent } from '../../../../shared/api';
import { byteColumnToUtf16 } from '../../../../core/locations';
import { monaco } from './monaco';

export interface RevealRequest {
  path: string;
  line: number;
  /** 1-based byte column as the toolchain prints it. */
  byteColumn?: number;
  /** Changes on every request so that revealing the same place twice works. */
  seq: number;
}

interface Props {
  file: FileContent | null;
  reveal: RevealRequest | null;
}

export function SourceEditor({ file, reveal }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const decorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const [cursor, setCursor] = useState({ line: 1, column: 1 });

  useEffect(() => {
    const editor = monaco.editor.create(host.current!, {
      readOnly: true,
      automaticLayout: true,
      theme: 'vs-dark',
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      renderWhitespace: 'selection',
    });
    editorRef.current = editor;
    decorations.current = editor.createDecorationsCollection();
    const sub = editor.onDidChangeCursorPosition((e) =>
      setCursor({ line: e.position.lineNumber, column: e.position.column }),
    );
    return () => {
      sub.dispose();
      editor.dispose();
      monaco.editor.getModels().forEach((m) => m.dispose());
    };
  }, []);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    if (!file) {
      editor.setModel(null);
      return;
    }
    const uri = monaco.Uri.from({ scheme: 'gopsy', path: '/' + file.path });
    let model = monaco.editor.getModel(uri);
    if (model) {
      if (model.getValue() !== file.text) model.setValue(file.text);
    } else {
      const language = file.path.endsWith('.go') ? 'go' : 'plaintext';
      model = monaco.editor.createModel(file.text, language, uri);
    }
    if (editor.getModel() !== model) editor.setModel(model);
  }, [file]);

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || !reveal || !file || reveal.path !== file.path) return;
    const line = Math.min(Math.max(reveal.line, 1), model.getLineCount());
    const column = reveal.byteColumn ? byteColumnToUtf16(model.getLineContent(line), reveal.byteColumn) : 1;
    editor.setPosition({ lineNumber: line, column });
    editor.revealLineInCenter(line);
    decorations.current?.set([
      { range: new monaco.Range(line, 1, line, 1), options: { isWholeLine: true, className: 'revealed-line' } },
    ]);
    editor.focus();
  }, [reveal, file]);

  return (
    <div className="editor-pane">
      <div className="editor-host" ref={host} data-testid="editor" />
      <div className="status-line" data-testid="editor-status">
        <span>{file ? file.path : 'No file open'}</span>
        <span data-testid="cursor-position">
          Ln {cursor.line}, Col {cursor.column}
        </span>
        <span>{file ? 'read-only' : ''}</span>
      </div>
    </div>
  );
}
