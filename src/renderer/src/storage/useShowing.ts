// A view tells the backend which runs and SSA captures it shows, so that storage never deletes them
// (by hand or by the limits after a run) while they are on screen; and hears when items were deleted.
import { useEffect } from 'react';
import type { GopsyApi } from '../../../shared/api';
import type { StorageItem } from '../../../shared/contract/storage';

export function useShowing(api: GopsyApi, view: string, runs: ReadonlyArray<string | null | undefined>, ssa: ReadonlyArray<string | null | undefined> = []): void {
  const runKey = runs.filter(Boolean).join(',');
  const ssaKey = ssa.filter(Boolean).join(',');
  useEffect(() => {
    const ids = (k: string) => (k ? k.split(',') : []);
    void api.call('storage.showing', { view, runs: ids(runKey), ssa: ids(ssaKey) }).catch(() => {});
  }, [api, view, runKey, ssaKey]);
  // Nothing shown once the view goes.
  useEffect(() => () => void api.call('storage.showing', { view, runs: [], ssa: [] }).catch(() => {}), [api, view]);
}

/** Calls `listener` with the items whenever storage deleted some (a user, or the limits after a run). */
export function useStorageDeleted(api: GopsyApi, listener: (items: StorageItem[]) => unknown): void {
  useEffect(() => api.on('storage.deleted', (e) => void listener(e.items)), [api, listener]);
}
