// Files saved from the editor (any window), as the backend announces them (workspace.fileSaved): views
// built from a file ask which of their files were saved after they were made, and say they are stale.
import { useEffect, useState } from 'react';
import type { GopsyApi } from '../../../shared/api';
import type { FileSaved } from '../../../shared/contract/edits';

/** Saves since `since` (ms) whose path `match` accepts, newest last; the list follows new saves. */
export function useSavedSince(api: GopsyApi, since: number | null, match: (path: string) => boolean = () => true): string[] {
  const [saved, setSaved] = useState<FileSaved[]>([]);
  useEffect(() => api.on('workspace.fileSaved', (e) => setSaved((list) => [...list.filter((x) => x.path !== e.path), e])), [api]);
  if (since === null) return [];
  return saved.filter((e) => e.at > since && match(e.path)).map((e) => e.path);
}
