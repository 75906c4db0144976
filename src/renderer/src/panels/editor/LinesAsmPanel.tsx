// Beside the source: the machine instructions of the lines selected in the editor (the cursor alone:
// its function), from the newest binary a run kept or the compiler's -S, with the compiler's remarks
// on those lines. Hovering an instruction highlights its source line in the editor, and the reverse.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LinesAsm } from '../../../../shared/contract/linesAsm';
import { errorMessage } from '../../../../shared/rpc';
import type { ViewProps } from '../viewProps';
import { editorMarks } from '../../editor/editorMarks';
import { editorActions } from '../../editor/editorActions';
import { preferSsaTab } from '../../workbenchBus';
import { AsmListing } from './AsmListing';
import { originText } from './linesAsmModel';
import { onLinesRequest, requestOf, takeLinesRequest, useSourceEditor, type LinesRequest } from './linesAsmEditor';
import './linesAsm.css';

const OWNER = 'linesAsm';
/** A selection being dragged asks once it rests. */
const SETTLE_MS = 250;

export function LinesAsmPanel({ api, workspace, openSource }: ViewProps) {
  const editor = useSourceEditor();
  const root = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const [compile, setCompile] = useState(false);
  const [req, setReq] = useState<LinesRequest | null>(null);
  // The last answer (kept on screen while the next one is asked) and what it answered.
  const [done, setDone] = useState<{ key: string; result: LinesAsm | null; error: string | null }>({ key: '', result: null, error: null });
  const [refreshes, setRefreshes] = useState(0);
  const [hotLine, setHotLine] = useState<number | null>(null);
  const [editorLine, setEditorLine] = useState<{ path: string; line: number } | null>(null);
  // A new request only when it asks something else (selection events repeat, the view shows again).
  const ask = useCallback((r: LinesRequest | null) => setReq((old) => (r && JSON.stringify(r) !== JSON.stringify(old) ? r : old)), []);

  // Requests: the context menu / lens, and (when following) the editor's selection while this view shows.
  useEffect(() => {
    const take = () => ask(takeLinesRequest() ?? (editor ? requestOf(editor) : null));
    take();
    const off = onLinesRequest(take);
    if (!editor) return off;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (follow && root.current?.offsetParent) ask(requestOf(editor));
      }, SETTLE_MS);
    };
    const subs = [editor.onDidChangeCursorSelection(changed), editor.onDidChangeModel(changed)];
    // The editor's hovered line lights the instructions generated for it.
    const move = editor.onMouseMove((e) => {
      const path = editor.getModel()?.uri.path.slice(1);
      const line = e.target.position?.lineNumber;
      setEditorLine(path && line ? { path, line } : null);
    });
    // Shown again after another view: the selection may have moved meanwhile.
    const shown = new ResizeObserver(() => follow && root.current?.offsetParent && ask(requestOf(editor)));
    if (root.current) shown.observe(root.current);
    const leave = editor.onMouseLeave(() => setEditorLine(null));
    return () => {
      off();
      clearTimeout(timer);
      subs.forEach((s) => s.dispose());
      move.dispose();
      leave.dispose();
      shown.disconnect();
    };
  }, [editor, follow, ask]);

  const key = req && workspace ? JSON.stringify([req, compile, refreshes]) : '';
  const busy = key !== '' && key !== done.key;
  const result = done.result;
  const error = done.key === key ? done.error : null;
  useEffect(() => {
    if (!key || !req) return;
    let live = true;
    api.call('binary.linesAsm', { ...req, compile }).then(
      (r) => live && setDone({ key, result: r, error: null }),
      (err) => live && setDone((d) => ({ key, result: d.result, error: errorMessage(err) })),
    );
    return () => {
      live = false;
    };
  }, [api, key, req, compile]);

  // An instruction hovered here lights its line in the editor.
  const hover = (line: number | null) => {
    setHotLine(line);
    if (line === null || !result) editorMarks.clear(OWNER);
    else editorMarks.set(OWNER, [], [{ path: result.path, line, className: 'asm-hot-line' }]);
  };
  useEffect(() => () => editorMarks.clear(OWNER), []);

  const genssa = (line: number) => {
    const action = editorActions.find((a) => a.id === 'gopsy.showSsa');
    if (!action || !result) return;
    preferSsaTab('genssa');
    action.run({ path: result.path, line, lineText: result.source[line - result.from] ?? '' });
  };

  const count = result?.blocks.reduce((n, b) => n + b.instructions.length, 0) ?? 0;
  return (
    <div className="lines-asm" ref={root} data-testid="lines-asm">
      <div className="row-tools">
        <strong>Instructions</strong>
        {result && (
          <span className="mono" data-testid="asm-range">
            {result.path}:{result.from}
            {result.to > result.from ? `–${result.to}` : ''}
            {result.function ? ` · ${result.function}` : ''}
          </span>
        )}
        <label title="Ask again whenever the selection in the editor changes">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> follow the editor
        </label>
        <label title="Compile the package with -gcflags=-S instead of reading a kept binary">
          <input type="checkbox" checked={compile} onChange={(e) => setCompile(e.target.checked)} data-testid="asm-compile" /> -S
        </label>
        <button onClick={() => setRefreshes((n) => n + 1)} disabled={!req || busy}>
          Refresh
        </button>
        {busy && <span className="muted">working…</span>}
      </div>
      {!workspace && <p className="muted pad">Open a project to see the instructions of its lines.</p>}
      {workspace && !req && !result && (
        <p className="muted pad" data-testid="asm-empty">
          Select lines of a Go file in the editor (or put the cursor in a function) to see the machine instructions the compiler generated for them.
        </p>
      )}
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
      {result && (
        <>
          <div className="asm-origin muted" data-testid="asm-origin">
            {count} instructions in {result.blocks.length} function{result.blocks.length === 1 ? '' : 's'} · {originText(result)}
            {result.remarksNote ? ` · ${result.remarksNote}` : ''}
          </div>
          {result.notes.map((n) => (
            <div key={n} className="banner warn" role="status">
              {n}
            </div>
          ))}
          <AsmListing
            result={result}
            hotLine={hotLine ?? (editorLine?.path === result.path ? editorLine.line : null)}
            onHover={hover}
            onGenssa={genssa}
            onOpen={(path, line) => (path.startsWith('/') ? undefined : openSource({ path, line }))}
          />
        </>
      )}
    </div>
  );
}
