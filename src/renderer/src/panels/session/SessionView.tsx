// The Session tab: the live session's notes (autosaved), Save Session with its preview, Open Session,
// and the bundle opened last shown read-only.
import { useCallback, useEffect, useState } from 'react';
import type { HostInfo } from '../../../../shared/api';
import type { BundleSummary, SessionInfo } from '../../../../shared/contract/bundle';
import type { ViewProps } from '../viewProps';
import { currentLayout } from '../../state/layout';
import { BundleViewer } from './BundleViewer';
import { NotesPanel } from './NotesPanel';
import { OpenSessionDialog } from './OpenSessionDialog';
import { SaveSessionDialog } from './SaveSessionDialog';
import { RerunDialog } from './RerunDialog';
import { showView } from '../../workbenchBus';
import { clearSaveRequest, hasSaveRequest, onSaveRequest } from './saveRequest';
import { formatBytes } from '../../../../shared/format';
import { errorMessage } from '../../../../shared/rpc';
import { openStorage } from '../../storage/storageBus';

export function SessionView({ api, workspace, openSource }: ViewProps) {
  const [host, setHost] = useState<HostInfo | null>(null);
  const [loaded, setSession] = useState<SessionInfo | null>(null);
  // The session loaded for an earlier project is not this one's.
  const session = loaded && workspace && loaded.projectRoot === workspace.root ? loaded : null;
  const [bundle, setBundle] = useState<BundleSummary | null>(null);
  const [dialog, setDialog] = useState<'save' | 'open' | 'rerun' | null>(() => (hasSaveRequest() ? 'save' : null));
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  useEffect(() => {
    void api.call('host.info', {}).then(setHost);
    void api.call('bundle.current', {}).then(setBundle);
    clearSaveRequest();
    const offSave = onSaveRequest(() => {
      clearSaveRequest();
      setDialog('save');
    });
    const offOpen = api.on('bundle.opened', (b) => setBundle(b));
    return () => {
      offSave();
      offOpen();
    };
  }, [api]);

  useEffect(() => {
    if (!workspace) return;
    const refresh = () => void api.call('session.current', {}).then(setSession, (err) => setMessage({ error: true, text: errorMessage(err) }));
    refresh();
    // The view stays mounted while hidden: a finished build changes what the session holds.
    const offStatus = api.on('build.status', (s) => {
      if (s.status !== 'running') refresh();
    });
    // Deleted runs are no longer part of what a save collects.
    const offDeleted = api.on('storage.deleted', refresh);
    return () => {
      offStatus();
      offDeleted();
    };
  }, [api, workspace]);

  const openBundle = useCallback(async () => {
    if (!host?.nativeDialogs) return setDialog('open');
    try {
      const b = await api.call('bundle.open', {});
      if (b) setBundle(b);
    } catch (err) {
      setMessage({ error: true, text: errorMessage(err) });
    }
  }, [api, host]);

  return (
    <div className="session-view" data-testid="session-view">
      <div className="session-bar">
        <button onClick={() => setDialog('save')} disabled={!session}>
          Save Session…
        </button>
        <button onClick={() => void openBundle()}>Open Session…</button>
        <button onClick={openStorage} title="What gopsy keeps on disk for this project and others; delete old runs and captures">
          Storage…
        </button>
        {message && (
          <span className={message.error ? 'error-text' : 'muted'} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </span>
        )}
      </div>
      {bundle ? (
        <BundleViewer
          api={api}
          bundle={bundle}
          onClose={() => {
            void api.call('bundle.close', { id: bundle.id });
            setBundle(null);
          }}
          onRerun={() => setDialog('rerun')}
        />
      ) : session ? (
        <NotesPanel key={session.id} api={api} initial={session.notes} openSource={openSource} />
      ) : (
        <p className="muted pad">{workspace ? 'Loading the session…' : 'No project is open: open a folder to take notes, or open a saved session.'}</p>
      )}
      {dialog === 'save' && session && (
        <SaveSessionDialog
          api={api}
          native={!!host?.nativeDialogs}
          projectRoot={session.projectRoot}
          layout={currentLayout()}
          onCancel={() => setDialog(null)}
          onDone={(r) => {
            setDialog(null);
            setMessage({ error: false, text: `Saved ${r.entries} entries (${formatBytes(r.bytes)}) to ${r.path}` });
          }}
        />
      )}
      {dialog === 'rerun' && bundle && (
        <RerunDialog
          api={api}
          bundleId={bundle.id}
          onCancel={() => setDialog(null)}
          onStarted={(run) => {
            setDialog(null);
            setMessage({ error: false, text: `Re-running ${run.profileName}: ${run.commandLine}` });
            showView('build'); // a normal build run: it shows in the Build view's runs list
          }}
        />
      )}
      {dialog === 'open' && (
        <OpenSessionDialog
          onCancel={() => setDialog(null)}
          onOpen={async (path) => {
            const b = await api.call('bundle.open', { path });
            setDialog(null);
            if (b) setBundle(b);
          }}
        />
      )}
    </div>
  );
}
