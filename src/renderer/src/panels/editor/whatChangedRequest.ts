// "What changed" for the function under the cursor: the edit bar's button and the editor's context
// menu record the place and show the What changed view, which takes the request when it mounts (or at
// once when it is mounted already), like Show SSA does.
import { registerEditorAction, type EditorActionContext } from '../../editor/editorActions';
import { showView } from '../../workbenchBus';

export interface WhatChangedRequest {
  path: string;
  line: number;
}

export const WHAT_CHANGED_VIEW = 'whatChanged';

let pending: WhatChangedRequest | null = null;
const listeners = new Set<() => void>();

export function takeWhatChangedRequest(): WhatChangedRequest | null {
  const r = pending;
  pending = null;
  return r;
}

export function onWhatChangedRequest(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function requestWhatChanged(req: WhatChangedRequest): void {
  if (!req.path.endsWith('.go')) return;
  pending = req;
  showView(WHAT_CHANGED_VIEW);
  listeners.forEach((l) => l());
}

registerEditorAction({ id: 'gopsy.whatChanged', label: 'What changed (since the first save)', run: ({ path, line }: EditorActionContext) => requestWhatChanged({ path, line }) });
