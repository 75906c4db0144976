// The Remarks view: the compiler's decisions (escape analysis, inlining, bounds and nil checks) of a
// build run, as a grouped table, the heap allocations, the functions that almost inlined and the
// escape flow of a selected remark; and the same remarks as editor markers, filtered by kind. The
// remarks of a run an opened bundle carries load the same way (read-only: paths are the sender's, a
// remark's place opens in the file the bundle saved, nothing is compiled and nothing is stale).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { REMARK_KINDS, type AlmostInlinedRow, type Remark, type RemarkKind, type RemarksSummary } from '../../../../shared/remarks';
import type { ViewProps } from '../viewProps';
import { clearRemarksInEditor, describeRemark, showRemarksInEditor } from './editorRemarks';
import { FlowGraph } from './FlowGraph';
import { IrPanel } from './IrPanel';
import { KIND_LABELS, loadPrefs, savePrefs, type RemarkPrefs } from './kindFilter';
import { RemarksTable } from './RemarksTable';
import './remarks.css';
import { useLayout } from '../../state/layout';
import { Splitter } from '../../Splitter';
import { errorMessage } from '../../../../shared/rpc';
import { useBusyAction } from '../../hooks/useBusyAction';
import { bundleName, capturedRemarks, firstReplayRun, useOpenBundle } from '../../hooks/useOpenBundle';
import { BundleSourceAt } from '../session/BundleSourceAt';
import type { BundleRun } from '../../../../shared/contract/bundle';
import { useShowing } from '../../storage/useShowing';

type Tab = 'all' | 'heap' | 'almost';

export function RemarksView({ api, workspace, openSource }: ViewProps) {
  const root = workspace?.root ?? '';
  const [summary, setSummary] = useState<RemarksSummary | null>(null);
  // Prefs belong to a project: re-read when the project changes (kept with the root they are for).
  const [saved, setSaved] = useState<{ root: string; prefs: RemarkPrefs }>(() => ({ root, prefs: loadPrefs(root) }));
  const prefs = saved.root === root ? saved.prefs : loadPrefs(root);
  const [tab, setTab] = useState<Tab>('all');
  const [search, setSearch] = useState('');
  const [projectOnly, setProjectOnly] = useState(true);
  const [rows, setRows] = useState<Remark[]>([]);
  const [total, setTotal] = useState(0);
  const [almost, setAlmost] = useState<AlmostInlinedRow[]>([]);
  const [selected, setSelected] = useState<Remark | null>(null);
  const [listHeight, setListHeight] = useLayout('remarksListHeight');
  const { busy, error, setError, run } = useBusyAction();
  // A bundle run's remarks: the bundle they come from (null: the project's), its runs, and the saved
  // file a selected remark points at.
  const bundle = useOpenBundle(api);
  const [replayFrom, setReplayFrom] = useState<string | null>(null);
  const [bundleRuns, setBundleRuns] = useState<{ bundleId: string; runs: BundleRun[] } | null>(null);
  const [replaySource, setReplaySource] = useState<{ path: string; line: number } | null>(null);
  const replaying = !!replayFrom && bundle?.id === replayFrom;
  const replayingRef = useRef(replaying);
  useEffect(() => {
    replayingRef.current = replaying;
  });
  const from = useMemo(() => (replaying && replayFrom ? { bundle: replayFrom } : {}), [replaying, replayFrom]);
  // The project run whose remarks are shown stays in storage (its escape flows are read from its files).
  useShowing(api, 'remarks', [!replaying ? summary?.runId : null]);

  const updatePrefs = (p: RemarkPrefs) => {
    setSaved({ root, prefs: p });
    if (root) savePrefs(root, p);
  };


  const load = useCallback(
    () =>
      run('Loading remarks…', async () => {
        const s = await api.call('remarks.load', {});
        setReplayFrom(null);
        setSummary(s);
      }),
    [api, run],
  );
  const loadReplay = (bundleId: string, runId: string) =>
    run('Reading the bundle run’s remarks (every entry is checked against its sha256)…', async () => {
      const s = await api.call('remarks.load', { bundle: bundleId, runId });
      setSelected(null);
      setReplaySource(null);
      setReplayFrom(bundleId);
      setSummary(s);
    });

  useEffect(() => {
    if (!bundle) return;
    let stale = false;
    api.call('bundle.runs', { id: bundle.id }).then(
      (rs) => !stale && setBundleRuns({ bundleId: bundle.id, runs: rs }),
      () => {},
    );
    return () => {
      stale = true;
    };
  }, [api, bundle]);
  const shownBundleRuns = bundle && bundleRuns?.bundleId === bundle.id ? bundleRuns.runs : [];

  // With no project open the bundle is all there is: its newest run with remarks is shown at once
  // (once per bundle; picking another run or none afterwards is the user's).
  const autoPicked = useRef<string | null>(null);
  useEffect(() => {
    if (!bundle || autoPicked.current === bundle.id) return;
    const first = firstReplayRun(shownBundleRuns, !!workspace, capturedRemarks);
    if (!first) return;
    autoPicked.current = bundle.id;
    loadReplay(bundle.id, first);
  });

  // The bundle being replayed closed: back to the project's runs.
  useEffect(() => {
    if (!replayFrom || bundle?.id === replayFrom) return;
    const t = setTimeout(() => {
      setReplayFrom(null);
      setSummary(null);
      setSelected(null);
      if (workspace) load();
    }, 0);
    return () => clearTimeout(t);
  }, [bundle, replayFrom, workspace, load]);
  const capture = () =>
    run('Building with optimisation details (every package compiles)…', async () => {
      const s = await api.call('remarks.capture', {});
      setReplayFrom(null);
      setSummary(s);
    });

  useEffect(() => {
    // From a timer: the run store is external state, read once the project is open.
    const t = workspace ? setTimeout(load, 0) : undefined;
    return () => clearTimeout(t);
  }, [workspace, load]);

  // The view stays mounted while hidden: a build that finishes may bring newer remarks, so follow it
  // as opening the view does.
  useEffect(() => {
    if (!workspace) return;
    return api.on('build.status', (s) => {
      if (s.status !== 'running' && !replayingRef.current) load();
    });
  }, [api, workspace, load]);

  // Files edited outside gopsy turn stale: re-check when the window comes back into focus.
  useEffect(() => {
    if (!summary || replaying) return; // a bundle's sources are what was saved: never stale
    const runId = summary.runId;
    const recheck = () => void api.call('remarks.load', { runId }).then((s) => s && setSummary(s), () => {});
    window.addEventListener('focus', recheck);
    // A save from the editor (any window) too: the backend's hashes say which files differ now.
    const offSaved = api.on('workspace.fileSaved', recheck);
    return () => {
      window.removeEventListener('focus', recheck);
      offSaved();
    };
  }, [api, summary, replaying]);

  // The table / special views follow the filters.
  useEffect(() => {
    if (!summary) return;
    const runId = summary.runId;
    let cancelled = false;
    const fail = (err: unknown) => setError(errorMessage(err));
    if (tab === 'almost') {
      void api.call('remarks.almostInlined', { runId, ...from }).then((a) => !cancelled && setAlmost(a), fail);
    } else {
      const kinds: RemarkKind[] = tab === 'heap' ? ['escape'] : prefs.kinds;
      void api.call('remarks.query', { runId, ...from, kinds, projectOnly, ...(search ? { search } : {}), limit: 2000 }).then((page) => {
        if (cancelled) return;
        setRows(page.rows);
        setTotal(page.total);
      }, fail);
    }
    return () => {
      cancelled = true;
    };
  }, [api, summary, from, tab, prefs.kinds, search, projectOnly, setError]);

  // Editor markers: every project file's remarks, filtered by the chosen kinds.
  useEffect(() => {
    let cancelled = false;
    // A bundle run's paths are the sender's: its remarks are not put on this project's files.
    if (!summary || !prefs.editor || replaying) {
      clearRemarksInEditor();
      return;
    }
    void (async () => {
      const files = await Promise.all(
        summary.files.map(async (f) => ({ path: f.path, ...(await api.call('remarks.forFile', { runId: summary.runId, path: f.path })) })),
      );
      if (!cancelled) showRemarksInEditor(files, prefs.kinds, summary.runId);
    })().catch((err: unknown) => setError(errorMessage(err)));
    return () => {
      cancelled = true;
    };
  }, [api, summary, prefs, replaying, setError]);

  // The table's rows are memoised: selecting one must not hand every row a new callback, so the
  // (per-render) openSource is reached through a ref.
  const openSourceRef = useRef(openSource);
  useEffect(() => {
    openSourceRef.current = openSource;
  });
  const open = useCallback(
    (r: { file: string; line: number; column: number; path?: string }) => {
      // A replayed remark opens in the file the bundle saved (only project files travel in a bundle).
      if (replayingRef.current) return setReplaySource(r.path ? { path: r.path, line: r.line } : null);
      openSourceRef.current({ path: r.path ?? r.file, line: r.line, ...(r.column ? { byteColumn: r.column } : {}) });
    },
    [],
  );
  const select = useCallback(
    (r: Remark) => {
      setSelected(r);
      open(r);
    },
    [open],
  );

  if (!workspace && !bundle) return <div className="remarks-view muted">Open a project first.</div>;
  const stale = summary?.files.filter((f) => f.stale) ?? [];
  const replayBundle = replaying ? bundle : null;
  return (
    <div className="remarks-view" data-testid="remarks-view">
      <div className="row-tools">
        {workspace && (
          <>
            <button onClick={load} disabled={!!busy}>
              Load newest run
            </button>
            <button onClick={capture} disabled={!!busy} data-testid="remarks-capture">
              Capture optimisation details
            </button>
          </>
        )}
        {bundle && shownBundleRuns.length > 0 && (
          <select
            aria-label="Remarks of"
            data-testid="remarks-source"
            disabled={!!busy}
            value={replayBundle && summary ? summary.runId : ''}
            onChange={(e) => (e.target.value ? loadReplay(bundle.id, e.target.value) : workspace ? load() : setReplayFrom(null))}
          >
            <option value="">{workspace ? 'this project’s runs' : 'pick a run of the bundle'}</option>
            {shownBundleRuns.map((r) => (
              <option key={r.run} value={r.run}>
                {bundleName(bundle)} ▸ {r.profileName} ({r.startedAt.slice(0, 16).replace('T', ' ')})
              </option>
            ))}
          </select>
        )}
        {!replaying && (
          <label>
            <input type="checkbox" checked={prefs.editor} onChange={(e) => updatePrefs({ ...prefs, editor: e.target.checked })} /> markers in editor
          </label>
        )}
        {busy && <span className="muted">{busy}</span>}
        {summary && (
          <span className="muted" data-testid="remarks-origin">
            {replayBundle && <span className="badge">read-only replay</span>} {replayBundle ? `${bundleName(replayBundle)} ▸ ` : ''}run {summary.runId} · {summary.goVersion ?? 'go ?'} · from {summary.origin} · {summary.total} remarks
          </span>
        )}
      </div>
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
      {!summary && !busy && !workspace && <div className="banner">Pick a run of the bundle above to browse its remarks.</div>}
      {!summary && !busy && workspace && <div className="banner">No run with optimisation remarks yet: capture one (a build with the private cache, so every package compiles).</div>}
      {summary && (summary.skipped > 0 || summary.warnings.length > 0) && (
        <div className="banner warn" role="status" data-testid="remarks-warnings">
          {summary.skipped > 0 ? `${summary.skipped} malformed lines skipped. ` : ''}
          {summary.warnings.slice(0, 3).join(' ')}
        </div>
      )}
      {stale.length > 0 && (
        <div className="banner warn" data-testid="remarks-stale">
          {stale.length} file(s) changed since this run ({stale.map((f) => f.path).join(', ')}): their markers are grey and may be off.{' '}
          <button onClick={capture} disabled={!!busy}>
            Capture again
          </button>
        </div>
      )}
      {summary && (
        <>
          <div className="row-tools kind-filters" data-testid="kind-filters">
            {REMARK_KINDS.filter((k) => summary.counts[k]).map((k) => (
              <label key={k} className={`kind-toggle remark-${k}`}>
                <input
                  type="checkbox"
                  checked={prefs.kinds.includes(k)}
                  onChange={(e) => updatePrefs({ ...prefs, kinds: e.target.checked ? [...prefs.kinds, k] : prefs.kinds.filter((x) => x !== k) })}
                />{' '}
                {KIND_LABELS[k]} <span className="muted">{summary.counts[k]}</span>
              </label>
            ))}
          </div>
          <div className="row-tools">
            {(['all', 'heap', 'almost'] as Tab[]).map((t) => (
              <button key={t} className={tab === t ? 'active' : ''} onClick={() => setTab(t)} data-testid={`remarks-tab-${t}`}>
                {t === 'all' ? 'By file / function' : t === 'heap' ? 'Heap allocations' : 'Almost inlined'}
              </button>
            ))}
            <input placeholder="Search message, function, file" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="remarks-search" />
            <label>
              <input type="checkbox" checked={projectOnly} onChange={(e) => setProjectOnly(e.target.checked)} /> project files only
            </label>
            {tab !== 'almost' && <span className="muted">{rows.length < total ? `first ${rows.length} of ${total}` : `${total} shown`}</span>}
          </div>
          <div className="remarks-body" style={{ gridTemplateRows: `minmax(60px, ${listHeight}px) 4px minmax(0, 1fr)` }}>
            <div className="remarks-list">
              {tab === 'almost' ? (
                <AlmostTable rows={almost.filter((a) => !projectOnly || a.remark.path)} onSelect={select} />
              ) : (
                <RemarksTable rows={rows} selected={selected} onSelect={select} />
              )}
            </div>
            <Splitter direction="vertical" size={listHeight} min={60} max={2000} sign={1} onResize={setListHeight} />
            <div className="remarks-detail" data-testid="remark-detail">
              {selected ? (
                <>
                  {/* A replay has no editor beside it: the place comes first, in the file the bundle saved. */}
                  {replayBundle &&
                    (replaySource ? (
                      <BundleSourceAt api={api} bundleId={replayBundle.id} path={replaySource.path} line={replaySource.line} />
                    ) : (
                      <p className="muted small">This place is outside the project: the bundle saved no copy of its file.</p>
                    ))}
                  <pre className="remark-text">{describeRemark(selected)}</pre>
                  <FlowGraph remark={selected} onOpen={(s) => open({ ...s, ...(s.file === selected.file && selected.path ? { path: selected.path } : {}) })} />
                  {!replayBundle && <IrPanel api={api} remark={selected} onLine={(line) => open({ ...selected, line, column: 0 })} />}
                </>
              ) : (
                <div className="muted">Select a remark to see its message and escape flow.</div>
              )}
            </div>
          </div>
        </>
      )}
    </div>
  );
}

function AlmostTable({ rows, onSelect }: { rows: AlmostInlinedRow[]; onSelect: (r: Remark) => void }) {
  if (rows.length === 0) return <div className="muted">No function is within 20 % over the inlining budget.</div>;
  return (
    <table className="remarks-table" data-testid="almost-table">
      <thead>
        <tr>
          <th>function</th>
          <th>cost / budget</th>
          <th>over</th>
          <th>where</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((a, i) => (
          <tr key={i} className="remark-row" onClick={() => onSelect(a.remark)}>
            <td>{a.remark.function ?? '?'}</td>
            <td>
              {a.cost} / {a.budget}
            </td>
            <td>{a.overPercent.toFixed(1)} %</td>
            <td className="muted">
              {a.remark.path ?? a.remark.file}:{a.remark.line}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
