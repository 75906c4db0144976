// An opened bundle, read-only: its summary, notes, redactions and entries. Sources open in Monaco,
// every other text entry as plain text in a <pre>: nothing from a bundle is rendered as markup. A
// GODEBUG capture (events/*.jsonl) also offers its charts in the Runtime view.
import { useState } from 'react';
import type { GopsyApi } from '../../../../shared/api';
import type { BundleSummary, EntryText } from '../../../../shared/contract/bundle';
import { BundleSource } from './BundleSource';
import { NoteList } from './NotesPanel';
import { formatBytes } from '../../../../shared/format';
import { errorMessage } from '../../../../shared/rpc';
import { godebugStore, replayId } from '../runtime/store';
import { showView } from '../../workbenchBus';
import { useLayout } from '../../state/layout';
import { Splitter } from '../../Splitter';

interface Props {
  api: GopsyApi;
  bundle: BundleSummary;
  onClose: () => void;
  /** Offered when the bundle holds a recorded build run: "Re-run here" (asks first, runs nothing by itself). */
  onRerun?: () => void;
}

export function BundleViewer({ api, bundle, onClose, onRerun }: Props) {
  const [entry, setEntry] = useState<EntryText | null>(null);
  const [line, setLine] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [sideWidth, setSideWidth] = useLayout('bundleSideWidth');
  const t = bundle.toolchain;

  const show = async (path: string, at?: number) => {
    setError(null);
    setLine(at);
    try {
      setEntry(await api.call('bundle.readEntry', { id: bundle.id, path }));
    } catch (err) {
      setEntry(null);
      setError(errorMessage(err));
    }
  };

  const entries = bundle.entries.filter((e) => !filter || e.path.includes(filter));
  return (
    <div className="bundle-view" data-testid="bundle-view" style={{ gridTemplateColumns: `minmax(0, ${sideWidth}px) 4px minmax(0, 1fr)` }}>
      <div className="bundle-side">
        <header className="bundle-summary">
          <h3>
            <span className="badge">read-only</span> {bundle.project.name}
            <button className="small" onClick={onClose} title="Close this bundle">
              Close
            </button>
            {onRerun && bundle.entries.some((e) => e.kind === 'run-manifest') && (
              <button className="small" onClick={onRerun} title="Run a recorded build again on this machine (shows the command first)">
                Re-run here…
              </button>
            )}
          </h3>
          <dl>
            <dt>file</dt>
            <dd title={bundle.file}>{bundle.file}</dd>
            <dt>size</dt>
            <dd>
              {formatBytes(bundle.fileSize)}, {bundle.entries.length} entries
            </dd>
            <dt>written</dt>
            <dd>
              {bundle.createdAt} by {bundle.writer} (format {bundle.formatVersion})
            </dd>
            {bundle.project.modulePath && (
              <>
                <dt>module</dt>
                <dd>{bundle.project.modulePath}</dd>
              </>
            )}
            <dt>toolchain</dt>
            <dd>{t ? [t.goVersion, t.goos && t.goarch ? `${t.goos}/${t.goarch}` : null].filter(Boolean).join(' ') : 'not recorded'}</dd>
          </dl>
          <ul className="kind-totals">
            {bundle.kinds.map((k) => (
              <li key={k.kind}>
                {k.kind}: {k.count} ({formatBytes(k.bytes)})
              </li>
            ))}
          </ul>
          {bundle.redactions.length > 0 && (
            <p className="muted">{bundle.redactions.reduce((n, r) => n + r.count, 0)} values were redacted when this bundle was saved.</p>
          )}
        </header>
        <h3>Notes</h3>
        <NoteList notes={bundle.notes?.notes ?? []} openSource={(s) => void show(`sources/${s.path}`, s.line)} />
        <h3>Entries</h3>
        <input className="filter" placeholder="filter" value={filter} onChange={(e) => setFilter(e.target.value)} spellCheck={false} />
        <ul className="entry-list" data-testid="bundle-entries">
          {entries.map((e) => (
            <li key={e.path}>
              <button className={entry?.path === e.path ? 'active' : ''} onClick={() => void show(e.path)} title={`${e.kind}, sha256 ${e.sha256}`}>
                {e.path}
              </button>
              <span className="muted">{formatBytes(e.size)}</span>
              {e.kind === 'events' && e.path.endsWith('.jsonl') && (
                <button
                  className="entry-action"
                  title="Chart this GODEBUG capture in the Runtime view (read-only)"
                  onClick={() => {
                    godebugStore(api).setActive(replayId(bundle.id, e.path));
                    showView('runtime');
                  }}
                >
                  Show in Runtime view
                </button>
              )}
            </li>
          ))}
        </ul>
      </div>
      <Splitter direction="horizontal" size={sideWidth} min={220} max={1000} sign={1} onResize={setSideWidth} />
      <div className="bundle-main">
        {error && (
          <div className="banner error" role="alert">
            {error}
          </div>
        )}
        {entry && <div className="entry-title">{entry.path}</div>}
        {entry && entry.kind === 'source' ? (
          <BundleSource bundleId={bundle.id} path={entry.path} text={entry.text} line={line} />
        ) : entry ? (
          <pre className="entry-text" data-testid="entry-text">
            {entry.text}
          </pre>
        ) : (
          !error && <p className="muted pad">Choose an entry to read it. Nothing here runs Go or executes anything from the bundle.</p>
        )}
      </div>
    </div>
  );
}
