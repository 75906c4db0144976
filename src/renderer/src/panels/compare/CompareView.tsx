// The Compare view: two builds side by side — runs of the project, or runs inside an opened bundle —
// on build timing, remarks, per-function SSA and binary size; and "Same build, another Go version",
// which reruns a run's profile with GOTOOLCHAIN and compares the two when it ends.
import { useCallback, useEffect, useState } from 'react';
import type { RunSummary } from '../../../../shared/api';
import type { RunComparison, RunRef } from '../../../../shared/compare';
import type { BundleRun } from '../../../../shared/contract/compare';
import type { ViewProps } from '../viewProps';
import { useBusyAction } from '../../hooks/useBusyAction';
import { onCompareRequest, takeCompareRequest } from '../../workbenchBus';
import { AnotherVersion, type AnotherBase } from './AnotherVersion';
import { RemarksSection, SsaSection, TimingSection } from './Sections';
import { BinarySection } from './BinarySection';
import './compare.css';
import { useShowing, useStorageDeleted } from '../../storage/useShowing';

interface Choice {
  key: string;
  label: string;
  ref: RunRef;
}

const runLabel = (r: { id: string; profileName: string; goVersion?: string; status: string }) =>
  `${r.id} · ${r.goVersion ?? '?'} · ${r.profileName}${r.status === 'succeeded' ? '' : ` (${r.status})`}`;

export function CompareView({ api, workspace, openSource }: ViewProps) {
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [bundle, setBundle] = useState<{ id: string; name: string; runs: BundleRun[] } | null>(null);
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [result, setResult] = useState<RunComparison | null>(null);
  const [another, setAnother] = useState<AnotherBase | null>(null);
  const { busy, error, setError, run } = useBusyAction();
  // The project runs picked here stay in storage while they are; deleted ones leave the choices.
  const runOf = (k: string) => (k.startsWith('run:') ? k.slice('run:'.length) : null);
  useShowing(api, 'compare', [runOf(a), runOf(b)]);

  const refreshRuns = useCallback(
    () =>
      (workspace ? api.call('build.runs', {}) : Promise.resolve([] as RunSummary[])).then((list) => {
        setRuns(list);
        return list;
      }),
    [api, workspace],
  );

  useStorageDeleted(api, refreshRuns);

  useEffect(() => {
    refreshRuns().catch((e: Error) => setError(e.message));
    void api
      .call('bundle.current', {})
      .then(async (s) => {
        if (!s) return;
        const list = await api.call('compare.bundleRuns', { bundle: s.id });
        setBundle({ id: s.id, name: s.file.split('/').pop() ?? s.file, runs: list });
      })
      .catch(() => {});
  }, [api, refreshRuns, setError]);

  const choices: Choice[] = [
    ...runs.filter((r) => r.status !== 'running').map((r) => ({ key: `run:${r.id}`, label: runLabel(r), ref: { run: r.id } })),
    ...(bundle?.runs ?? []).map((r) => ({ key: `bundle:${bundle!.id}:${r.run}`, label: `${bundle!.name} ▸ ${runLabel(r)}`, ref: { bundle: bundle!.id, run: r.run } })),
  ];

  const compare = useCallback(
    (ka: string, kb: string, list: Choice[]) =>
      run('Comparing…', async () => {
        const ca = list.find((c) => c.key === ka);
        const cb = list.find((c) => c.key === kb);
        if (!ca || !cb) throw new Error('Pick two runs to compare.');
        setResult(await api.call('compare.runs', { a: ca.ref, b: cb.ref }));
      }),
    [api, run],
  );

  // A build that ends anywhere (the Build view, another window) becomes a choice here.
  useEffect(
    () =>
      api.on('build.status', (s) => {
        if (s.status !== 'running') refreshRuns().catch(() => {});
      }),
    [api, refreshRuns],
  );

  // "Compare this run" / "another Go version" from the Build view.
  useEffect(() => {
    const take = () => {
      const req = takeCompareRequest();
      if (!req) return;
      if ('profile' in req) return setAnother({ profile: req.profile });
      setA(`run:${req.run}`);
      if (req.anotherVersion) setAnother({ run: req.run });
    };
    take();
    return onCompareRequest(take);
  }, []);

  const finished = async (newRun: string, ok: boolean, baseRun: string) => {
    await refreshRuns().catch(() => []);
    if (!ok || baseRun === newRun) return; // the dialog shows why
    const base = `run:${baseRun}`;
    const next = `run:${newRun}`;
    setA(base);
    setB(next);
    setAnother(null);
    const list = await api.call('build.runs', {});
    void compare(base, next, list.map((r) => ({ key: `run:${r.id}`, label: runLabel(r), ref: { run: r.id } })));
  };

  if (!workspace && !bundle) return <p className="muted compare-view">Open a project (or a session bundle) to compare its build runs.</p>;
  const aRun = a.startsWith('run:') ? a.slice(4) : null;
  return (
    <div className="compare-view" data-testid="compare-view">
      <div className="compare-controls">
        <RunPicker label="A (baseline)" side="A" value={a} onChange={setA} choices={choices} />
        <RunPicker label="B" side="B" value={b} onChange={setB} choices={choices} />
        <button onClick={() => void compare(a, b, choices)} disabled={!a || !b || !!busy} data-testid="compare-go">
          Compare
        </button>
        <button onClick={() => aRun && setAnother({ run: aRun })} disabled={!aRun || !!another} title="Rerun run A's profile with GOTOOLCHAIN=goX.Y.Z and compare" data-testid="compare-another">
          Same build, another Go version…
        </button>
        {busy && <span className="muted">{busy}</span>}
      </div>
      {choices.length < 2 && !another && (
        <p className="muted small">Compare needs two runs: capture builds in the Build view, or run A again with another Go version.</p>
      )}
      {error && (
        <div className="banner error" role="alert">
          {error} <button onClick={() => setError(null)}>Dismiss</button>
        </div>
      )}
      {another && (
        <AnotherVersion
          key={'run' in another ? another.run : another.profile.name}
          api={api}
          base={another}
          onFinished={(id, ok, baseRun) => void finished(id, ok, baseRun)}
          onClose={() => setAnother(null)}
        />
      )}
      {result && (
        <div className="compare-result" data-testid="compare-result">
          <table className="compare-sides">
            <tbody>
              {(['a', 'b'] as const).map((k) => {
                const s = result[k];
                return (
                  <tr key={k}>
                    <th>{k.toUpperCase()}</th>
                    <td>{s.label}</td>
                    <td className="toolchain-cell" data-testid={`compare-side-${k}`}>
                      {s.goVersion ?? 'go version not recorded'}
                      {s.gotoolchain ? ` (GOTOOLCHAIN=${s.gotoolchain})` : ''}
                    </td>
                    <td className="muted">
                      {s.profileName} · {s.status}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {result.warnings.map((w) => (
            <div key={w} className="banner warn">
              {w}
            </div>
          ))}
          <TimingSection c={result} />
          <RemarksSection c={result} openSource={openSource} />
          <SsaSection c={result} openSource={openSource} />
          <BinarySection c={result} />
        </div>
      )}
    </div>
  );
}

/** One side's run: the same choices on both sides. */
function RunPicker(props: { label: string; side: 'A' | 'B'; value: string; onChange: (key: string) => void; choices: Array<{ key: string; label: string }> }) {
  return (
    <label>
      {props.label}{' '}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)} aria-label={`Run ${props.side}`} data-testid={`compare-${props.side.toLowerCase()}`}>
        <option value="">pick a run…</option>
        {props.choices.map((c) => (
          <option key={c.key} value={c.key}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}
