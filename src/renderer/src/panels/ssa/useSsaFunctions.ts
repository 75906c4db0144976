// The package picker's data: the project's Go packages, the package picked (kept per project across
// restarts), and the listing of its compiled functions, started again when the package or build
// changes. A listing that a change supersedes is stopped; other listings (a "Show SSA" request's) are not.
import { useCallback, useEffect, useRef } from 'react';
import type { GopsyApi, WorkspaceState } from '../../../../shared/api';
import type { SsaFuncInfo } from '../../../../shared/contract/ssa';
import { loadState, saveState } from '../../state/persist';
import { defaultPackage } from './defaultPackage';
import { listingKey, pkgArgOf, type SsaStore } from './ssaStore';
import type { useSsaJobs } from './useSsaJobs';

const message = (err: unknown) => (err as Error)?.message ?? String(err);

type Jobs = ReturnType<typeof useSsaJobs>;

/** Lists a package's compiled functions as a job; `onJob` learns the job's name (to cancel it). */
export type ListFunctionsJob = (pkgArg: string, test: boolean, onJob?: (job: string) => void) => Promise<{ functions: SsaFuncInfo[] }>;

export function useSsaFunctions(api: GopsyApi, workspace: WorkspaceState | null, store: SsaStore, pkg: string, test: boolean, { run: runJob, cancel: cancelJob }: Jobs): ListFunctionsJob {
  useEffect(() => {
    if (!workspace) return;
    void api.call('workspace.tree', {}).then((t) => {
      const usable = t.packages.filter((p) => !p.error && p.files.some((f) => f.kind === 'go'));
      const root = workspace.root;
      // A package asked for already (a "Show SSA" lens) stays, if this project has it.
      store.set((s) => ({
        packages: usable,
        pkg:
          s.pkg && usable.some((p) => p.dir === s.pkg)
            ? s.pkg
            : defaultPackage(usable, loadState<string | null>(`ssa.package:${root}`, null), loadState<string | null>(`file:${root}`, null)),
      }));
    });
  }, [api, workspace, store]);

  // The package shown is kept per project across restarts.
  useEffect(() => {
    if (workspace && pkg) saveState(`ssa.package:${workspace.root}`, pkg);
  }, [workspace, pkg]);

  const listFunctions = useCallback<ListFunctionsJob>(
    (p, t, onJob) =>
      runJob('list', `Asking the compiler which functions ${p} compiles…`, (job) => {
        onJob?.(job);
        return api.call('ssa.functions', { pkg: p, test: t, job });
      }),
    [api, runJob],
  );

  // Only the newest listing is shown: the one of a package no longer picked, or of a view that went
  // away, is stopped. Only that one: a listing a "Show SSA" request started goes on.
  const listing = useRef(0);
  useEffect(() => {
    if (!pkg) return;
    const pkgArg = pkgArgOf(pkg);
    let job: string | null = null;
    let settled = false;
    // From a timer: the list is external state, fetched after the package changed.
    const t = setTimeout(() => {
      const mine = ++listing.current;
      store.set((s) => ({ error: s.error?.fromList ? null : s.error }));
      listFunctions(pkgArg, test, (j) => {
        job = j;
      })
        .then(
          (res) => {
            if (mine === listing.current) store.set({ listed: { for: listingKey(pkgArg, test), functions: res.functions } });
          },
          (err) => {
            if (mine === listing.current) store.set({ error: { text: message(err), candidates: [], fromList: true } });
          },
        )
        .finally(() => {
          settled = true;
        });
    }, 0);
    return () => {
      clearTimeout(t);
      if (job && !settled) cancelJob(job);
    };
  }, [pkg, test, listFunctions, cancelJob, store]);

  return listFunctions;
}
