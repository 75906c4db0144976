// The open project as the window shows it: its workspace state, its package tree, and the file in
// the source editor (with the place to reveal and the error of the last file that failed to open).
// A project opened (at start, from the dialog, or from the Electron menu) reloads what depends on it.
import { useCallback, useEffect, useState } from 'react';
import type { FileContent, GopsyApi, ProjectTree as Tree, WorkspaceState } from '../../../shared/api';
import type { RevealRequest } from '../panels/editor/SourceEditor';
import type { GodebugStore } from '../panels/runtime/store';
import { firstFile } from '../panels/tree/firstFile';
import { loadState, saveState } from '../state/persist';

const message = (err: unknown) => (err as Error)?.message ?? String(err);

export function useProject(api: GopsyApi, godebug: GodebugStore) {
  const [workspace, setWorkspace] = useState<WorkspaceState | null>(null);
  const [tree, setTree] = useState<Tree | null>(null);
  const [treeLoading, setTreeLoading] = useState(false);
  const [file, setFile] = useState<FileContent | null>(null);
  const [reveal, setReveal] = useState<RevealRequest | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const openFile = useCallback(
    async (path: string, at?: { line: number; byteColumn?: number }) => {
      try {
        const content = await api.call('workspace.readFile', { path });
        setFile(content);
        setFileError(null);
        if (at) setReveal({ path: content.path, line: at.line, byteColumn: at.byteColumn, seq: Date.now() });
        if (workspace) saveState(`file:${workspace.root}`, content.path);
      } catch (err) {
        setFileError(message(err));
      }
    },
    [api, workspace],
  );

  const loadTree = useCallback(async (): Promise<Tree | null> => {
    setTreeLoading(true);
    try {
      const t = await api.call('workspace.tree', {});
      setTree(t);
      return t;
    } catch (err) {
      setTree({ packages: [], moduleFiles: [], error: message(err) });
      return null;
    } finally {
      setTreeLoading(false);
    }
  }, [api]);

  const applyWorkspace = useCallback(
    (ws: WorkspaceState | null) => {
      setWorkspace(ws);
      setFile(null);
      if (!ws) return;
      void godebug.loadProfiles().catch(() => {}); // user profiles are per project
      const tree = loadTree();
      // The file open last time in this project; the first time, the program's entry (or the first Go
      // file), so the editor does not open empty. A file the user opened meanwhile is left alone.
      const last = loadState<string | null>(`file:${ws.root}`, null);
      const first = last ? Promise.resolve(last) : tree.then((t) => (t ? firstFile(t) : null));
      void first
        .then((path) => (path ? api.call('workspace.readFile', { path }) : null))
        .then((content) => content && setFile((cur) => cur ?? content))
        .catch(() => {});
    },
    [api, loadTree, godebug],
  );

  useEffect(() => {
    void api.call('workspace.current', {}).then(applyWorkspace);
    return api.on('workspace.changed', applyWorkspace);
  }, [api, applyWorkspace]);

  return { workspace, tree, treeLoading, loadTree, file, reveal, fileError, setFileError, openFile };
}
