// The bundle opened last (a read-only replay), followed as bundles open and close, for the views that
// replay what it carries (build runs, remarks) beside the project's own.
import { useEffect, useState } from 'react';
import type { GopsyApi } from '../../../shared/api';
import type { BundleRun, BundleSummary } from '../../../shared/contract/bundle';

export function useOpenBundle(api: GopsyApi): BundleSummary | null {
  const [bundle, setBundle] = useState<BundleSummary | null>(null);
  useEffect(() => {
    let live = true;
    void api.call('bundle.current', {}).then(
      (b) => live && setBundle(b),
      () => {},
    );
    const offOpened = api.on('bundle.opened', (b) => setBundle(b));
    const offClosed = api.on('bundle.closed', ({ id }) => setBundle((b) => (b?.id === id ? null : b)));
    return () => {
      live = false;
      offOpened();
      offClosed();
    };
  }, [api]);
  return bundle;
}

/** "bundle-name" as the replay views label what comes from a bundle. */
export function bundleName(b: BundleSummary): string {
  return b.file
    .split(/[\\/]/)
    .pop()!
    .replace(/\.gopsy$/, '');
}

/**
 * With no project open, the bundle is all there is to look at: its newest run (of those `usable`
 * accepts) is shown at once rather than an empty view. Null when a project is open or none fits.
 */
export function firstReplayRun(runs: BundleRun[], projectOpen: boolean, usable: (r: BundleRun) => boolean = () => true): string | null {
  if (projectOpen) return null;
  const fit = runs.filter(usable).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return fit[0]?.run ?? null;
}

/** The run's profile captured the compiler's optimisation remarks. */
export const capturedRemarks = (r: BundleRun) => r.remarks === true;
