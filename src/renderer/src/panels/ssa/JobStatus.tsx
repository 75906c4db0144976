// One running listing or capture: what runs (the step, packages compiled of the build, what compiles
// now), for how long, the go command's last line, and a button that stops it.
import { useEffect, useState } from 'react';
import { progressText } from '../../../../core/ssa/buildProgress';
import type { SsaJob } from './useSsaJobs';

export function JobStatus({ job, onCancel }: { job: SsaJob; onCancel: () => void }) {
  // Elapsed time moves on between progress events (the go list step sends none while it runs).
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, []);
  const p = job.progress;
  const elapsedMs = now - job.startedAt;
  const text = p ? progressText({ ...p, elapsedMs: Math.max(p.elapsedMs, elapsedMs) }) : `${job.label} ${(elapsedMs / 1000).toFixed(1)} s`;
  return (
    <div className="ssa-job" data-testid="ssa-job" data-step={p?.step ?? 'start'}>
      <span className="ssa-job-text">{text}</span>
      <button onClick={onCancel} data-testid="ssa-job-cancel" title="stop the go command (its whole process tree)">
        Cancel
      </button>
      {p && (
        <div className="ssa-job-detail muted" title={p.command}>
          {p.command}
          {p.lastLine && <> · last output: {p.lastLine}</>}
        </div>
      )}
    </div>
  );
}
