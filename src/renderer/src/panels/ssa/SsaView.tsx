// The SSA browser: pick a package and a function, gopsy captures it with the real compiler, then
// browse its phases (list, phase view, diff, CFG, sources/AST/genssa) and follow values.
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { TreePackage } from '../../../../shared/api';
import type { SsaAstLine, SsaPhase, SsaProgLine, SsaSourceFile } from '../../../../shared/ssa';
import type { SsaDiffResult, SsaFuncInfo, SsaHistoryResult, SsaSearchResult, SsaSummary } from '../../../../shared/contract/ssa';
import type { ViewProps } from '../../views/registry';
import { errorMessage as message } from '../../../../shared/rpc';
import { RUN_SSA_PAGE, runFolder } from '../../../../shared/runLayout';
import { PhaseView, phaseRows } from './PhaseView';
import { CfgView } from './CfgView';
import { DiffView } from './DiffView';
import { TextColumn, type TextRow } from './TextColumn';
import { PhaseList } from './PhaseList';
import { ValuePanel } from './ValuePanel';
import { useShowSsaRequests } from './useShowSsa';
import { useSsaJobs } from './useSsaJobs';
import { JobStatus } from './JobStatus';
import { useSsaLineMarks } from './useSsaLineMarks';
import { lineFiles } from '../../../../core/ssa/lineFiles';
import { bundleName, useOpenBundle } from '../../hooks/useOpenBundle';
import { editorMarks } from '../../editor/editorMarks';
import { loadState, saveState } from '../../state/persist';
import { defaultPackage, noFunctionsText } from './defaultPackage';
import { useLayout } from '../../state/layout';
import { Splitter } from '../../Splitter';
import { groupFunctions, ORIGIN_TITLES } from './funcOrder';
import './ssa.css';
import { useShowing } from '../../storage/useShowing';

const NO_BLOCKS: SsaPhase['blocks'] = [];
type Tab = 'phase' | 'diff' | 'cfg' | 'sources' | 'ast' | 'genssa' | 'search';

export function SsaView({ api, workspace, openSource }: ViewProps) {
  const [packages, setPackages] = useState<TreePackage[]>([]);
  const [pkg, setPkg] = useState('');
  const [test, setTest] = useState(false);
  // The functions listed, with the package and build they belong to: a list is shown only while its
  // package is the one picked, so no frame shows one package's functions under another's name.
  const [listed, setListed] = useState<{ for: string; functions: SsaFuncInfo[] } | null>(null);
  const [funcFilter, setFuncFilter] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  // `fromList`: the error came from listing functions; a new listing clears only such an error, not
  // one the user's own action (open, capture) produced meanwhile.
  const [error, setError] = useState<{ text: string; candidates: string[]; fromList?: boolean } | null>(null);
  const [id, setId] = useState<string | null>(null);
  const [format, setFormat] = useState<'html' | 'dumps' | undefined>(undefined);
  const [summary, setSummary] = useState<SsaSummary | null>(null);
  const [index, setIndex] = useState(0);
  const [phase, setPhase] = useState<SsaPhase | null>(null);
  const [tab, setTab] = useState<Tab>('phase');
  const [selected, setSelected] = useState<string | null>(null);
  const [history, setHistory] = useState<SsaHistoryResult | null>(null);
  const [diff, setDiff] = useState<SsaDiffResult | null>(null);
  const [diffBase, setDiffBase] = useState<number | null>(null);
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<SsaSearchResult | null>(null);
  const [column, setColumn] = useState<{ sources?: SsaSourceFile[]; ast?: SsaAstLine[]; genssa?: SsaProgLine[] }>({});
  const [highlightLine, setHighlightLine] = useState<number | null>(null);
  const [scrollTo, setScrollTo] = useState<number | null>(null);
  const [sideWidth, setSideWidth] = useLayout('ssaSideWidth');
  const [funcsHeight, setFuncsHeight] = useLayout('ssaFuncsHeight');

  useEffect(() => {
    if (!workspace) return;
    void api.call('workspace.tree', {}).then((t) => {
      const usable = t.packages.filter((p) => !p.error && p.files.some((f) => f.kind === 'go'));
      setPackages(usable);
      const root = workspace.root;
      // A package asked for already (a "Show SSA" lens) stays, if this project has it.
      setPkg((cur) =>
        cur && usable.some((p) => p.dir === cur)
          ? cur
          : defaultPackage(usable, loadState<string | null>(`ssa.package:${root}`, null), loadState<string | null>(`file:${root}`, null)),
      );
    });
  }, [api, workspace]);

  // The package shown is kept per project across restarts.
  useEffect(() => {
    if (workspace && pkg) saveState(`ssa.package:${workspace.root}`, pkg);
  }, [workspace, pkg]);

  const pkgArg = pkg === '.' ? '.' : `./${pkg}`;
  const funcs = listed?.for === `${pkgArg}\0${test}` ? listed.functions : null;

  const { jobs, run: runJob, cancel: cancelJob } = useSsaJobs(api);
  const capturing = jobs.some((j) => j.job.startsWith('capture-'));
  const listFunctions = useCallback(
    (p: string, t: boolean) => runJob('list', `Asking the compiler which functions ${p} compiles…`, (job) => api.call('ssa.functions', { pkg: p, test: t, job })),
    [api, runJob],
  );
  // Only the newest listing is shown: one for a package no longer picked is stopped.
  const listing = useRef(0);
  const loadFunctions = useCallback(async () => {
    if (!pkg) return;
    const mine = ++listing.current;
    setError((e) => (e?.fromList ? null : e));
    try {
      const res = await listFunctions(pkgArg, test);
      if (mine === listing.current) setListed({ for: `${pkgArg}\0${test}`, functions: res.functions });
    } catch (err) {
      if (mine === listing.current) setError({ text: message(err), candidates: [], fromList: true });
    }
  }, [pkg, pkgArg, test, listFunctions]);

  useEffect(() => {
    // From a timer: the list is external state, fetched after the package changed.
    const t = setTimeout(() => void loadFunctions(), 0);
    return () => clearTimeout(t);
  }, [loadFunctions]);
  const jobsNow = useRef(jobs);
  useEffect(() => {
    jobsNow.current = jobs;
  });
  // A listing of the package no longer picked, or of a view that went away, is stopped.
  useEffect(
    () => () => {
      for (const j of jobsNow.current) if (j.job.startsWith('list-')) cancelJob(j.job);
    },
    [loadFunctions, cancelJob],
  );

  /** Shows a capture the backend has started parsing (a fresh one or an opened folder). */
  const [knownFile, setKnownFile] = useState<string | null>(null);
  // The capture shown stays in storage while it is.
  useShowing(api, 'ssa', [], [id]);
  const show = useCallback((captureId: string, file: string | null = null) => {
    editorMarks.clear('ssa');
    setKnownFile(file);
    setSummary(null);
    setPhase(null);
    setSelected(null);
    setHistory(null);
    setColumn({});
    setIndex(0);
    setFormat(undefined);
    setId(captureId);
  }, []);

  const capture = useCallback(
    async (name: string, where?: { pkgArg: string; test: boolean; file: string }) => {
      setError(null);
      try {
        const res = await runJob('capture', `Compiling ${name}…`, (job) => api.call('ssa.capture', { pkg: where?.pkgArg ?? pkgArg, func: name, test: where?.test ?? test, job }));
        if (!res.ok) {
          setError({ text: res.message, candidates: res.candidates });
          return;
        }
        const listed = funcs?.find((f) => f.name === name && f.line !== null && f.file.endsWith('.go'));
        show(res.id, where?.file ?? listed?.file ?? null);
      } catch (err) {
        setError({ text: message(err), candidates: [] });
      }
    },
    [api, pkgArg, test, show, funcs, runJob],
  );

  useShowSsaRequests(
    api,
    listFunctions,
    (t) => {
      setPkg(t.pkgDir);
      setTest(t.test);
      void capture(t.func, t);
    },
    (text) => setError({ text, candidates: [] }),
    setBusy,
  );

  // What the open bundle carries of SSA, replayed read-only: what its runs captured (a profile's "SSA
  // of function", runs/<run>/ssa/) and the SSA view's own captures saved with the session (ssa/<capture>/).
  const bundle = useOpenBundle(api);
  const bundleSsa = useMemo(() => {
    const out: Array<{ from: { run: string } | { capture: string }; file: string; label: string }> = [];
    for (const e of bundle?.entries ?? []) {
      const run = RUN_SSA_PAGE.exec(e.path);
      if (run) out.push({ from: { run: run[1]! }, file: `${run[2]!}.html`, label: `${bundleName(bundle!)} ▸ run ${run[1]!}: ${run[2]!}` });
      const cap = /^ssa\/([\w.-]+)\/(?:.*\/)?([^/]+)\.html$/.exec(e.path);
      if (cap) out.push({ from: { capture: cap[1]! }, file: `${cap[2]!}.html`, label: `${bundleName(bundle!)} ▸ SSA capture: ${cap[2]!}` });
    }
    return out;
  }, [bundle]);
  const openFromBundle = async (i: number) => {
    const pick = bundleSsa[i];
    if (!pick || !bundle) return;
    setError(null);
    setBusy(`Reading ${pick.label}…`);
    try {
      const opened =
        'run' in pick.from
          ? await api.call('ssa.openBundleRun', { bundle: bundle.id, run: pick.from.run, file: pick.file })
          : await api.call('ssa.openBundleCapture', { bundle: bundle.id, capture: pick.from.capture, file: pick.file });
      show(opened.id);
    } catch (err) {
      setError({ text: message(err), candidates: [] });
    } finally {
      setBusy(null);
    }
  };

  const [openDir, setOpenDir] = useState('');
  const openFolder = async () => {
    setError(null);
    try {
      show((await api.call('ssa.open', { dir: openDir })).id);
    } catch (err) {
      setError({ text: message(err), candidates: [] });
    }
  };

  // The summary arrives at the first phase; poll until the parse is done.
  useEffect(() => {
    if (!id) return;
    let stop = false;
    const poll = async () => {
      while (!stop) {
        const s = await api.call('ssa.summary', { id, format });
        if (stop) return;
        setSummary(s);
        if (s.done) return;
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    poll().catch((err) => setError({ text: message(err), candidates: [] }));
    return () => {
      stop = true;
    };
  }, [api, id, format]);

  // The phase shown: fetched again only when that index changes, not at every poll while later phases
  // arrive (a phase of a big function is megabytes).
  const shown = summary && summary.phases.length > 0 ? Math.min(index, summary.phases.length - 1) : -1;
  useEffect(() => {
    if (!id || shown < 0) return;
    void api.call('ssa.phase', { id, format, index: shown }).then(setPhase, (err) => setError({ text: message(err), candidates: [] }));
  }, [api, id, format, shown]);

  useEffect(() => {
    if (!id || !summary?.done || tab !== 'diff') return;
    const base = diffBase ?? Math.max(0, index - 1);
    void api.call('ssa.diff', { id, format, a: base, b: index }).then(setDiff);
  }, [api, id, format, index, diffBase, tab, summary?.done]);

  useEffect(() => {
    if (!id || !selected || !selected.startsWith('v') || !summary?.done) return;
    void api.call('ssa.history', { id, format, value: selected, phase: index }).then(setHistory);
  }, [api, id, format, selected, index, summary?.done]);

  useEffect(() => {
    if (!id || !summary?.done) return;
    void api.call('ssa.column', { id, format, column: 'sources' }).then((c) => setColumn((o) => ({ ...o, ...c })));
    // genssa's "# file" rows say which file an inlined value's line is in (lineFiles).
    void api.call('ssa.column', { id, format, column: 'genssa' }).then((c) => setColumn((o) => ({ ...o, ...c })));
    if (tab === 'ast') void api.call('ssa.column', { id, format, column: tab }).then((c) => setColumn((o) => ({ ...o, ...c })));
  }, [api, id, format, tab, summary?.done]);

  const rows = useMemo(() => (phase ? phaseRows(phase) : []), [phase]);
  // The mini CFG of a big function (genssa: ~1000 blocks) is drawn after the phase's rows, not before.
  const cfgBlocks = useDeferredValue(phase?.blocks ?? NO_BLOCKS, NO_BLOCKS);
  const mainFile = column.sources?.[0]?.file;
  const fileOf = useMemo(() => lineFiles(column.sources ?? [], column.genssa ?? []), [column.sources, column.genssa]);
  const isOwnLine = useCallback((line: number) => fileOf(line)?.file === mainFile, [fileOf, mainFile]);
  useSsaLineMarks(api, phase, knownFile, mainFile, isOwnLine);
  const openLine = (line: number, file = fileOf(line)?.file ?? mainFile) => file && openSource({ path: file, line });
  const lineTitle = (line: number) => {
    const f = fileOf(line);
    if (!f) return 'open this line in the source';
    const name = f.file.slice(f.file.lastIndexOf('/') + 1);
    if (f.certain) return `open ${name}:${line}${f.file === mainFile ? '' : ' (inlined)'}`;
    return f.others.length ? `open ${name}:${line} (uncertain: ${f.others.join(', ')} also has code on line ${line})` : `open ${name}:${line} (uncertain: no file of this function is known to have code on that line)`;
  };
  const jumpTo = (target: string) => {
    const i = rows.findIndex((r) => (target.startsWith('b') ? r.t === 'block' && r.b.id === target : r.t === 'value' && r.v.id === target));
    setTab('phase');
    setSelected(target);
    if (i >= 0) setScrollTo(i);
  };

  const funcGroups = useMemo(() => groupFunctions(funcs ?? [], pkg, funcFilter), [funcs, pkg, funcFilter]);

  return (
    <div className="ssa-view" data-testid="ssa-view">
      <div className="ssa-picker">
        <label>
          Package{' '}
          <select value={pkg} onChange={(e) => setPkg(e.target.value)} data-testid="ssa-package">
            {packages.map((p) => (
              <option key={p.dir} value={p.dir}>
                {p.importPath}
              </option>
            ))}
          </select>
        </label>
        <label title="functions of _test.go files are compiled in the test binary">
          <input type="checkbox" checked={test} onChange={(e) => setTest(e.target.checked)} /> test build
        </label>
        <input
          placeholder="or a folder with ssa.html"
          title="a kept capture or an unpacked bundle: ssa.html and/or .dump files, inside the project"
          value={openDir}
          onChange={(e) => setOpenDir(e.target.value)}
          data-testid="ssa-open-dir"
        />
        <button onClick={() => void openFolder()} disabled={!openDir}>
          Open capture
        </button>
        {bundleSsa.length > 0 && (
          <select value="" onChange={(e) => void openFromBundle(Number(e.target.value))} title="SSA the open bundle carries: captured by its build runs or in the SSA view (read-only, nothing is compiled)" data-testid="ssa-bundle-open">
            <option value="">from the bundle…</option>
            {bundleSsa.map((b, i) => (
              <option key={`${'run' in b.from ? runFolder(b.from.run) : `ssa/${b.from.capture}`}/${b.file}`} value={i}>
                {b.label}
              </option>
            ))}
          </select>
        )}
        {busy && <span className="muted">{busy}</span>}
        {jobs.map((j) => (
          <JobStatus key={j.job} job={j} onCancel={() => cancelJob(j.job)} />
        ))}
        {summary && (
          <span className="ssa-title" data-testid="ssa-function">
            {summary.name} {summary.done ? '' : '(reading…)'} {summary.partial && <span className="tag warn">partial</span>}
            {summary.formats.length > 1 && (
              <select value={summary.format} onChange={(e) => setFormat(e.target.value as 'html' | 'dumps')} title="ssa.html or the per-pass text dumps">
                {summary.formats.map((f) => (
                  <option key={f} value={f}>
                    {f === 'html' ? 'ssa.html' : 'text dumps'}
                  </option>
                ))}
              </select>
            )}
          </span>
        )}
      </div>
      {error && (
        <div className="banner error" role="alert" data-testid="ssa-error">
          <span className="pre">{error.text}</span>
          {error.candidates.length > 0 && (
            <div>
              Did you mean:{' '}
              {error.candidates.map((c) => (
                <button key={c} onClick={() => void capture(c)}>
                  {c}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
      {summary?.warnings.map((w) => (
        <div key={w} className="banner warn">
          {w}
        </div>
      ))}
      <div className="ssa-body">
        <div className="ssa-side" style={{ width: sideWidth }}>
          <div className="ssa-func-tools">
            <input
              type="search"
              placeholder={funcs ? `filter ${funcs.length} functions, or a name to capture` : 'filter functions'}
              value={funcFilter}
              onChange={(e) => setFuncFilter(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && funcFilter && !busy && !capturing && void capture(funcFilter)}
              data-testid="ssa-func-filter"
            />
            <button onClick={() => void capture(funcFilter)} disabled={!funcFilter || !!busy || capturing} title="Capture the function with exactly this name">
              Capture name
            </button>
          </div>
          <div className="ssa-funcs" data-testid="ssa-functions" style={summary ? { height: funcsHeight, flex: 'none' } : undefined}>
            {funcGroups.map(({ origin, funcs: inGroup }) => (
              <div key={origin} data-origin={origin} data-testid="ssa-func-group">
                <div className="ssa-func-group">
                  {ORIGIN_TITLES[origin]} <span className="muted">{inGroup.length}</span>
                </div>
                {inGroup.map((f) => (
                  <div key={f.name} className={`ssa-func origin-${origin}`} onClick={() => void capture(f.name)} title={`${f.name}\n${f.file}${f.line === null ? '' : `:${f.line}`}`}>
                    {f.name}
                  </div>
                ))}
              </div>
            ))}
            {funcs && funcGroups.length === 0 && (
              <div className="muted" data-testid="ssa-no-functions">
                {funcs.length === 0 ? noFunctionsText(packages.find((p) => p.dir === pkg), test) : 'no function matches'}
              </div>
            )}
          </div>
          {summary && <Splitter direction="vertical" size={funcsHeight} min={80} max={2000} sign={1} onResize={setFuncsHeight} />}
          {summary && <PhaseList phases={summary.phases} current={index} onPick={(i) => (setIndex(i), setDiffBase(null))} onDiffBase={setDiffBase} diffBase={diffBase} />}
        </div>
        <Splitter direction="horizontal" size={sideWidth} min={180} max={900} sign={1} onResize={setSideWidth} />
        <div className="ssa-main">
          {!summary && !busy && jobs.length === 0 && (
            <p className="muted ssa-empty" data-testid="ssa-empty">
              {workspace
                ? 'Pick a function on the left (or type its name and press Capture name) to see what every compiler pass did to it.'
                : bundleSsa.length > 0
                  ? 'No project is open: pick the SSA the bundle captured in "from the bundle…" above.'
                  : 'No project is open, so nothing can be compiled or opened here. A bundle brings SSA when the build profile it recorded named a function ("SSA of function").'}
            </p>
          )}
          {summary && (
            <div className="view-tabs ssa-tabs" role="tablist">
              {(['phase', 'diff', 'cfg', 'sources', 'ast', 'genssa', 'search'] as Tab[]).map((t) => (
                <button key={t} role="tab" aria-selected={tab === t} className={tab === t ? 'active' : ''} onClick={() => setTab(t)}>
                  {t === 'phase' ? 'Phase' : t === 'cfg' ? 'CFG' : t === 'ast' ? 'AST' : t[0]!.toUpperCase() + t.slice(1)}
                </button>
              ))}
              <input placeholder="search: v12, op, type, :28" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="ssa-search" />
              <button
                onClick={() => id && api.call('ssa.search', { id, format, query }).then((r) => (setSearch(r), setTab('search')))}
                disabled={!query || !summary.done}
              >
                All phases
              </button>
            </div>
          )}
          {phase && tab === 'phase' && (
            <div className="ssa-phase-split">
              <PhaseView phase={phase} rows={rows} selected={selected} highlightLine={highlightLine} query={query} scrollTo={scrollTo} onSelect={setSelected} onLine={(l) => openLine(l)} lineTitle={lineTitle} />
              <div className="ssa-mini-cfg">
                <CfgView blocks={cfgBlocks} selected={selected} onBlock={jumpTo} />
              </div>
            </div>
          )}
          {phase && tab === 'cfg' && <CfgView blocks={phase.blocks} selected={selected} onBlock={jumpTo} />}
          {tab === 'diff' && diff && (
            <div className="ssa-diff-wrap">
              <div className="ssa-diff-summary" data-testid="ssa-diff-summary">
                {summary?.phases[diffBase ?? Math.max(0, index - 1)]?.name} → {summary?.phases[index]?.name}: {diff.addedValues.length} values added,{' '}
                {diff.removedValues.length} removed, {diff.changedValues.length} changed; {diff.addedBlocks.length} blocks added, {diff.removedBlocks.length} removed
              </div>
              <DiffView left={diff.left} right={diff.right} />
            </div>
          )}
          {tab === 'sources' && column.sources && (
            <TextColumn
              testId="ssa-sources"
              rows={column.sources.flatMap((s): TextRow[] => [{ line: null, text: s.file, head: true }, ...s.lines])}
              onLine={(line, i) => {
                setHighlightLine(line);
                // The row's own section (a file heading, then its lines) says which file it is in.
                let file = mainFile;
                let row = 0;
                for (const s of column.sources!) {
                  if (i <= row + s.lines.length) {
                    file = s.file;
                    break;
                  }
                  row += s.lines.length + 1;
                }
                openLine(line, file);
              }}
            />
          )}
          {tab === 'ast' && column.ast && <TextColumn testId="ssa-ast" rows={column.ast} onLine={(l) => openLine(l)} />}
          {tab === 'genssa' && column.genssa && (
            <TextColumn
              testId="ssa-genssa"
              rows={column.genssa.map((g) => ({ line: g.line, text: g.text, ref: g.value ?? g.block, pc: g.pc }))}
              onLine={(l) => openLine(l)}
              onRef={jumpTo}
            />
          )}
          {tab === 'search' && search && (
            <div className="ssa-search-results" data-testid="ssa-search-results">
              {search.hits.length} hits{search.truncated ? ' (first ones only)' : ''}
              {search.hits.map((h, k) => (
                <div key={k} className="ssa-row" onClick={() => (setIndex(h.phase), h.value && setSelected(h.value), setTab('phase'))}>
                  <span className="muted">{summary?.phases[h.phase]?.name}</span> {h.block} {h.text}
                </div>
              ))}
            </div>
          )}
        </div>
        {history && summary && history.id === selected && <ValuePanel history={history} phases={summary.phases} onPhase={setIndex} onValue={jumpTo} onLine={(l) => openLine(l)} />}
      </div>
    </div>
  );
}
