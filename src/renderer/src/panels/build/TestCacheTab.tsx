// The Test cache tab of a 'run-tests' run: per package, whether `go test` took its result from the test
// cache or ran it, and why in words, with the go command's own testcache lines beside as evidence
// (testcache.txt of the run). Everything is React text: nothing from the toolchain is rendered as markup.
import { useEffect, useState } from 'react';
import type { RunSummary } from '../../../../shared/api';
import type { TestCacheResult } from '../../../../shared/contract/testCache';
import { ARTEFACTS } from '../../../../shared/runFolder';
import { errorMessage } from '../../../../shared/rpc';
import { testCacheSentence } from './testCacheModel';
import { comparedWith, earlierRuns } from './whyRebuiltModel';

interface Props {
  id: string;
  /** build.testCache for this run, against a chosen run or the backend's choice. */
  load: (id: string, against?: string) => Promise<TestCacheResult>;
  /** The project's runs (the Build view's list), to pick one to compare with. */
  runs: RunSummary[];
}

type Outcome = { state: 'done'; result: TestCacheResult } | { state: 'failed'; message: string };

export function TestCacheTab({ id, load, runs }: Props) {
  const [against, setAgainst] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ key: string; outcome: Outcome } | null>(null);
  const key = `${id}:${against ?? ''}`;
  useEffect(() => {
    let stale = false;
    load(id, against ?? undefined).then(
      (result) => !stale && setOutcome({ key, outcome: { state: 'done', result } }),
      (e: unknown) => !stale && setOutcome({ key, outcome: { state: 'failed', message: errorMessage(e) } }),
    );
    return () => {
      stale = true;
    };
  }, [load, id, against, key]);
  const loaded = outcome?.key === key ? outcome.outcome : null;
  const picker = (
    <label className="wr-against">
      compare with{' '}
      <select aria-label="Compare with run" value={against ?? ''} onChange={(e) => setAgainst(e.target.value || null)} data-testid="tc-against">
        <option value="">the latest earlier run of the same packages’ tests</option>
        {earlierRuns(runs, id).map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
  if (!loaded) return <p className="muted">Reading the test cache lookups…</p>;
  if (loaded.state === 'failed')
    return (
      <div className="why-rebuilt" data-testid="test-cache">
        <div className="banner warn" role="alert" data-testid="tc-error">
          {loaded.message}
        </div>
        {picker}
      </div>
    );
  const r = loaded.result;
  return (
    <div className="why-rebuilt" data-testid="test-cache">
      <p className="wr-answer" data-testid="tc-answer">
        {testCacheSentence(r)}
      </p>
      <div className="wr-compared muted small">
        {r.against ? comparedWith(r.id, r.against) : 'no earlier run of the same packages’ tests to compare with'} · {picker}
      </div>
      {r.problems.length > 0 && (
        <ul className="wr-problems" data-testid="tc-problems">
          {r.problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
      <table className="data-table tc-list" data-testid="tc-list">
        <thead>
          <tr>
            <th>package</th>
            <th>result</th>
            <th>why it ran</th>
            <th>the go command’s lines ({ARTEFACTS.testCache})</th>
          </tr>
        </thead>
        <tbody>
          {r.packages.map((p) => (
            <tr key={p.package} data-testid="tc-row">
              <td className="mono">{p.package}</td>
              <td className={p.cached ? 'tc-cached' : 'tc-ran'}>{p.cached ? 'cached' : 'ran'}</td>
              <td>
                {p.reasons.map((x, i) => (
                  <div key={i}>
                    <span className="wr-kind">{x.kind}</span> {x.detail}
                  </div>
                ))}
              </td>
              <td>
                {p.lines.length > 0 ? (
                  <details>
                    <summary>{p.lines.length} line{p.lines.length === 1 ? '' : 's'}</summary>
                    <pre className="tc-lines">{p.lines.join('\n')}</pre>
                  </details>
                ) : (
                  <span className="muted">none</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        The raw record is {ARTEFACTS.testCache} in the run’s folder (GODEBUG=gocachetest=1); the test cache’s own hash inputs are in {ARTEFACTS.cacheHash}.
      </p>
    </div>
  );
}
