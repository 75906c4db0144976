// One opened run: its header (status, cache hits), what is missing or truncated, and its sub-tabs. A run
// replayed from a bundle is read-only: it offers nothing that would build, and shows its console.
import { useMemo, useState } from 'react';
import type { RunDetail, RunSummary } from '../../../../shared/api';
import type { CompileCostSummary } from '../../../../shared/contract/compileCost';
import type { TestCacheResult } from '../../../../shared/contract/testCache';
import { ARTEFACTS } from '../../../../shared/runFolder';
import type { ViewProps } from '../viewProps';
import { requestCompare, revealInTree } from '../../workbenchBus';
import { CommandLog } from './CommandLog';
import { CompileCostTab } from './CompileCostTab';
import { CompilerProfileView } from './CompilerProfileView';
import { PhaseTable } from './PhaseTable';
import { ProblemsList } from './ProblemsList';
import { BuildTimelinePanel } from './BuildTimelinePanel';
import { recordsRebuildReasons, type ExplainApi } from './useRebuildExplanation';
import { WhyRebuiltTab } from './WhyRebuiltTab';
import { TestCacheTab } from './TestCacheTab';

export type Tab = 'timeline' | 'phases' | 'commands' | 'problems' | 'profile' | 'why' | 'cost' | 'tests' | 'console';

/** A run an opened bundle carries: where it comes from and its console transcript. */
export interface Replay {
  label: string;
  console: string | null;
  consoleTruncated: boolean;
}

interface Props {
  detail: RunDetail;
  tab: Tab;
  setTab: (t: Tab) => void;
  openSource: ViewProps['openSource'];
  replay?: Replay;
  /** The backend's rebuild explanations (a project run's Why rebuilt tab) and the project's runs to compare with. */
  explain?: { api: ExplainApi; runs: RunSummary[] };
  /** build.compileCost (a project run's Compile cost tab). */
  compileCost?: (id: string) => Promise<CompileCostSummary>;
  /** build.testCache (a project 'run-tests' run's Test cache tab). */
  testCache?: (id: string, against?: string) => Promise<TestCacheResult>;
}

export function RunPanel({ detail, tab, setTab, openSource, replay, explain, compileCost, testCache }: Props) {
  const m = detail.manifest;
  const tests = testCache && !replay && (m.profile.target === 'run-tests' || m.artefacts.includes(ARTEFACTS.testCache)) ? testCache : null;
  const loadCost = useMemo(() => (compileCost ? () => compileCost(m.id) : null), [compileCost, m.id]);
  // The timeline's rebuild causes (against the backend's choice of earlier run) and its link to the
  // Compile cost tab, filtered to a package.
  const explainApi = explain?.api;
  const timelineExplain = useMemo(
    () =>
      explainApi && !replay && recordsRebuildReasons(m)
        ? { load: () => explainApi.explain(m.id), loadAction: (against: string, key: string) => explainApi.explainAction(m.id, against, key), onOpen: () => setTab('why') }
        : undefined,
    [explainApi, replay, m, setTab],
  );
  const [costPackage, setCostPackage] = useState<string | null>(null);
  const hasCompileCost = !!loadCost && !replay && (m.profile.capture.compileCost || m.artefacts.includes(ARTEFACTS.compileCost));
  const toCompileCost = (pkg: string) => {
    setCostPackage(pkg);
    setTab('cost');
  };
  const tabs: Array<[Tab, string]> = [
    ['timeline', 'Timeline'],
    ['phases', `Compile phases (${detail.phases.length})`],
    ['commands', 'Command log'],
    ['problems', `Problems (${detail.errors.length})`],
    ...(m.profile.capture.cpuProfilePackage ? [['profile', 'Compiler profile'] as [Tab, string]] : []),
    ...(explain && !replay ? [['why', 'Why rebuilt'] as [Tab, string]] : []),
    ...(loadCost && !replay ? [['cost', 'Compile cost'] as [Tab, string]] : []),
    ...(tests ? [['tests', 'Test cache'] as [Tab, string]] : []),
    ...(replay ? [['console', 'Console'] as [Tab, string]] : []),
  ];
  const shown = (tab === 'console' && !replay) || (tab === 'why' && (!explain || replay)) || (tab === 'cost' && (!loadCost || replay)) || (tab === 'tests' && !tests) ? 'timeline' : tab;
  return (
    <div className="run-panel" data-testid={replay ? 'replay-run' : undefined}>
      {replay && (
        <div className="banner" data-testid="replay-banner">
          <span className="badge">read-only replay</span> {replay.label}: recorded in the bundle; nothing here runs, and paths are the sender’s.
        </div>
      )}
      <div className="run-header">
        <b className={`status-${m.status}`}>{m.status}</b> {m.profile.name} · exit {m.exitCode ?? '—'} · {m.goVersion} ·{' '}
        {detail.cachedPackages.length > 0 ? `${detail.cachedPackages.length} packages from the cache` : 'no cache hits'}
        {detail.remarksCount > 0 ? ` · ${detail.remarksCount} optimisation remarks captured` : ''}{' '}
        {!replay && (
          <>
            <button onClick={() => requestCompare({ run: m.id })}>Compare…</button>{' '}
            <button onClick={() => requestCompare({ run: m.id, anotherVersion: true })} data-testid="run-another-version">
              Same build, another Go version…
            </button>
          </>
        )}
      </div>
      {m.status === 'cancelled' || m.status === 'killed' ? (
        <div className="banner warn">This build did not finish ({m.status}): what is shown is what was written before it stopped.</div>
      ) : null}
      {detail.problems.map((p) => (
        <div key={p.artefact} className="banner warn" role="status">
          {p.artefact}: {p.message}
        </div>
      ))}
      <div className="view-tabs" role="tablist">
        {tabs.map(([id, title]) => (
          <button key={id} role="tab" aria-selected={shown === id} className={shown === id ? 'active' : ''} onClick={() => setTab(id)}>
            {title}
          </button>
        ))}
      </div>
      <div className="run-body">
        {shown === 'timeline' &&
          (detail.timeline ? (
            // A replayed run's packages are the sender's: the project tree here is another one.
            <BuildTimelinePanel
              key={m.id}
              timeline={detail.timeline}
              analysis={detail.analysis}
              explain={timelineExplain}
              onCompileCost={hasCompileCost ? toCompileCost : undefined}
              {...(replay ? {} : { onPackage: revealInTree })}
            />
          ) : (
            <p className="muted">No timeline: the action graph is missing or unreadable (see above).</p>
          ))}
        {shown === 'phases' && <PhaseTable phases={detail.phases} cached={detail.cachedPackages} />}
        {shown === 'commands' && <CommandLog commands={detail.commands} />}
        {shown === 'problems' && <ProblemsList errors={detail.errors} onOpen={openSource} />}
        {shown === 'profile' &&
          (detail.compilerProfile ? (
            <CompilerProfileView key={m.id} profile={detail.compilerProfile} />
          ) : (
            <p className="muted">No compiler profile in this run (see above).</p>
          ))}
        {shown === 'why' && explain && <WhyRebuiltTab key={m.id} explainApi={explain.api} detail={detail} runs={explain.runs} />}
        {shown === 'cost' && loadCost && <CompileCostTab key={m.id} load={loadCost} openSource={openSource} packageFilter={costPackage} onPackageFilter={setCostPackage} />}
        {shown === 'tests' && tests && <TestCacheTab key={m.id} id={m.id} load={tests} runs={explain?.runs ?? []} />}
        {shown === 'console' && replay && (
          <>
            {replay.consoleTruncated && <p className="muted small">The console is long: its last 2 MiB are shown.</p>}
            {replay.console !== null ? (
              <pre className="live-output" data-testid="replay-console">
                {replay.console}
              </pre>
            ) : (
              <p className="muted">This run has no console transcript (console.txt).</p>
            )}
          </>
        )}
      </div>
    </div>
  );
}
