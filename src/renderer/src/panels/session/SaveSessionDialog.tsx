// Save Session: shows what goes into the bundle (sizes, counts, sources, what the session collected by
// itself: build runs, GODEBUG captures, the debugger state; redactions), lets the user leave any out, then writes it (to a typed path in the browser, through the native dialog in
// the desktop window).
import { useEffect, useRef, useState } from 'react';
import type { GopsyApi } from '../../../../shared/api';
import type { Layout, SavePreview, SaveResult } from '../../../../shared/contract/bundle';
import { formatBytes } from '../../../../shared/format';
import { errorMessage } from '../../../../shared/rpc';
import { flushNotes } from './notesFlush';
import { ErrorBanner, Modal, ModalActions } from '../../dialogs/Modal';

interface Props {
  api: GopsyApi;
  native: boolean;
  projectRoot: string;
  layout: Layout;
  onDone: (result: SaveResult) => void;
  onCancel: () => void;
}

const parentOf = (p: string) => p.replace(/\/+$/, '').replace(/\/[^/]*$/, '') || '/';

export function SaveSessionDialog({ api, native, projectRoot, layout, onDone, onCancel }: Props) {
  const [includeSources, setIncludeSources] = useState(true);
  const [excluded, setExcluded] = useState<string[]>([]);
  const [excludedItems, setExcludedItems] = useState<string[]>([]);
  const [preview, setPreview] = useState<SavePreview | null>(null);
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const named = useRef(false);

  useEffect(() => {
    let live = true;
    flushNotes()
      .then(() => api.call('session.preview', { includeSources, excludeSources: excluded, excludeItems: excludedItems }))
      .then(
        (p) => {
          if (!live) return;
          setPreview(p);
          if (!named.current) {
            named.current = true;
            setTarget(`${parentOf(projectRoot)}/${p.defaultFileName}`);
          }
        },
        (err) => live && setError(errorMessage(err)),
      );
    return () => {
      live = false;
    };
  }, [api, includeSources, excluded, excludedItems, projectRoot]);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await flushNotes(); // the note typed a moment ago belongs in the bundle
      const res = await api.call('session.save', {
        includeSources,
        excludeSources: excluded,
        excludeItems: excludedItems,
        layout,
        ...(native ? {} : { path: target.trim() }),
      });
      if (res) onDone(res);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const redactionCount = preview?.redactions.reduce((n, r) => n + r.count, 0) ?? 0;
  return (
    <Modal id="save-session" title="Save Session" onCancel={onCancel} wide>
      {!preview && !error && <p className="muted">Measuring the session…</p>}
      {preview && (
        <div data-testid="save-preview">
          <table className="kinds">
            <tbody>
              {preview.kinds.map((k) => (
                <tr key={k.kind}>
                  <td>{k.kind}</td>
                  <td>{k.count} files</td>
                  <td>{formatBytes(k.bytes)}</td>
                </tr>
              ))}
              <tr className="total">
                <td>total</td>
                <td>{preview.kinds.reduce((n, k) => n + k.count, 0)} files</td>
                <td>{formatBytes(preview.totalBytes)} before compression</td>
              </tr>
            </tbody>
          </table>
          <label className="check">
            <input
              type="checkbox"
              checked={includeSources}
              onChange={(e) => setIncludeSources(e.target.checked)}
              data-testid="include-sources"
            />
            Include the project's sources ({preview.sources.length} files: .go, go.mod, go.sum)
          </label>
          {includeSources && (
            <details>
              <summary>Choose sources</summary>
              <ul className="source-picks">
                {[...preview.sources.map((s) => s.path), ...excluded].sort().map((p) => (
                  <li key={p}>
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={!excluded.includes(p)}
                        onChange={(e) =>
                          setExcluded((x) => (e.target.checked ? x.filter((y) => y !== p) : [...x, p]))
                        }
                      />
                      {p}
                    </label>
                  </li>
                ))}
              </ul>
            </details>
          )}
          <h3>Collected in this session ({preview.items.filter((i) => i.included).length} of {preview.items.length})</h3>
          {preview.items.length === 0 ? (
            <p className="muted">No build runs, GODEBUG captures or breakpoints yet.</p>
          ) : (
            <ul className="source-picks" data-testid="save-items">
              {preview.items.map((it) => (
                <li key={it.key}>
                  <label className="check" title={it.key}>
                    <input
                      type="checkbox"
                      checked={!excludedItems.includes(it.key)}
                      onChange={(e) =>
                        setExcludedItems((x) => (e.target.checked ? x.filter((y) => y !== it.key) : [...x, it.key]))
                      }
                    />
                    {it.label} <span className="muted">({it.files} files, {formatBytes(it.bytes)})</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          <h3>Redactions ({redactionCount})</h3>
          {redactionCount === 0 ? (
            <p className="muted">No secret-looking values found.</p>
          ) : (
            <ul className="redactions" data-testid="redactions">
              {preview.redactions.map((r, i) => (
                <li key={i}>
                  {r.name} in {r.where} ({r.count})
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {!native && (
          <label>
            Bundle file on the machine running gopsy
            <input
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              spellCheck={false}
              data-testid="save-session-path"
            />
          </label>
        )}
        <ErrorBanner error={error} />
        <ModalActions onCancel={onCancel}>
          <button type="submit" disabled={busy || !preview || (!native && !target.trim())}>
            {busy ? 'Saving…' : native ? 'Save As…' : 'Save'}
          </button>
        </ModalActions>
      </form>
    </Modal>
  );
}
