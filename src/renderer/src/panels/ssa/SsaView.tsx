// The SSA browser: pick a package and a function, gopsy captures it with the real compiler, then
// browse its phases (list, phase view, diff, CFG, sources/AST/genssa) and follow values. Its state is
// in the SsaStore; this component wires the store to the jobs, the backend and its parts.
import { useCallback, useMemo, useState } from 'react';
import type { ViewProps } from '../viewProps';
import { errorMessage as message } from '../../../../shared/rpc';
import { RUN_SSA_PAGE } from '../../../../shared/runLayout';
import { phaseRows } from './PhaseView';
import { PhaseList } from './PhaseList';
import { ValuePanel } from './ValuePanel';
import { useShowSsaRequests } from './useShowSsa';
import { takeSsaTab } from '../../workbenchBus';
import { useSsaJobs } from './useSsaJobs';
import { bundleName, useOpenBundle } from '../../hooks/useOpenBundle';
import { useLayout } from '../../state/layout';
import { Splitter } from '../../Splitter';
import { listedFunctions, pkgArgOf, ssaStoreFor, useSsaSnapshot } from './ssaStore';
import { useSsaFunctions } from './useSsaFunctions';
import { useSsaCapture } from './useSsaCapture';
import { useCaptureLines } from './useCaptureLines';
import { SsaPicker, type BundleSsa } from './SsaPicker';
import { FunctionList } from './FunctionList';
import { CaptureView } from './CaptureView';
import { StaleNotice } from '../../editor/StaleNotice';
import './ssa.css';


const dirOf = (p: string) => p.split('/').slice(0, -1).join('/');

export function SsaView({ api, workspace, openSource }: ViewProps) {
  const store = useMemo(() => ssaStoreFor(api), [api]);
  const snap = useSsaSnapshot(store);
  const { pkg, test, busy, error, summary, phase, index, diffBase, selected, history, openDir } = snap;
  const [sideWidth, setSideWidth] = useLayout('ssaSideWidth');
  const [funcsHeight, setFuncsHeight] = useLayout('ssaFuncsHeight');

  const pkgArg = pkgArgOf(pkg);
  const funcs = listedFunctions(snap);

  const jobs = useSsaJobs(api);
  const { jobs: running, run: runJob, cancel: cancelJob } = jobs;
  const capturing = running.some((j) => j.job.startsWith('capture-'));
  const listFunctions = useSsaFunctions(api, workspace, store, pkg, test, jobs);
  useSsaCapture(api, store, snap);

  // The capture shown, for "saved after this capture" (a save of a file of its package).
  const [made, setMade] = useState<{ at: number; name: string; dir: string; where: { pkgArg: string; test: boolean; file: string } } | null>(null);
  const capture = useCallback(
    async (name: string, where?: { pkgArg: string; test: boolean; file: string }) => {
      store.set({ error: null });
      try {
        const res = await runJob('capture', `Compiling ${name}…`, (job) => api.call('ssa.capture', { pkg: where?.pkgArg ?? pkgArg, func: name, test: where?.test ?? test, job }));
        if (!res.ok) {
          store.fail(res.message, res.candidates);
          return;
        }
        const listed = funcs?.find((f) => f.name === name && f.line !== null && f.file.endsWith('.go'));
        const file = where?.file ?? listed?.file ?? null;
        store.show(res.id, file);
        const pkgFile = file?.replace(/^\.\//, '') ?? null;
        setMade(pkgFile ? { at: Date.now(), name, dir: dirOf(pkgFile), where: { pkgArg: where?.pkgArg ?? pkgArg, test: where?.test ?? test, file: pkgFile } } : null);
      } catch (err) {
        store.fail(message(err));
      }
    },
    [api, store, pkgArg, test, funcs, runJob],
  );

  useShowSsaRequests(
    api,
    listFunctions,
    (t) => {
      store.set({ pkg: t.pkgDir, test: t.test });
      // A link that asked for a tab (the instructions panel's genssa) gets it once the capture shows.
      const tab = takeSsaTab();
      void capture(t.func, t).then(() => tab && store.set({ tab }));
    },
    (text) => store.fail(text),
    (text) => store.set({ busy: text }),
  );

  // What the open bundle carries of SSA, replayed read-only: what its runs captured (a profile's "SSA
  // of function", runs/<run>/ssa/) and the SSA view's own captures saved with the session (ssa/<capture>/).
  const bundle = useOpenBundle(api);
  const bundleSsa = useMemo(() => {
    const out: BundleSsa[] = [];
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
    store.set({ error: null, busy: `Reading ${pick.label}…` });
    try {
      const opened =
        'run' in pick.from
          ? await api.call('ssa.openBundleRun', { bundle: bundle.id, run: pick.from.run, file: pick.file })
          : await api.call('ssa.openBundleCapture', { bundle: bundle.id, capture: pick.from.capture, file: pick.file });
      store.show(opened.id);
    } catch (err) {
      store.fail(message(err));
    } finally {
      store.set({ busy: null });
    }
  };

  const openFolder = async () => {
    store.set({ error: null });
    try {
      store.show((await api.call('ssa.open', { dir: openDir })).id);
    } catch (err) {
      store.fail(message(err));
    }
  };

  const lines = useCaptureLines(api, snap, openSource);
  const rows = useMemo(() => (phase ? phaseRows(phase) : []), [phase]);
  const jumpTo = (target: string) =>
    store.jumpTo(
      target,
      rows.findIndex((r) => (target.startsWith('b') ? r.t === 'block' && r.b.id === target : r.t === 'value' && r.v.id === target)),
    );

  return (
    <div className="ssa-view" data-testid="ssa-view">
      <SsaPicker
        store={store}
        snap={snap}
        bundleSsa={bundleSsa}
        jobs={running}
        onOpenFolder={() => void openFolder()}
        onOpenFromBundle={(i) => void openFromBundle(i)}
        onCancelJob={cancelJob}
      />
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
      {made && summary && (
        <StaleNotice
          api={api}
          since={made.at}
          match={(p) => p.endsWith('.go') && dirOf(p) === made.dir}
          what={`this SSA of ${made.name} was compiled`}
          refreshLabel="Capture again"
          onRefresh={() => void capture(made.name, made.where)}
          disabled={!!busy || capturing}
        />
      )}
      {summary?.warnings.map((w) => (
        <div key={w} className="banner warn">
          {w}
        </div>
      ))}
      <div className="ssa-body">
        <div className="ssa-side" style={{ width: sideWidth }}>
          <FunctionList
            store={store}
            snap={snap}
            funcs={funcs}
            blocked={!!busy || capturing}
            height={summary ? funcsHeight : undefined}
            onCapture={(name) => void capture(name)}
          />
          {summary && <Splitter direction="vertical" size={funcsHeight} min={80} max={2000} sign={1} onResize={setFuncsHeight} />}
          {summary && <PhaseList phases={summary.phases} current={index} onPick={(i) => store.pickPhase(i)} onDiffBase={(b) => store.set({ diffBase: b })} diffBase={diffBase} />}
        </div>
        <Splitter direction="horizontal" size={sideWidth} min={180} max={900} sign={1} onResize={setSideWidth} />
        <div className="ssa-main">
          {!summary && !busy && running.length === 0 && (
            <p className="muted ssa-empty" data-testid="ssa-empty">
              {workspace
                ? 'Pick a function on the left (or type its name and press Capture name) to see what every compiler pass did to it.'
                : bundleSsa.length > 0
                  ? 'No project is open: pick the SSA the bundle captured in "from the bundle…" above.'
                  : 'No project is open, so nothing can be compiled or opened here. A bundle brings SSA when the build profile it recorded named a function ("SSA of function").'}
            </p>
          )}
          <CaptureView api={api} store={store} snap={snap} rows={rows} lines={lines} onJump={jumpTo} />
        </div>
        {history && summary && history.id === selected && (
          <ValuePanel history={history} phases={summary.phases} onPhase={(i) => store.set({ index: i })} onValue={jumpTo} onLine={(l) => lines.openLine(l)} />
        )}
      </div>
    </div>
  );
}
