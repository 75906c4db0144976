// The workbench: toolbar, project tree, source view and consoles, wired to the backend API.
import { memo, useCallback, useEffect, useMemo, useState, useSyncExternalStore, type ComponentType } from 'react';
import type { GopsyApi, HostInfo, ToolchainInfo } from '../../shared/api';
import type { SourceLocation } from '../../core/locations';
import { errorMessage as message } from '../../shared/rpc';
import { ConsoleStore } from './state/consoleStore';
import { useLayout } from './state/layout';
import { Toolbar } from './panels/toolbar/Toolbar';
import { ProjectTree } from './panels/tree/ProjectTree';
import { EditableSource } from './panels/editor/EditableSource';
import { ConsolePanel } from './panels/console/ConsolePanel';
import { useConsoleTabs } from './panels/console/useConsoleTabs';
import { emptyEditorText } from './panels/editor/emptyEditorText';
import { useCodeNavigation } from './panels/editor/useCodeNavigation';
import { useFollowDebugger } from './panels/debug/useFollowDebugger';
import { useShortcuts } from './hooks/useShortcuts';
import { useProject } from './hooks/useProject';
import { OpenFolderDialog } from './dialogs/OpenFolderDialog';
import { Splitter } from './Splitter';
import { views } from './panels/registry';
import type { SourceTarget, ViewProps } from './panels/viewProps';
import { onShowView } from './workbenchBus';
import { debugStoreFor } from './panels/debug/debugStore';
import { breakpointDecorations } from './panels/debug/decorations';
import { BreakpointEditor } from './panels/debug/BreakpointEditor';
import { godebugStore } from './panels/runtime/store';
import { requestSave } from './panels/session/saveRequest';
import { BundleDrop } from './panels/session/BundleDrop';
import { bundleName, useOpenBundle } from './hooks/useOpenBundle';
import { StorageHost } from './storage/StorageHost';

interface Props {
  api: GopsyApi;
  onDisconnect: (listener: () => void) => void;
}

// Views stay mounted while hidden; a memoised host keeps them from re-rendering on every state change
// of the window (their props are stable), so a hidden timeline or remarks table costs nothing.
const ViewHost = memo(function ViewHost({ component: View, ...props }: ViewProps & { component: ComponentType<ViewProps> }) {
  return <View {...props} />;
});

export function App({ api, onDisconnect }: Props) {
  const store = useMemo(() => new ConsoleStore(api), [api]);
  // Created at start so trace events of a run are kept even while the Runtime view is hidden.
  const godebug = useMemo(() => godebugStore(api), [api]);
  const [host, setHost] = useState<HostInfo | null>(null);
  const { workspace, tree, treeLoading, loadTree, file, reveal, fileError, setFileError, openFile } = useProject(api, godebug);
  const [toolchain, setToolchain] = useState<ToolchainInfo | null>(null);
  const openBundle = useOpenBundle(api);
  const readingBundle = !workspace ? openBundle : null;
  // With no project there is no file to show beside a view (a bundle's remarks show its saved sources
  // themselves): such a view takes the whole width.
  const besideSource = (v: { besideSource?: boolean }) => !!v.besideSource && !!workspace;
  const [activeView, setActiveView] = useLayout('view');
  // A view mounts the first time it is shown and then stays mounted (hidden while another view is
  // shown), so its selection, scroll position and loaded data survive switching tabs.
  const [mountedViews, setMountedViews] = useState<ReadonlySet<string>>(() => new Set([activeView]));
  if (!mountedViews.has(activeView)) setMountedViews(new Set([...mountedViews, activeView]));
  const [dialog, setDialog] = useState<{ recent: string[] } | null>(null);
  const [disconnected, setDisconnected] = useState(false);
  const [treeWidth, setTreeWidth] = useLayout('treeWidth');
  const [treeCollapsed, setTreeCollapsed] = useLayout('treeCollapsed');
  const [consoleHeight, setConsoleHeight] = useLayout('consoleHeight');
  const [consoleCollapsed, setConsoleCollapsed] = useLayout('consoleCollapsed');
  const consoles = useConsoleTabs(
    api,
    store,
    godebug,
    useCallback(() => setConsoleCollapsed(false), [setConsoleCollapsed]),
  );
  const [besideWidth, setBesideWidth] = useLayout('besideWidth');
  const debug = useMemo(() => debugStoreFor(api), [api]);
  const debugSnap = useSyncExternalStore(debug.subscribe, debug.snapshot);
  const [bpEdit, setBpEdit] = useState<{ path: string; line: number } | null>(null);

  useEffect(() => onShowView(setActiveView), [setActiveView]);
  useEffect(() => onDisconnect(() => setDisconnected(true)), [onDisconnect]);
  const saveSession = useCallback(() => {
    requestSave();
    setActiveView('session');
  }, [setActiveView]);
  // Sessions: an opened bundle and File ▸ Save Session show the Session view.
  useEffect(() => {
    void api.call('bundle.current', {}).then((b) => b && setActiveView('session'));
    const offOpened = api.on('bundle.opened', () => setActiveView('session'));
    const offSave = api.on('session.saveRequested', saveSession);
    return () => {
      offOpened();
      offSave();
    };
  }, [api, setActiveView, saveSession]);

  useEffect(() => {
    void api.call('host.info', {}).then(setHost);
    void api.call('toolchain.info', {}).then(setToolchain);
    void godebug.loadProfiles().catch(() => {});
  }, [api, godebug]);

  useFollowDebugger(debug, openFile, consoles.adopt);
  const navigation = useCodeNavigation(api, workspace, openFile, consoles.showGoplsLog);

  // With no console there is nothing to show but the bar that opens one.
  const consoleOpen = consoles.tabs.length > 0 && !consoleCollapsed;

  const lineDecorations = useMemo(
    () => (file ? breakpointDecorations(file.path, debugSnap.breakpoints, debugSnap.state) : []),
    [file, debugSnap.breakpoints, debugSnap.state],
  );

  const openLocation = useCallback(
    async (loc: SourceLocation | { path: string; line: number; column?: number }) => {
      const resolved = await api.call('workspace.resolveLocation', { path: loc.path }).catch(() => null);
      if (!resolved) {
        // The compiler places code it writes itself (wrappers, .eq functions) at <autogenerated>.
        const why = loc.path === '<autogenerated>' ? 'is code the compiler generated (wrappers, equality functions): it has no source file' : 'is not a file of this project';
        setFileError(`${loc.path} ${why}.`);
        return;
      }
      // A view shown beside the source (Debug, Remarks) stays open: the editor is already visible.
      setActiveView((v) => (views.some((x) => x.id === v && x.besideSource) ? v : 'source'));
      await openFile(resolved.path, { line: loc.line, byteColumn: loc.column });
    },
    [api, openFile, setActiveView, setFileError],
  );

  const openSource = useCallback(
    (t: SourceTarget) => void openLocation({ path: t.path, line: t.line, column: t.byteColumn }),
    [openLocation],
  );

  const openFolder = useCallback(async () => {
    if (host?.nativeDialogs) {
      await api.call('workspace.pick', {}).catch((err) => setFileError(message(err)));
      return;
    }
    const recent = await api.call('workspace.recent', {}).catch(() => []);
    setDialog({ recent });
  }, [api, host, setFileError]);

  useShortcuts({
    openFolder: () => void openFolder(),
    saveSession,
    build: () => void consoles.open('build'),
    shell: () => void consoles.open('shell'),
  });

  return (
    // minmax(0, …): a track never grows to its content's width (an editor's last size, a wide table), so
    // the page itself never scrolls sideways and a panel beside the source stays on screen.
    <div className="workbench" style={{ gridTemplateColumns: treeCollapsed ? 'auto minmax(0, 1fr)' : `${treeWidth}px 4px minmax(0, 1fr)` }}>
      <Toolbar workspace={workspace} toolchain={toolchain} onOpenFolder={() => void openFolder()} onRun={consoles.open} godebug={godebug} />
      <BundleDrop api={api} />
      <StorageHost api={api} />
      {disconnected && (
        <div className="banner error wide" role="alert">
          The connection to the gopsy backend was lost. Start gopsy again and reload this page.
        </div>
      )}
      {toolchain && !toolchain.ok && (
        // A colleague reading a bundle needs no Go: said as a note then, not as an error.
        <div className={`banner ${readingBundle ? 'warn' : 'error'} wide`} role="alert" data-testid="toolchain-problem">
          {readingBundle && `Reading ${bundleName(readingBundle)}.gopsy needs no Go; building, running and debugging do. `}
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
        collapsed={treeCollapsed}
        onCollapse={setTreeCollapsed}
        tree={tree}
        loading={treeLoading}
        selected={file?.path ?? null}
        onOpen={(p) => void openFile(p)}
        onReload={workspace ? () => void loadTree() : undefined}
        note={
          workspace
            ? undefined
            : readingBundle
              ? `No project is open. The sources saved in ${bundleName(readingBundle)}.gopsy are listed in the Session view, read-only.`
              : 'No project is open: Open Folder… (Ctrl+O).'
        }
      />
      {!treeCollapsed && <Splitter direction="horizontal" size={treeWidth} min={160} max={700} sign={1} onResize={setTreeWidth} />}
      <main className="main-column" style={{ gridTemplateRows: consoleOpen ? `minmax(0, 1fr) 4px ${consoleHeight}px` : 'minmax(0, 1fr) auto' }}>
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
          {navigation}
          {fileError && (
            <div className="banner error" role="alert">
              {fileError} <button onClick={() => setFileError(null)}>Dismiss</button>
            </div>
          )}
          <div className="view-row">
            <div
              className="view-body"
              style={{
                display:
                  activeView === 'source' || !views.some((v) => v.id === activeView && !besideSource(v)) ? 'flex' : 'none',
              }}
            >
              <EditableSource
                api={api}
                root={workspace?.root ?? null}
                file={file}
                reveal={reveal}
                decorations={lineDecorations}
                onGutterClick={(line) => file && void debug.toggle(file.path, line)}
                onGutterEdit={(line) => file && setBpEdit({ path: file.path, line })}
                emptyText={emptyEditorText(workspace, readingBundle)}
              />
            </div>
            {views.some((v) => v.id === activeView && besideSource(v)) && (
              <Splitter direction="horizontal" size={besideWidth} min={280} max={1400} sign={-1} onResize={setBesideWidth} />
            )}
            {views.map((v) =>
              mountedViews.has(v.id) ? (
                <div
                  className={besideSource(v) ? 'view-body beside-source' : 'view-body'}
                  key={v.id}
                  style={activeView !== v.id ? { display: 'none' } : besideSource(v) ? { flexBasis: besideWidth } : undefined}
                  data-view={v.id}
                >
                  <ViewHost component={v.component} api={api} workspace={workspace} openSource={openSource} />
                </div>
              ) : null,
            )}
          </div>
        </div>
        {consoleOpen && <Splitter direction="vertical" size={consoleHeight} min={80} max={1200} sign={-1} onResize={setConsoleHeight} />}
        <ConsolePanel
          open={consoleOpen}
          onToggle={() => setConsoleCollapsed(!consoleCollapsed)}
          api={api}
          store={store}
          tabs={consoles.tabs}
          active={consoles.active}
          onActivate={consoles.setActive}
          onOpen={(p) => void consoles.open(p)}
          onStop={consoles.stop}
          onClose={consoles.close}
          onOpenLocation={(loc) => void openLocation(loc)}
          error={consoles.error}
        />
      </main>
      {bpEdit && (
        <BreakpointEditor
          path={bpEdit.path}
          line={bpEdit.line}
          current={debug.breakpointsIn(bpEdit.path).find((b) => b.line === bpEdit.line)}
          onCancel={() => setBpEdit(null)}
          onSave={(spec) => {
            void debug.edit(bpEdit.path, spec);
            setBpEdit(null);
          }}
          onRemove={() => {
            void debug.toggle(bpEdit.path, bpEdit.line);
            setBpEdit(null);
          }}
        />
      )}
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
