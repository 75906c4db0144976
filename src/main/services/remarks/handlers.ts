// Binds the remarks service to the contract (remarks.*). One service per backend, over its runs; a
// call naming a `bundle` replays that opened bundle's run instead of one of the project's.
import path from 'node:path';
import type { Handlers } from '../../../shared/rpc';
import { GopsyError } from '../../../shared/rpc';
import type { ConnectionContext, Services } from '../connection';
import { BundleRunFiles, bundleRuns } from '../runs/runFiles';
import { checkRunName } from '../bundles/runCache';
import type { ReplayRef } from './remarksService';
import { walkDump } from './walkDump';

/** A bundle run's remarks: paths relate to the root the run recorded, functions to the bundle's sources/. */
function replayRef(services: Services, bundle: string, run: string): ReplayRef {
  checkRunName(run);
  services.bundles.summary(bundle); // a closed bundle's remarks are not served from memory either
  return {
    key: `${bundle}\n${run}`,
    open: async () => {
      const { dir, manifest } = await services.replays.run(bundle, run);
      const files = new BundleRunFiles(services.bundles.store(bundle).reader, run, run);
      const readSource = async (file: string) => {
        const text = await files.source(path.resolve(manifest.project, file), manifest.project);
        if (text === null) throw new GopsyError('not-found', `${file} is not among the bundle's sources.`);
        return text;
      };
      return { dir, manifest: { ...manifest, id: run }, readSource };
    },
  };
}

export function remarksHandlers(ctx: ConnectionContext) {
  const { services } = ctx;
  const service = services.remarks;
  const root = () => services.requireWorkspace().root;
  const index = (runId: string, bundle?: string) => (bundle ? service.replayIndex(replayRef(services, bundle, runId)) : service.index(root(), runId));
  return {
    'remarks.load': async ({ runId, bundle }) => {
      if (!bundle) return service.load(root(), runId);
      const run = runId ?? (await bundleRuns(services.bundles.store(bundle).reader)).find((r) => r.manifest.profile.capture.remarks)?.dir;
      return run ? service.loadReplay(replayRef(services, bundle, run)) : null;
    },
    'remarks.capture': () => service.capture(root()),
    'remarks.query': async ({ runId, bundle, ...q }) => {
      const page = (await index(runId, bundle)).page(q);
      return { ...page, counts: page.counts as Record<string, number> };
    },
    'remarks.forFile': ({ runId, bundle, path: rel }) =>
      bundle ? service.replayForFile(replayRef(services, bundle, runId), rel) : service.forFile(root(), runId, rel),
    'remarks.heap': async ({ runId, bundle, package: pkg }) => (await index(runId, bundle)).heapAllocations(pkg),
    'remarks.almostInlined': async ({ runId, bundle, withinPercent }) => (await index(runId, bundle)).almostInlined(withinPercent ?? 20),
    'remarks.walkDump': ({ path, function: fn }) => walkDump(root(), path, fn),
  } satisfies Partial<Handlers>;
}
