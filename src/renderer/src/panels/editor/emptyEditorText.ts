// What the source editor says when no file is open: what to do next, given a project, an opened
// bundle (read in the views, no Go needed), or neither.
import type { WorkspaceState } from '../../../../shared/api';
import type { BundleSummary } from '../../../../shared/contract/bundle';
import { bundleName } from '../../hooks/useOpenBundle';

export function emptyEditorText(workspace: WorkspaceState | null, readingBundle: BundleSummary | null): string {
  return workspace
    ? 'No file is open: pick one in the project tree.'
    : readingBundle
      ? `No project is open. ${bundleName(readingBundle)}.gopsy is read in the Session view (its notes and saved files) and in the Build, Remarks, SSA and Runtime views.`
      : 'No project is open: Open Folder… (Ctrl+O), or Open Session… in the Session view for a .gopsy bundle.';
}
