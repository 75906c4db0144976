// "Show SSA" in the source editor's context menu (and F1). The action only records where the cursor is
// and switches to the SSA view; the view, which has the API, maps the line to a compiled function and
// captures it. The request is kept until the view takes it, because the view mounts after the switch.
import { registerEditorAction } from '../../editor/editorActions';
import { showView } from '../../workbenchBus';

export interface ShowSsaRequest {
  /** Project-relative path of the Go file. */
  path: string;
  line: number;
}

let pending: ShowSsaRequest | null = null;
const listeners = new Set<() => void>();

/** The request not yet handled, taken once. */
export function takeShowSsaRequest(): ShowSsaRequest | null {
  const r = pending;
  pending = null;
  return r;
}

/** Called when a request arrives while the SSA view is already mounted. */
export function onShowSsaRequest(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

registerEditorAction({
  id: 'gopsy.showSsa',
  label: 'Show SSA',
  run: ({ path, line }) => {
    if (!path.endsWith('.go')) return;
    pending = { path, line };
    showView('ssa');
    listeners.forEach((l) => l());
  },
});
