// The source view: a Monaco editor with one model per opened file, and a status line. Read-only unless
// the parent makes it editable (EditableSource: saving, drafts and conflicts live there).
import { useEffect, useRef, useState } from 'react';
import type { FileContent } from '../../../../shared/api';
import { byteColumnToUtf16 } from '../../../../core/locations';
import { monaco } from './monaco';
import { languageOf, modelUri } from './editorUri';
import { escapeMarkdown } from './plainMarkdown';
import { editorMarks, useEditorMarksVersion, type MarkSeverity } from '../../editor/editorMarks';
import { editorActions, editorCodeLenses } from '../../editor/editorActions';
import { loadState, saveState } from '../../state/persist';

const SEVERITY: Record<MarkSeverity, monaco.MarkerSeverity> = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
  hint: monaco.MarkerSeverity.Hint,
};

export interface RevealRequest {
  path: string;
  line: number;
  /** 1-based byte column as the toolchain prints it. */
  byteColumn?: number;
  /** Changes on every request so that revealing the same place twice works. */
  seq: number;
}

/** A mark on one line of the open file, from a feature (breakpoints, the debugger's current line). */
export interface LineDecoration {
  line: number;
  /** Whole-line class. */
  className?: string;
  /** Class of the glyph in the gutter. */
  glyphClassName?: string;
  hover?: string;
}

interface Props {
  file: FileContent | null;
  reveal: RevealRequest | null;
  decorations?: LineDecoration[];
  /** A click in the glyph margin (left of the line numbers). */
  onGutterClick?: (line: number) => void;
  /** Right-click in the glyph margin, or the context menu's "Edit Breakpoint…". */
  onGutterEdit?: (line: number) => void;
  /** Said in the editor's place while no file is open (what to do instead). */
  emptyText?: string;
  /** Edits allowed; onTextChange gets the text after each edit. */
  editable?: boolean;
  onTextChange?: (text: string) => void;
  onCursorLine?: (line: number) => void;
}


export function SourceEditor({ file, reveal, decorations: lineDecorations, onGutterClick, onGutterEdit, emptyText, editable, onTextChange, onCursorLine }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const decorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const extra = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const featureLines = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const marksVersion = useEditorMarksVersion();
  const [cursor, setCursor] = useState({ line: 1, column: 1 });
  // Code lenses (Show SSA above each func) can be turned off; the choice is kept across restarts.
  const [codeLens, setCodeLens] = useState(() => loadState('editor.codeLens', true));
  // Callbacks change on every render of the parent; the editor's listeners read the latest ones.
  const gutter = useRef({ click: onGutterClick, edit: onGutterEdit });
  useEffect(() => {
    gutter.current = { click: onGutterClick, edit: onGutterEdit };
  }, [onGutterClick, onGutterEdit]);
  const editing = useRef({ change: onTextChange, cursor: onCursorLine });
  useEffect(() => {
    editing.current = { change: onTextChange, cursor: onCursorLine };
  }, [onTextChange, onCursorLine]);

  useEffect(() => {
    const editor = monaco.editor.create(host.current!, {
      readOnly: true,
      automaticLayout: true,
      theme: 'vs-dark',
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      renderWhitespace: 'selection',
      glyphMargin: true,
      // The default ('editable') hides squiggles in a read-only editor; compile errors must show.
      renderValidationDecorations: 'on',
    });
    editorRef.current = editor;
    decorations.current = editor.createDecorationsCollection();
    extra.current = editor.createDecorationsCollection();
    featureLines.current = editor.createDecorationsCollection();
    // Actions features registered (Show SSA, ...): they get the file and line under the cursor.
    const featureActions = editorActions.map((a) =>
      editor.addAction({
        id: a.id,
        label: a.label,
        ...(a.menu === false ? {} : { contextMenuGroupId: 'navigation' }),
        ...(a.keybinding ? { keybindings: [a.keybinding] } : {}),
        run: (ed) => {
          const model = ed.getModel();
          const line = ed.getPosition()?.lineNumber;
          if (!model || !line) return;
          a.run({ path: model.uri.path.slice(1), line, lineText: model.getLineContent(line) });
        },
      }),
    );
    // Code lenses features registered (Show SSA above each func). Their command is this editor's own
    // (a unique id, disposed with the editor: addCommand would leave it registered), in the renderer, so
    // the lenses work the same in the browser host and the Electron window. The provider answers for
    // this editor's files only.
    const lensCommand = `gopsy.lens.${editor.getId()}`;
    const lensCommandReg = monaco.editor.registerCommand(lensCommand, (_accessor: unknown, lensId: string, path: string, line: number) => {
      const model = editor.getModel();
      const lens = editorCodeLenses.find((l) => l.id === lensId);
      if (!lens || !model || model.uri.path.slice(1) !== path || line < 1 || line > model.getLineCount()) return;
      lens.run({ path, line, lineText: model.getLineContent(line) });
    });
    const lensProviders = [...new Set(editorCodeLenses.map((l) => l.language))].map((language) =>
      monaco.languages.registerCodeLensProvider(language, {
        provideCodeLenses: (model) => {
          // Files read outside the project (authority ext) have no lenses: their features need a project file.
          if (model !== editor.getModel() || model.uri.scheme !== 'gopsy' || model.uri.authority) return { lenses: [], dispose: () => {} };
          const path = model.uri.path.slice(1);
          const text = model.getLinesContent();
          const lenses = editorCodeLenses
            .filter((l) => l.language === language)
            .flatMap((l) =>
              l.lines(text, path).map(({ line, tooltip }) => ({
                range: new monaco.Range(line, 1, line, 1),
                command: { id: lensCommand, title: l.title, tooltip, arguments: [l.id, path, line] },
              })),
            );
          return { lenses, dispose: () => {} };
        },
      }),
    );
    const sub = editor.onDidChangeCursorPosition((e) => {
      setCursor({ line: e.position.lineNumber, column: e.position.column });
      editing.current.cursor?.(e.position.lineNumber);
    });
    // Edits only: a flush is the file's own text being set (another file opened, a reload).
    const typed = editor.onDidChangeModelContent((e) => !e.isFlush && editing.current.change?.(editor.getValue()));
    const mouse = editor.onMouseDown((e) => {
      const line = e.target.position?.lineNumber;
      if (e.target.type !== monaco.editor.MouseTargetType.GUTTER_GLYPH_MARGIN || !line) return;
      if (e.event.rightButton) gutter.current.edit?.(line);
      else if (e.event.leftButton) gutter.current.click?.(line);
    });
    const action = editor.addAction({
      id: 'gopsy.editBreakpoint',
      label: 'Edit Breakpoint…',
      contextMenuGroupId: 'navigation',
      run: (ed) => {
        const line = ed.getPosition()?.lineNumber;
        if (line) gutter.current.edit?.(line);
      },
    });
    return () => {
      sub.dispose();
      typed.dispose();
      mouse.dispose();
      action.dispose();
      featureActions.forEach((a) => a.dispose());
      lensProviders.forEach((p) => p.dispose());
      lensCommandReg.dispose();
      editor.dispose();
      monaco.editor.getModels().forEach((m) => m.dispose());
    };
  }, []);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly: !editable });
  }, [editable, file]);

  useEffect(() => {
    editorRef.current?.updateOptions({ codeLens });
    saveState('editor.codeLens', codeLens);
  }, [codeLens]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    if (!file) {
      editor.setModel(null);
      return;
    }
    const uri = modelUri(file.path);
    let model = monaco.editor.getModel(uri);
    if (model) {
      if (model.getValue() !== file.text) model.setValue(file.text);
    } else {
      model = monaco.editor.createModel(file.text, languageOf(file.path), uri);
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

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model || !extra.current) return;
    const count = model.getLineCount();
    extra.current.set(
      (lineDecorations ?? [])
        .filter((d) => d.line >= 1 && d.line <= count)
        .map((d) => ({
          range: new monaco.Range(d.line, 1, d.line, 1),
          options: {
            isWholeLine: !!d.className,
            ...(d.className ? { className: d.className } : {}),
            ...(d.glyphClassName ? { glyphMarginClassName: d.glyphClassName } : {}),
            ...(d.hover ? { glyphMarginHoverMessage: { value: escapeMarkdown(d.hover), isTrusted: false, supportHtml: false } } : {}),
          },
        })),
    );
  }, [lineDecorations, file]);

  // Markers and line marks of every feature for the open file (converted from byte columns).
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model || !file || !featureLines.current) return;
    const count = model.getLineCount();
    const inRange = (line: number) => line >= 1 && line <= count;
    const lines: monaco.editor.IModelDeltaDecoration[] = [];
    for (const { owner, marks, lines: lineMarks } of editorMarks.forFile(file.path)) {
      monaco.editor.setModelMarkers(
        model,
        `gopsy.${owner}`,
        marks
          .filter((m) => inRange(m.line))
          .map((m) => {
            const text = model.getLineContent(m.line);
            const start = m.byteColumn ? byteColumnToUtf16(text, m.byteColumn) : 1;
            const end = m.endByteColumn ? byteColumnToUtf16(text, m.endByteColumn) : Math.max(start + 1, text.length + 1);
            return {
              startLineNumber: m.line,
              endLineNumber: m.line,
              startColumn: start,
              endColumn: end,
              severity: SEVERITY[m.severity],
              message: m.message,
              ...(m.source ? { source: m.source } : {}),
            };
          }),
      );
      for (const d of lineMarks) {
        if (!inRange(d.line)) continue;
        lines.push({
          range: new monaco.Range(d.line, 1, d.line, 1),
          options: {
            isWholeLine: true,
            ...(d.className ? { className: d.className } : {}),
            ...(d.glyphClassName ? { glyphMarginClassName: d.glyphClassName } : {}),
            ...(d.hover ? { glyphMarginHoverMessage: { value: escapeMarkdown(d.hover), isTrusted: false, supportHtml: false } } : {}),
          },
        });
        // An inline hint is injected text after the end of the line: it needs a range that ends there
        // (the whole-line decoration above sits at column 1, where `after` would go before the code).
        if (d.after) {
          const end = model.getLineMaxColumn(d.line);
          lines.push({
            range: new monaco.Range(d.line, end, d.line, end),
            options: { showIfCollapsed: true, after: { content: ` ${d.after}`, inlineClassName: d.afterClassName ?? 'inline-hint' } },
          });
        }
      }
    }
    featureLines.current.set(lines);
  }, [file, marksVersion]);

  return (
    <div className="editor-pane">
      <div className="editor-host" ref={host} data-testid="editor" />
      {!file && emptyText && (
        <p className="editor-empty muted" data-testid="editor-empty">
          {emptyText}
        </p>
      )}
      <div className="status-line" data-testid="editor-status">
        <span>{file ? file.path : 'No file open'}</span>
        {file?.origin && <span data-testid="editor-origin">{file.origin}</span>}
        <span data-testid="cursor-position">
          Ln {cursor.line}, Col {cursor.column}
        </span>
        <label className="status-toggle" title="the Show SSA links above each func and method">
          <input type="checkbox" checked={codeLens} onChange={(e) => setCodeLens(e.target.checked)} data-testid="code-lens-toggle" /> code lens
        </label>
        <span>{file && !editable ? 'read-only' : ''}</span>
      </div>
    </div>
  );
}
