// The comparison part of the contract: a RunRef names a run of the open project or one inside an
// opened bundle; both resolve to RunFiles, so a comparison works the same on either.
import path from 'node:path';
import type { Handlers } from '../../../shared/rpc';
import type { RunRef } from '../../../shared/compare';
import type { ConnectionContext } from '../connection';
import { compareRunFiles } from './compareService';
import { BundleRunFiles, DirRunFiles, bundleRuns, type RunFiles } from '../runs/runFiles';
import { downloadedToolchains } from './toolchains';

export function compareHandlers(ctx: ConnectionContext) {
  const runs = ctx.services.runs;
  const filesOf = (ref: RunRef): RunFiles => {
    if ('bundle' in ref) {
      const reader = ctx.services.bundles.store(ref.bundle).reader;
      return new BundleRunFiles(reader, ref.run, `${path.basename(reader.file)} ▸ run ${ref.run}`);
    }
    const root = ctx.services.requireWorkspace().root;
    return new DirRunFiles(runs.store.runDir(root, ref.run), 'project', `run ${ref.run}`, root);
  };
  return {
    'compare.runs': ({ a, b }) => compareRunFiles(filesOf(a), filesOf(b), ctx.services.storageDir),
    'compare.bundleRuns': async ({ bundle }) =>
      (await bundleRuns(ctx.services.bundles.store(bundle).reader)).map(({ dir, manifest: m }) => ({
        run: dir,
        id: m.id,
        profileName: m.profile.name,
        ...(m.goVersion ? { goVersion: m.goVersion } : {}),
        status: m.status,
        startedAt: m.startedAt,
        commandLine: m.command.shellLine,
      })),
    'compare.toolchains': () => downloadedToolchains(),
  } satisfies Partial<Handlers>;
}
