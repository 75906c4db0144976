// The instructions panel's link to the source editor, without changing the editor component: it finds
// the Monaco editor that shows project files, follows its selection and the line under the mouse, and
// adds "Show Instructions" to its context menu and an "Instructions" lens above each func.
import { useEffect, useState } from 'react';
import { monaco } from './monaco';
import { registerEditorAction, registerEditorCodeLens, type EditorActionContext } from '../../editor/editorActions';
import { showView } from '../../workbenchBus';
import { funcDecls } from '../../../../core/ssa/names';
import { selectionLines } from './linesAsmModel';

/** The view's id in panels/registry.ts. */
export const LINES_ASM_VIEW = 'asm';

export interface LinesRequest {
  path: string;
  from: number;
  to: number;
  widen: boolean;
}

type Editor = monaco.editor.ICodeEditor;
const isSourceEditor = (e: Editor) => e.getContainerDomNode().classList.contains('editor-host');

/** The source editor, once it exists (it is created after the first render). */
export function useSourceEditor(): Editor | null {
  const [editor, setEditor] = useState<Editor | null>(() => monaco.editor.getEditors().find(isSourceEditor) ?? null);
  useEffect(() => {
    const sub = monaco.editor.onDidCreateEditor((e) => {
      // The host element is attached right after creation.
      queueMicrotask(() => isSourceEditor(e) && setEditor(e));
    });
    return () => sub.dispose();
  }, []);
  return editor;
}

/** The lines the editor's selection asks about, or null without a project file. */
export function requestOf(editor: Editor): LinesRequest | null {
  const model = editor.getModel();
  const sel = editor.getSelection();
  if (!model || !sel || model.uri.scheme !== 'gopsy' || !model.uri.path.endsWith('.go')) return null;
  const lines = selectionLines({ startLine: sel.startLineNumber, startColumn: sel.startColumn, endLine: sel.endLineNumber, endColumn: sel.endColumn });
  return { path: model.uri.path.slice(1), ...lines };
}

let pending: LinesRequest | null = null;
const listeners = new Set<() => void>();

/** A request from the context menu or a lens, taken once by the panel. */
export function takeLinesRequest(): LinesRequest | null {
  const r = pending;
  pending = null;
  return r;
}

export function onLinesRequest(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function request(r: LinesRequest | null): void {
  pending = r;
  showView(LINES_ASM_VIEW);
  listeners.forEach((l) => l());
}

registerEditorAction({
  id: 'gopsy.showInstructions',
  label: 'Show Instructions',
  // The selection, not only the cursor's line: the panel reads it from the editor.
  run: () => request(null),
});

registerEditorCodeLens({
  id: 'gopsy.showInstructions.lens',
  language: 'go',
  title: 'Instructions',
  lines: (text) => funcDecls(text).map((d) => ({ line: d.line, tooltip: `The machine instructions of ${d.name}` })),
  run: ({ path, line }: EditorActionContext) => request({ path, from: line, to: line, widen: true }),
});
