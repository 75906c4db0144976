// "Show SSA" in the source editor: the context menu (and F1) for the cursor's line, and a code lens
// above every func and method declaration. Both only record the place and switch to the SSA view; the
// view, which has the API, maps the line to a compiled function and captures it. The request is kept
// until the view takes it, because the view mounts after the switch.
import { registerEditorAction, registerEditorCodeLens, type EditorActionContext } from '../../editor/editorActions';
import { viewRequests } from '../../workbenchBus';
import { funcDecls } from '../../../../core/ssa/names';

export interface ShowSsaRequest {
  /** Project-relative path of the Go file. */
  path: string;
  line: number;
}

const requests = viewRequests<ShowSsaRequest>('ssa');
/** The request not yet handled, taken once. */
export const takeShowSsaRequest = requests.take;
/** Called when a request arrives while the SSA view is already mounted. */
export const onShowSsaRequest = requests.onRequest;

/** Switches to the SSA view and captures the function at a line (the editor's action, a Compile cost row). */
export function requestShowSsa({ path, line }: ShowSsaRequest): void {
  if (path.endsWith('.go')) requests.request({ path, line });
}

const showSsa = ({ path, line }: EditorActionContext): void => requestShowSsa({ path, line });

registerEditorAction({ id: 'gopsy.showSsa', label: 'Show SSA', run: showSsa });

registerEditorCodeLens({
  id: 'gopsy.showSsa.lens',
  language: 'go',
  title: 'Show SSA',
  lines: (text) => funcDecls(text).map((d) => ({ line: d.line, tooltip: `Compile and show the SSA of ${d.name}` })),
  run: showSsa,
});
