// The Timeline tab of a run: what limited the build (in words, with the numbers), the cache-miss summary,
// the timeline (rebuilt actions coloured by cause) and the tables under it, sharing one selection: a row
// selects its bar and a bar its row. A click on a rebuilt bar shows its reasons and inputs beside the
// earlier run's; on a compile bar of a run with pass times, its package's functions (Compile cost).
import { useMemo, useState } from 'react';
import type { BuildAnalysis, Timeline, TimelineBar } from '../../../../shared/build';
import type { ActionVerdict } from '../../../../shared/contract/explain';
import { ActionInputsView } from './ActionInputsView';
import { BuildTables } from './BuildTables';
import { ms } from './format';
import { TimelineView } from './TimelineView';
import { barClick, barOpensCompileCost, isCompile } from './timelineCauses';
import { CACHE_HASH_RECORD, type ActionInputs, type ExplainResult } from './useRebuildExplanation';
import { useTimelineCauses } from './useTimelineCauses';

interface Props {
  timeline: Timeline;
  analysis: BuildAnalysis | null;
  onPackage?: (pkg: string) => void;
  /** A project run that recorded its cache-key inputs: its explanation and one action's inputs in both runs. */
  explain?:
    | {
        load: () => Promise<ExplainResult>;
        loadAction: (against: string, key: string) => Promise<ActionInputs>;
        onOpen: () => void;
      }
    | undefined;
  /** A project run with SSA pass times: opens the Compile cost tab on a package's functions. */
  onCompileCost?: ((pkg: string) => void) | undefined;
}

export function BuildTimelinePanel({ timeline, analysis, onPackage, explain, onCompileCost }: Props) {
  const [selectedId, setSelectedId] = useState<number | undefined>(undefined);
  const [focus, setFocus] = useState<{ from: number; to: number } | undefined>(undefined);
  const [opened, setOpened] = useState<{ bar: TimelineBar; verdict?: ActionVerdict } | null>(null);
  const queued = useMemo(
    () => new Map((analysis?.actions ?? []).map((a) => [a.actionId, a.queuedMs ?? 0])),
    [analysis],
  );
  const why = useTimelineCauses(timeline, explain?.load);
  const onBarClick = (bar: TimelineBar) => {
    const click = barClick(bar, why.causes, !!onCompileCost);
    setOpened(
      click.kind === 'reasons' ? { bar, verdict: click.verdict } : click.kind === 'compile' ? { bar } : null,
    );
  };
  const onBarOpen = (bar: TimelineBar) => {
    const pkg = barOpensCompileCost(bar, !!onCompileCost);
    if (pkg) onCompileCost?.(pkg);
  };
  return (
    <div className="build-timeline-panel">
      {analysis && <AnalysisSummary analysis={analysis} onSelect={setSelectedId} />}
      {explain && (
        <p className="timeline-cache-line small" data-testid="timeline-cache-summary">
          {why.sentence ?? 'Comparing every action’s inputs with the earlier run…'}{' '}
          <button className="link" onClick={explain.onOpen}>
            Why rebuilt →
          </button>
        </p>
      )}
      <TimelineView
        timeline={timeline}
        criticalPath={analysis?.criticalPath ?? []}
        workers={analysis?.workers ?? timeline.lanes}
        selectedId={selectedId}
        onSelect={setSelectedId}
        queuedMs={queued}
        focus={focus}
        causes={why.causes}
        onBarClick={onBarClick}
        onBarOpen={onBarOpen}
        {...(onPackage ? { onPackage } : {})}
      />
      {opened && (
        <div className="timeline-detail" data-testid="timeline-detail">
          {onCompileCost && isCompile(opened.bar) && (
            <span className="small">
              <b>{opened.bar.package}</b> compiled in {ms(opened.bar.end - opened.bar.start)}:{' '}
              <button
                className="link"
                onClick={() => onCompileCost(opened.bar.package)}
                data-testid="timeline-to-cost"
                title="Double-click a compile bar to go there at once"
              >
                its functions’ compile cost →
              </button>
            </span>
          )}
          {opened.verdict && explain && why.result && (
            <div data-testid="timeline-rebuilt">
              <ActionInputsView
                key={opened.verdict.key}
                verdict={opened.verdict}
                id={why.result.id}
                against={why.result.against}
                loadAction={explain.loadAction}
                rawRecord={{ name: CACHE_HASH_RECORD }}
                onClose={() => setOpened(null)}
              />
            </div>
          )}
        </div>
      )}
      {analysis && (
        <BuildTables
          analysis={analysis}
          selectedId={selectedId}
          onSelect={setSelectedId}
          onShowRange={(from, to) => setFocus({ from, to })}
        />
      )}
    </div>
  );
}

/** The verdict, then the critical path's weighty steps (a click selects one). */
function AnalysisSummary({ analysis, onSelect }: { analysis: BuildAnalysis; onSelect: (id: number) => void }) {
  const byId = new Map(analysis.actions.map((a) => [a.actionId, a]));
  const steps = analysis.criticalPath.map((id) => byId.get(id)).filter((a) => a !== undefined);
  // Steps under 2% of the chain (cache checks, tiny packages) are counted, not named.
  const weighty = steps.filter((a) => a.durationMs >= 0.02 * analysis.criticalPathMs);
  return (
    <div className={`build-verdict verdict-${analysis.verdict.kind}`} data-testid="build-verdict">
      <p>{analysis.verdict.text}</p>
      <p className="muted small">
        Wall time {ms(analysis.wallMs)} · {analysis.workers} workers ({analysis.workersSource === 'trace' ? 'from the trace' : 'the most actions at once'}) · every worker busy for{' '}
        {ms(analysis.allBusyMs)} · actions’ own time {ms(analysis.busyMs)} · critical path {ms(analysis.criticalPathMs)} over {steps.length} actions:
      </p>
      <p className="crit-chain small" data-testid="critical-chain">
        {weighty.map((a, i) => (
          <span key={a.actionId}>
            {i > 0 && <span className="muted"> → </span>}
            <button className="link" onClick={() => onSelect(a.actionId)} title={`${a.mode} ${a.package}`}>
              {a.package.split('/').slice(-2).join('/')}
              {a.mode === 'build' ? '' : ` (${a.mode})`}
            </button>{' '}
            <span className="muted">{ms(a.durationMs)}</span>
          </span>
        ))}
        {steps.length > weighty.length && <span className="muted"> (and {steps.length - weighty.length} short steps)</span>}
      </p>
    </div>
  );
}
