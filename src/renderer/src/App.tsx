// The workbench: toolbar, project tree, source view and consoles, wired to the backend API.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type {
  ConsolePreset,
  FileContent,
  GopsyApi,
  HostInfo,
  ProjectTree as Tree,
  ToolchainInfo,
  WorkspaceState,
} from '../../shared/api';
import type { SourceLocation } from '../../core/locations';
import { ConsoleStore } from './state/consoleStore';
import { loadState, saveState } from './state/persist';
import { Toolbar } from './panels/toolbar/Toolbar';
import { ProjectTree } from './panels/tree/ProjectTree';
import { SourceEditor, type RevealRequest } from './panels/editor/SourceEditor';
import { ConsolePanel, type ConsoleTab } from './panels/console/ConsolePanel';
import { OpenFolderDialog } from './dialogs/OpenFolderDialog';
import { Splitter } from './Splitter';
import { views } from './views/registry';
import { requestSave } from './views/session/saveRequest';

interface Props {
  api: GopsyApi;
  onDisconnect: (listener: () => void) => void;
}

const message = (err: unknown) => (err as Error)?.message ?? String(err);

export function App({ api, onDisconnect }: Props) {
  const store = useMemo(() => new ConsoleStore(api), [api]);
  const [host, setHost] = useState<HostInfo | null>(null);
  const [workspace, setWorkspace] = useState<WorkspaceState | null>(null);
  const [toolchain, setToolchain] = useState<ToolchainInfo | null>(null);
  const [tree, setTree] = useState<Tree | null>(null);
  const [treeLoading, setTreeLoading] = useState(false);
  const [file, setFile] = useState<FileContent | null>(null);
  const [reveal, setReveal] = useState<RevealRequest | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [tabs, setTabs] = useState<ConsoleTab[]>([]);
  const [activeTab, setActiveTab] = useState<string | null>(null);
  const [consoleError, setConsoleError] = useState<string | null>(null);
  const [activeView, setActiveView] = useState(() => loadState('layout.view', 'source'));
  const [dialog, setDialog] = useState<{ recent: string[] } | null>(null);
  const [disconnected, setDisconnected] = useState(false);
  const [treeWidth, setTreeWidth] = useState(() => loadState('layout.treeWidth', 280));
  const [consoleHeight, setConsoleHeight] = useState(() => loadState('layout.consoleHeight', 300));

  useEffect(() => saveState('layout.treeWidth', treeWidth), [treeWidth]);
  useEffect(() => saveState('layout.consoleHeight', consoleHeight), [consoleHeight]);
  useEffect(() => saveState('layout.view', activeView), [activeView]);
  useEffect(() => onDisconnect(() => setDisconnected(true)), [onDisconnect]);
  // Sessions: an opened bundle and File ▸ Save Session show the Session view.
  useEffect(() => {
    void api.call('bundle.current', {}).then((b) => b && setActiveView('session'));
    const offOpened = api.on('bundle.opened', () => setActiveView('session'));
    const offSave = api.on('session.saveRequested', () => {
      requestSave();
      setActiveView('session');
    });
    return () => {
      offOpened();
      offSave();
    };
  }, [api]);

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

  const loadTree = useCallback(async () => {
    setTreeLoading(true);
    try {
      setTree(await api.call('workspace.tree', {}));
    } catch (err) {
      setTree({ packages: [], moduleFiles: [], error: message(err) });
    } finally {
      setTreeLoading(false);
    }
  }, [api]);

  // A project opened (at start, from the dialog, or from the Electron menu): reload what depends on it.
  const applyWorkspace = useCallback(
    (ws: WorkspaceState | null) => {
      setWorkspace(ws);
      setFile(null);
      if (!ws) return;
      void loadTree();
      const last = loadState<string | null>(`file:${ws.root}`, null);
      if (last) api.call('workspace.readFile', { path: last }).then(setFile, () => {});
    },
    [api, loadTree],
  );

  useEffect(() => {
    void api.call('host.info', {}).then(setHost);
    void api.call('workspace.current', {}).then(applyWorkspace);
    void api.call('toolchain.info', {}).then(setToolchain);
    const off = api.on('workspace.changed', applyWorkspace);
    const offExit = store.onExit((exit) =>
      setTabs((ts) =>
        ts.map((t) =>
          t.id === exit.id ? { ...t, status: exit.stopped ? 'stopped' : 'exited', exitCode: exit.exitCode } : t,
        ),
      ),
    );
    return () => {
      off();
      offExit();
    };
  }, [api, store, applyWorkspace]);

  const openConsole = useCallback(
    async (preset: ConsolePreset) => {
      try {
        const info = await api.call('console.open', { preset, cols: 120, rows: 24 });
        setTabs((ts) => [...ts, { ...info, status: 'running' }]);
        setActiveTab(info.id);
        setConsoleError(null);
      } catch (err) {
        setConsoleError(message(err));
      }
    },
    [api],
  );

  const stopConsole = useCallback(
    (id: string) => void api.call('console.stop', { id }).catch((err) => setConsoleError(message(err))),
    [api],
  );

  const closeConsole = useCallback(
    (id: string) => {
      void api.call('console.close', { id }).catch(() => {});
      store.forget(id);
      setTabs((ts) => {
        const rest = ts.filter((t) => t.id !== id);
        setActiveTab((a) => (a === id ? (rest[rest.length - 1]?.id ?? null) : a));
        return rest;
      });
    },
    [api, store],
  );

  const openLocation = useCallback(
    async (loc: SourceLocation | { path: string; line: number; column?: number }) => {
      const resolved = await api.call('workspace.resolveLocation', { path: loc.path }).catch(() => null);
      if (!resolved) {
        setFileError(`${loc.path} is not a file of this project.`);
        return;
      }
      setActiveView('source');
      await openFile(resolved.path, { line: loc.line, byteColumn: loc.column });
    },
    [api, openFile],
  );

  const openFolder = useCallback(async () => {
    if (host?.nativeDialogs) {
      await api.call('workspace.pick', {}).catch((err) => setFileError(message(err)));
      return;
    }
    const recent = await api.call('workspace.recent', {}).catch(() => []);
    setDialog({ recent });
  }, [api, host]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.shiftKey && e.key.toLowerCase() === 'o') {
        e.preventDefault();
        void openFolder();
      } else if (mod && !e.shiftKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        requestSave();
        setActiveView('session');
      } else if (mod && e.shiftKey && e.key.toLowerCase() === 'b') {
        e.preventDefault();
        void openConsole('build');
      } else if (e.ctrlKey && e.key === '`') {
        e.preventDefault();
        void openConsole('shell');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openFolder, openConsole]);

  return (
    <div className="workbench" style={{ gridTemplateColumns: `${treeWidth}px 4px 1fr` }}>
      <Toolbar workspace={workspace} toolchain={toolchain} onOpenFolder={() => void openFolder()} onRun={openConsole} />
      {disconnected && (
        <div className="banner error wide" role="alert">
          The connection to the gopsy backend was lost. Start gopsy again and reload this page.
        </div>
      )}
      {toolchain && !toolchain.ok && (
        <div className="banner error wide" role="alert" data-testid="toolchain-problem">
          {toolchain.problem}{' '}
          <button onClick={() => void api.call('toolchain.info', { refresh: true }).then(setToolchain)}>Retry</button>
        </div>
      )}
      {workspace?.problem && (
        <div className="banner warn wide" role="status">
          {workspace.problem}
        </div>
      )}
      <ProjectTree
        tree={tree}
        loading={treeLoading}
        selected={file?.path ?? null}
        onOpen={(p) => void openFile(p)}
        onReload={() => void loadTree()}
      />
      <Splitter direction="horizontal" size={treeWidth} min={160} max={700} sign={1} onResize={setTreeWidth} />
      <main className="main-column" style={{ gridTemplateRows: `1fr 4px ${consoleHeight}px` }}>
        <div className="editor-column">
          {views.length > 0 && (
            <div className="view-tabs" role="tablist">
              {[{ id: 'source', title: 'Source' }, ...views].map((v) => (
                <button
                  key={v.id}
                  role="tab"
                  aria-selected={activeView === v.id}
                  className={activeView === v.id ? 'active' : ''}
                  onClick={() => setActiveView(v.id)}
                >
                  {v.title}
                </button>
              ))}
            </div>
          )}
          {fileError && (
            <div className="banner error" role="alert">
              {fileError} <button onClick={() => setFileError(null)}>Dismiss</button>
            </div>
          )}
          <div className="view-body" style={{ display: activeView === 'source' || !views.some((v) => v.id === activeView) ? 'flex' : 'none' }}>
            <SourceEditor file={file} reveal={reveal} />
          </div>
          {views.map((v) =>
            activeView === v.id ? (
              <div className="view-body" key={v.id}>
                <v.component
                  api={api}
                  workspace={workspace}
                  openSource={(t) => void openLocation({ path: t.path, line: t.line, column: t.byteColumn })}
                />
              </div>
            ) : null,
          )}
        </div>
        <Splitter direction="vertical" size={consoleHeight} min={80} max={1200} sign={-1} onResize={setConsoleHeight} />
        <ConsolePanel
          api={api}
          store={store}
          tabs={tabs}
          active={activeTab}
          onActivate={setActiveTab}
          onOpen={(p) => void openConsole(p)}
          onStop={stopConsole}
          onClose={closeConsole}
          onOpenLocation={(loc) => void openLocation(loc)}
          error={consoleError}
        />
      </main>
      {dialog && (
        <OpenFolderDialog
          recent={dialog.recent}
          onCancel={() => setDialog(null)}
          onOpen={async (p) => {
            await api.call('workspace.open', { path: p });
            setDialog(null);
          }}
        />
      )}
    </div>
  );
}
