// One opened run: its header (status, cache hits), what is missing or truncated, and its sub-tabs.
import type { RunDetail } from '../../../../shared/api';
import type { ViewProps } from '../../views/registry';
import { requestCompare, revealInTree } from '../../workbenchBus';
import { CommandLog } from './CommandLog';
import { CompilerProfileView } from './CompilerProfileView';
import { PhaseTable } from './PhaseTable';
import { ProblemsList } from './ProblemsList';
import { TimelineView } from './TimelineView';

export type Tab = 'timeline' | 'phases' | 'commands' | 'problems' | 'profile';

export function RunPanel({ detail, tab, setTab, openSource }: { detail: RunDetail; tab: Tab; setTab: (t: Tab) => void; openSource: ViewProps['openSource'] }) {
  const m = detail.manifest;
  const tabs: Array<[Tab, string]> = [
    ['timeline', 'Timeline'],
    ['phases', `Compile phases (${detail.phases.length})`],
    ['commands', 'Command log'],
    ['problems', `Problems (${detail.errors.length})`],
    ...(m.profile.capture.cpuProfilePackage ? [['profile', 'Compiler profile'] as [Tab, string]] : []),
  ];
  return (
    <div className="run-panel">
      <div className="run-header">
        <b className={`status-${m.status}`}>{m.status}</b> {m.profile.name} · exit {m.exitCode ?? '—'} · {m.goVersion} ·{' '}
        {detail.cachedPackages.length > 0 ? `${detail.cachedPackages.length} packages from the cache` : 'no cache hits'}
        {detail.remarksCount > 0 ? ` · ${detail.remarksCount} optimisation remarks captured` : ''}{' '}
        <button onClick={() => requestCompare({ run: m.id })}>Compare…</button>{' '}
        <button onClick={() => requestCompare({ run: m.id, anotherVersion: true })} data-testid="run-another-version">
          Same build, another Go version…
        </button>
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
          <button key={id} role="tab" aria-selected={tab === id} className={tab === id ? 'active' : ''} onClick={() => setTab(id)}>
            {title}
          </button>
        ))}
      </div>
      <div className="run-body">
        {tab === 'timeline' &&
          (detail.timeline ? (
            <TimelineView timeline={detail.timeline} onPackage={revealInTree} />
          ) : (
            <p className="muted">No timeline: the action graph is missing or unreadable (see above).</p>
          ))}
        {tab === 'phases' && <PhaseTable phases={detail.phases} cached={detail.cachedPackages} />}
        {tab === 'commands' && <CommandLog commands={detail.commands} />}
        {tab === 'problems' && <ProblemsList errors={detail.errors} onOpen={openSource} />}
        {tab === 'profile' &&
          (detail.compilerProfile ? (
            <CompilerProfileView key={m.id} profile={detail.compilerProfile} />
          ) : (
            <p className="muted">No compiler profile in this run (see above).</p>
          ))}
      </div>
    </div>
  );
}
