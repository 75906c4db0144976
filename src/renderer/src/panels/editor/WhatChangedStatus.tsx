// A running "what changed": which step (building the before, building now, comparing), for how long,
// what compiles now, and a Cancel that ends the go command's whole process tree on the backend.
// Escape anywhere in the view cancels too (WhatChangedView).
import { useEffect, useRef, useState } from 'react';
import type { WhatChangedProgress } from '../../../../shared/contract/edits';

const STEP_TEXT: Record<WhatChangedProgress['step'], string> = {
  before: 'Building the package as it was before the edits (1 of 2)',
  after: 'Building the package as it is now (2 of 2)',
  diff: 'Comparing the remarks and the SSA',
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The step in words (announced to screen readers when it changes), then its time and what compiles. */
export function whatChangedProgressText(p: WhatChangedProgress): { step: string; detail: string } {
  const compiled = p.step === 'diff' ? '' : ` · ${p.compiled} package${p.compiled === 1 ? '' : 's'} compiled`;
  const now = p.running.length ? ` · now: ${p.running.slice(0, 2).join(', ')}${p.running.length > 2 ? ` +${p.running.length - 2}` : ''}` : '';
  return { step: `${STEP_TEXT[p.step]}…`, detail: `${seconds(p.stepElapsedMs)}${compiled}${now} · ${seconds(p.elapsedMs)} in all` };
}

export function WhatChangedStatus({ what, progress, startedAt, onCancel }: { what: string; progress: WhatChangedProgress | null; startedAt: number; onCancel: () => void }) {
  // Elapsed time moves on between progress events (go list and the diff send none while they run).
  const [now, setNow] = useState(() => Date.now());
  const cancelButton = useRef<HTMLButtonElement>(null);
  // Build again is disabled while the run goes, which drops the focus: it moves to Cancel, so the
  // keyboard can stop what it started. Focus elsewhere (the editor) is left alone.
  useEffect(() => {
    const at = document.activeElement;
    if (!at || at === document.body || at.closest('[data-testid="what-changed"]')) cancelButton.current?.focus();
  }, []);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, []);
  const elapsedMs = Math.max(0, now - startedAt);
  const text = progress
    ? whatChangedProgressText({ ...progress, elapsedMs: Math.max(progress.elapsedMs, elapsedMs), stepElapsedMs: progress.stepElapsedMs + Math.max(0, elapsedMs - progress.elapsedMs) })
    : { step: `Reading the package of ${what}…`, detail: seconds(elapsedMs) };
  return (
    <div className="what-changed-job" data-testid="what-changed-progress" data-step={progress?.step ?? 'start'}>
      <span className="what-changed-job-text">
        <span role="status">{text.step}</span> {text.detail}
      </span>
      <button ref={cancelButton} onClick={onCancel} data-testid="what-changed-cancel" title="Stop the go builds (their whole process tree); Escape does the same">
        Cancel
      </button>
      {progress?.lastLine && <div className="what-changed-job-detail muted">last output: {progress.lastLine}</div>}
    </div>
  );
}
