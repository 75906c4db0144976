// "What changed" for the function under the cursor: the edit bar's button and the editor's context
// menu record the place and show the What changed view, which takes the request when it mounts (or at
// once when it is mounted already), like Show SSA does.
import { registerEditorAction, type EditorActionContext } from '../../editor/editorActions';
import { viewRequests } from '../../workbenchBus';

export interface WhatChangedRequest {
  path: string;
  line: number;
}

export const WHAT_CHANGED_VIEW = 'whatChanged';

const requests = viewRequests<WhatChangedRequest>(WHAT_CHANGED_VIEW);
export const takeWhatChangedRequest = requests.take;
export const onWhatChangedRequest = requests.onRequest;

export function requestWhatChanged(req: WhatChangedRequest): void {
  if (req.path.endsWith('.go')) requests.request(req);
}

registerEditorAction({ id: 'gopsy.whatChanged', label: 'What changed (since the first save)', run: ({ path, line }: EditorActionContext) => requestWhatChanged({ path, line }) });
