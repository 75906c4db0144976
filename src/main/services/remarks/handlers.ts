// Binds the remarks service to the contract (remarks.*). One service per backend, over its runs; a
// call naming a `bundle` replays that opened bundle's run instead of one of the project's.
import path from 'node:path';
import type { Handlers } from '../../../shared/rpc';
import { GopsyError } from '../../../shared/rpc';
import type { Backend, ConnectionContext } from '../backend';
import { runServiceOf } from '../runs/handlers';
import { BundleRunFiles, bundleRuns } from '../compare/runFiles';
import { replayRun } from '../bundles/replayRuns';
import { checkRunName } from '../bundles/runCache';
import { RemarksService, type ReplayRef } from './remarksService';
import { walkDump } from './walkDump';

const services = new WeakMap<Backend, RemarksService>();

/** A bundle run's remarks: paths relate to the root the run recorded, functions to the bundle's sources/. */
function replayRef(backend: Backend, bundle: string, run: string): ReplayRef {
  checkRunName(run);
  backend.bundles.summary(bundle); // a closed bundle's remarks are not served from memory either
  return {
    key: `${bundle}\n${run}`,
    open: async () => {
      const { dir, manifest } = await replayRun(backend, bundle, run);
      const files = new BundleRunFiles(backend.bundles.store(bundle).reader, run, run);
      const readSource = async (file: string) => {
        const text = await files.source(path.resolve(manifest.project, file), manifest.project);
        if (text === null) throw new GopsyError('not-found', `${file} is not among the bundle's sources.`);
        return text;
      };
      return { dir, manifest: { ...manifest, id: run }, readSource };
    },
  };
}

export function remarksServiceOf(backend: Backend): RemarksService {
  let svc = services.get(backend);
  if (!svc) services.set(backend, (svc = new RemarksService(runServiceOf(backend))));
  return svc;
}

export function remarksHandlers(ctx: ConnectionContext) {
  const { backend } = ctx;
  const service = remarksServiceOf(backend);
  const root = () => backend.requireWorkspace().root;
  const index = (runId: string, bundle?: string) => (bundle ? service.replayIndex(replayRef(backend, bundle, runId)) : service.index(root(), runId));
  return {
    'remarks.load': async ({ runId, bundle }) => {
      if (!bundle) return service.load(root(), runId);
      const run = runId ?? (await bundleRuns(backend.bundles.store(bundle).reader)).find((r) => r.manifest.profile.capture.remarks)?.dir;
      return run ? service.loadReplay(replayRef(backend, bundle, run)) : null;
    },
    'remarks.capture': () => service.capture(root()),
    'remarks.query': async ({ runId, bundle, ...q }) => {
      const page = (await index(runId, bundle)).page(q);
      return { ...page, counts: page.counts as Record<string, number> };
    },
    'remarks.forFile': ({ runId, bundle, path: rel }) =>
      bundle ? service.replayForFile(replayRef(backend, bundle, runId), rel) : service.forFile(root(), runId, rel),
    'remarks.heap': async ({ runId, bundle, package: pkg }) => (await index(runId, bundle)).heapAllocations(pkg),
    'remarks.almostInlined': async ({ runId, bundle, withinPercent }) => (await index(runId, bundle)).almostInlined(withinPercent ?? 20),
    'remarks.walkDump': ({ path, function: fn }) => walkDump(root(), path, fn),
  } satisfies Partial<Handlers>;
}
