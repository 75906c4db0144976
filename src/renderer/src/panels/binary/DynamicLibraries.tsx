// "Dynamic libraries": what `ldd` says the binary needs (missing libraries flagged), and on request —
// after the user confirmed that gopsy will execute the program — the loader's search per library from
// one LD_DEBUG=libs run. All tool output is shown as text.
import { useEffect, useState } from 'react';
import type { GopsyApi } from '../../../../shared/api';
import type { DynamicDeps, LoaderTrace } from '../../../../shared/contract/binary';
import type { LibrarySearch } from '../../../../shared/contract/binaryTypes';

interface Props {
  api: GopsyApi;
  id: string;
  name: string;
}

function SearchRow({ s }: { s: LibrarySearch }) {
  return (
    <li data-testid="library-search" className={s.found ? '' : 'bad-text'}>
      <strong>{s.library}</strong> — {s.found ? <>found at <code>{s.path}</code></> : 'not found'}
      {s.initialised && <span className="muted"> (loaded)</span>}
      <div className="muted">
        looked in:{' '}
        {s.steps.map((st, i) => (
          <span key={i}>
            {i > 0 && ', then '}
            {st.kind === 'cache' ? `the cache ${st.source}` : `${st.source} (${st.dirs.length} ${st.dirs.length === 1 ? "directory" : "directories"})`}
          </span>
        ))}
      </div>
      <details>
        <summary>{s.tried.length} files tried</summary>
        <pre className="tool-output">{s.tried.join('\n')}</pre>
      </details>
    </li>
  );
}

export function DynamicLibraries({ api, id, name }: Props) {
  const [deps, setDeps] = useState<DynamicDeps | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [libraryPath, setLibraryPath] = useState('');
  const [tracing, setTracing] = useState(false);
  const [trace, setTrace] = useState<LoaderTrace | null>(null);

  useEffect(() => {
    // The view mounts this with key={id}: a new binary starts from fresh state.
    let live = true;
    api
      .call('binary.dynamicDeps', { id })
      .then((d) => live && (setDeps(d), setError(null)))
      .catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [api, id]);

  const runTrace = async () => {
    setConfirming(false);
    setTracing(true);
    setError(null);
    try {
      setTrace(await api.call('binary.traceLoader', { id, confirmed: true, ...(libraryPath.trim() ? { libraryPath: libraryPath.trim() } : {}) }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setTracing(false);
    }
  };

  return (
    <section className="dynamic-libraries" data-testid="dynamic-libraries">
      <h4>Dynamic libraries</h4>
      {error && <div className="banner error">{error}</div>}
      {!deps && !error && <div className="muted">Running ldd…</div>}
      {deps && !deps.available && <div className="muted">{deps.message}</div>}
      {deps?.static && <div>Statically linked: the binary needs no shared libraries.</div>}
      {deps && deps.libraries.length > 0 && (
        <table data-testid="ldd-table">
          <tbody>
            {deps.libraries.map((l, i) => (
              <tr key={i} className={l.notFound ? 'bad-text' : ''}>
                <td className="mono">{l.name}</td>
                <td>{l.notFound ? 'not found' : l.kind === 'vdso' ? 'provided by the kernel (vDSO)' : l.kind === 'interpreter' ? 'the dynamic loader' : ''}</td>
                <td className="mono wrap">{l.path ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deps && !deps.static && (
        <div className="row-tools">
          <label>
            LD_LIBRARY_PATH{' '}
            <input value={libraryPath} onChange={(e) => setLibraryPath(e.target.value)} size={30} placeholder="as inherited" aria-label="LD_LIBRARY_PATH" />
          </label>
          <button type="button" disabled={tracing || confirming} onClick={() => setConfirming(true)}>
            Trace the loader’s search…
          </button>
          {tracing && <span className="muted">Running {name}…</span>}
        </div>
      )}
      {confirming && (
        <div className="explanation" role="alertdialog" aria-label="Confirm running the program">
          This runs <code>{name}</code> once, with no arguments and LD_DEBUG=libs, in the project folder, and stops it after 10 seconds.
          Only do this for a program you trust.{' '}
          <button type="button" onClick={() => void runTrace()}>
            Run it
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      {trace && (
        <div data-testid="loader-trace">
          <div>
            <code>{trace.commandLine}</code> → {trace.timedOut ? 'stopped at the time limit' : `exit ${trace.exitCode}`}
            {trace.signal && !trace.timedOut && ` (${trace.signal})`}
          </div>
          {trace.loaderError && <div className="bad-text">{trace.loaderError}</div>}
          <ul>
            {trace.searches.map((s, i) => (
              <SearchRow key={i} s={s} />
            ))}
          </ul>
          {trace.output && (
            <details>
              <summary>Program output</summary>
              <pre className="tool-output">{trace.output}</pre>
            </details>
          )}
        </div>
      )}
    </section>
  );
}
