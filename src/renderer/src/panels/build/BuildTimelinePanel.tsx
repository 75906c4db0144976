// The Timeline tab of a run: what limited the build (in words, with the numbers), the timeline and the
// tables under it, sharing one selection: a row selects its bar and a bar its row.
import { useMemo, useState } from 'react';
import type { BuildAnalysis, Timeline } from '../../../../shared/build';
import { BuildTables } from './BuildTables';
import { ms } from './format';
import { TimelineView } from './TimelineView';

interface Props {
  timeline: Timeline;
  analysis: BuildAnalysis | null;
  onPackage?: (pkg: string) => void;
}

export function BuildTimelinePanel({ timeline, analysis, onPackage }: Props) {
  const [selectedId, setSelectedId] = useState<number | undefined>(undefined);
  const [focus, setFocus] = useState<{ from: number; to: number } | undefined>(undefined);
  const queued = useMemo(() => new Map((analysis?.actions ?? []).map((a) => [a.actionId, a.queuedMs ?? 0])), [analysis]);
  return (
    <div className="build-timeline-panel">
      {analysis && <AnalysisSummary analysis={analysis} onSelect={setSelectedId} />}
      <TimelineView
        timeline={timeline}
        criticalPath={analysis?.criticalPath ?? []}
        workers={analysis?.workers ?? timeline.lanes}
        selectedId={selectedId}
        onSelect={setSelectedId}
        queuedMs={queued}
        focus={focus}
        {...(onPackage ? { onPackage } : {})}
      />
      {analysis && <BuildTables analysis={analysis} selectedId={selectedId} onSelect={setSelectedId} onShowRange={(from, to) => setFocus({ from, to })} />}
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
