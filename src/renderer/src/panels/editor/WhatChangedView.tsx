// What the compiler does differently since the edits: for the function under the cursor, its package
// built before the session's first saves and now (edits.whatChanged), shown with the Compare view's
// sections: remark changes (heap allocations, inlining, bounds checks) and the SSA pass by pass with
// the generated instructions. A is before the edits, B is now.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WhatChanged, WhatChangedProgress } from '../../../../shared/contract/edits';
import { GopsyError, errorMessage } from '../../../../shared/rpc';
import type { ViewProps } from '../viewProps';
import { RemarksSection, SsaSection } from '../compare/Sections';
import { onWhatChangedRequest, takeWhatChangedRequest, type WhatChangedRequest } from './whatChangedRequest';
import { WhatChangedStatus } from './WhatChangedStatus';
import '../compare/compare.css';
import './whatChanged.css';

let runs = 0;

export function WhatChangedView({ api, workspace, openSource }: ViewProps) {
  const [req, setReq] = useState<WhatChangedRequest | null>(null);
  const [result, setResult] = useState<WhatChanged | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<WhatChangedProgress | null>(null);
  const [startedAt, setStartedAt] = useState(0);
  /** The job of the run in flight: its progress events are shown, Cancel names it. */
  const job = useRef<string | null>(null);

  useEffect(() => api.on('edits.progress', (e) => e.job === job.current && setProgress(e.progress)), [api]);

  const run = useCallback(
    async (r: WhatChangedRequest) => {
      const mine = `what-changed-${++runs}`;
      if (job.current) void api.call('edits.cancel', { job: job.current }).catch(() => undefined);
      job.current = mine;
      setReq(r);
      setBusy(true);
      setError(null);
      setProgress(null);
      setStartedAt(Date.now());
      try {
        const res = await api.call('edits.whatChanged', { ...r, job: mine });
        if (job.current === mine) setResult(res);
      } catch (err) {
        if (job.current === mine) setError(err instanceof GopsyError && err.code === 'cancelled' ? `${errorMessage(err)} Nothing was compared; Build again runs it anew.` : errorMessage(err));
      } finally {
        if (job.current === mine) {
          job.current = null;
          setBusy(false);
        }
      }
    },
    [api],
  );

  const cancel = useCallback(() => {
    if (job.current) void api.call('edits.cancel', { job: job.current }).catch((err) => setError(errorMessage(err)));
  }, [api]);

  useEffect(() => {
    const take = () => {
      const r = takeWhatChangedRequest();
      if (r) void run(r);
    };
    take();
    return onWhatChangedRequest(take);
  }, [run]);

  const reset = async () => {
    await api.call('edits.resetBaseline', {}).catch((err) => setError(errorMessage(err)));
    if (req) void run(req);
  };

  if (!workspace) return <div className="compare-view muted">Open a project first.</div>;
  const mine = result ? result.remarks.changes.filter((c) => c.function === result.func).length : 0;
  return (
    <div className="compare-view what-changed" data-testid="what-changed" onKeyDown={(e) => busy && e.key === 'Escape' && (e.preventDefault(), cancel())}>
      <div className="row-tools">
        {req && (
          <button onClick={() => void run(req)} disabled={busy} data-testid="what-changed-again">
            Build again
          </button>
        )}
        <button onClick={() => void reset()} disabled={busy} title="Forget the saved-before texts: the files as they are now become the before">
          Take now as the before
        </button>
        {busy && <WhatChangedStatus what={req ? `${req.path}:${req.line}` : ''} progress={progress} startedAt={startedAt} onCancel={cancel} />}
      </div>
      {!req && !result && <p className="muted">Put the cursor in a function of an edited file and click What changed above the editor (or use the editor’s context menu).</p>}
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
      {result && (
        <>
          <h3 data-testid="what-changed-title">
            {result.func} <span className="muted">in {result.pkg}</span>
          </h3>
          <p className="muted small">
            A = before the edits ({result.edited.length ? result.edited.join(', ') : 'nothing saved yet'}), B = now. {mine} remark change{mine === 1 ? '' : 's'} in {result.func}
            {result.remarks.changes.length > mine ? `, ${result.remarks.changes.length - mine} elsewhere in the package` : ''}.
          </p>
          {result.notes.map((n) => (
            <div key={n} className="banner warn" role="status">
              {n}
            </div>
          ))}
          {result.builds.length > 0 && <RemarksSection c={result} openSource={openSource} />}
          {result.builds.length > 0 && <SsaSection c={result} openSource={openSource} />}
          {result.builds.map((b) => (
            <details key={b.label} className="small">
              <summary>
                {b.label}: {b.exitCode === 0 ? 'built' : `failed (exit ${b.exitCode})`}
              </summary>
              <code>{b.command}</code>
              {b.errors && <pre className="compare-lines">{b.errors}</pre>}
            </details>
          ))}
        </>
      )}
    </div>
  );
}
