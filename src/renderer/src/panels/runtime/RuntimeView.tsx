// The "Runtime" view: live charts and tables of what the runtime printed in the consoles run with a
// GODEBUG profile, and the profile editor. Each session stays complete after its process ends. An
// opened bundle's captures are offered too, read-only, and drawn by the same panels.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ViewProps } from '../viewProps';
import { godebugStore } from './store';
import { GcPanel } from './GcPanel';
import { SchedPanel } from './SchedPanel';
import { InitPanel } from './InitPanel';
import { Http2Panel } from './Http2Panel';
import { LogPanel } from './LogPanel';
import { ProfilesPanel } from './ProfilesPanel';
import './runtime.css';

const TABS = ['GC', 'Scheduler', 'Init', 'HTTP/2', 'Log', 'Profiles'] as const;
type Tab = (typeof TABS)[number];

export function RuntimeView({ api, workspace }: ViewProps) {
  const store = godebugStore(api);
  useSyncExternalStore(store.subscribe, store.getVersion);
  const [tab, setTab] = useState<Tab>('GC');
  const live = store.live;
  const replays = store.replays;
  const session = store.shown;
  const replay = session?.replay;
  useEffect(() => {
    if (session && replay?.state === 'idle') void store.loadReplay(session.id);
  }, [store, session, replay?.state]);
  return (
    <div className="runtime-view" data-testid="runtime-view">
      <div className="rt-bar">
        <select
          data-testid="runtime-session"
          value={session?.id ?? ''}
          onChange={(e) => store.setActive(e.target.value)}
          disabled={live.length + replays.length === 0}
        >
          {live.length + replays.length === 0 && <option value="">no session</option>}
          {live.map((s, i) => (
            <option key={s.id} value={s.id}>
              #{i + 1} {s.title} · GODEBUG={s.godebug} · {s.events.length} lines
            </option>
          ))}
          {replays.length > 0 && (
            <optgroup label={`from the bundle ${replays[0]!.replay!.bundleName} (read-only)`}>
              {replays.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.replay!.bundleName} ▸ {s.title} · GODEBUG={s.godebug}
                  {s.replay!.state === 'loaded' ? ` · ${s.events.length} lines` : ''}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        <span className="rt-tabs" role="tablist">
          {TABS.map((t) => (
            <button key={t} role="tab" aria-selected={tab === t} className={tab === t ? 'active' : ''} onClick={() => setTab(t)}>
              {t}
              {session && t === 'GC' && session.gc.length > 0 && <span className="count">{session.gc.length}</span>}
              {session && t === 'HTTP/2' && session.http2.length > 0 && <span className="count">{session.http2.length}</span>}
            </button>
          ))}
        </span>
      </div>
      {replay && (
        <div className="rt-replay" data-testid="runtime-replay">
          <span className="badge">read-only</span> replay of <code>{replay.path}</code> from the bundle {replay.bundleName}
          {replay.commandLine && <code className="rt-command" title={replay.commandLine}>{replay.commandLine}</code>}
          {replay.running && <span className="muted"> · saved while the program still ran: what it had printed by then</span>}
          {replay.state === 'loading' && <span className="muted"> · reading…</span>}
        </div>
      )}
      {replay?.warnings.map((w, i) => (
        <div key={i} className="banner warn" role="status" data-testid="runtime-replay-warning">
          {w}
        </div>
      ))}
      <div className="rt-body">
        {tab === 'Profiles' ? (
          <ProfilesPanel api={api} store={store} />
        ) : !session ? (
          <div className="rt-panel muted" data-testid="runtime-empty">
            {workspace
              ? 'Pick a GODEBUG profile in the toolbar (for example GC), then press go run or go test: what the runtime prints is charted here while the program runs.'
              : 'No project is open, so no program runs here. An opened bundle shows here the GODEBUG traces of the consoles its session ran, when it has any.'}
          </div>
        ) : tab === 'GC' ? (
          <GcPanel session={session} />
        ) : tab === 'Scheduler' ? (
          <SchedPanel session={session} />
        ) : tab === 'Init' ? (
          <InitPanel session={session} />
        ) : tab === 'HTTP/2' ? (
          <Http2Panel session={session} />
        ) : (
          <LogPanel session={session} />
        )}
      </div>
    </div>
  );
}
