// Listings and captures as named jobs: their progress events (ssa.progress) shown while they run, and
// a cancel that ends the go command on the backend. A wait the user cannot see or stop is a bug here.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GopsyApi } from '../../../../shared/api';
import type { SsaProgress } from '../../../../shared/contract/ssa';

export interface SsaJob {
  job: string;
  /** What the view asked for, shown until the first progress event arrives. */
  label: string;
  progress: SsaProgress | null;
  startedAt: number;
}

let counter = 0;

export function useSsaJobs(api: GopsyApi) {
  const [jobs, setJobs] = useState<SsaJob[]>([]);
  const live = useRef(new Set<string>());

  useEffect(
    () =>
      api.on('ssa.progress', ({ job, progress }) => {
        if (live.current.has(job)) setJobs((js) => js.map((j) => (j.job === job ? { ...j, progress } : j)));
      }),
    [api],
  );

  /** Runs call with a fresh job name; the job shows until the call settles. */
  const run = useCallback(async <T,>(kind: string, label: string, call: (job: string) => Promise<T>): Promise<T> => {
    const job = `${kind}-${++counter}`;
    live.current.add(job);
    setJobs((js) => [...js, { job, label, progress: null, startedAt: Date.now() }]);
    try {
      return await call(job);
    } finally {
      live.current.delete(job);
      setJobs((js) => js.filter((j) => j.job !== job));
    }
  }, []);

  const cancel = useCallback((job: string) => void api.call('ssa.cancel', { job }), [api]);
  return { jobs, run, cancel };
}
