// The bundle opened last (a read-only replay), followed as bundles open and close, for the views that
// replay what it carries (build runs, remarks) beside the project's own.
import { useEffect, useState } from 'react';
import type { GopsyApi } from '../../../shared/api';
import type { BundleSummary } from '../../../shared/contract/bundle';

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
