// Binds the SSA service to the contract (ssa.*). One SsaService per backend: captures outlive connections.
import type { Handlers } from '../../../shared/rpc';
import { diffPhases, phaseText, searchPhases, valueHistory } from '../../../core/ssa/analysis';
import { compilePkgPath } from '../../../core/ssa/names';
import type { ConnectionContext } from '../connection';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { JobWatch } from './ssaService';
import { ARTEFACTS } from '../../../shared/runFolder';

export function ssaHandlers(ctx: ConnectionContext) {
  const { services } = ctx;
  const service = services.ssa;
  const root = () => services.requireWorkspace().root;
  // Job names are the view's; prefixed with the connection so two windows cannot cancel each other's.
  const connection = randomBytes(4).toString('hex');
  const jobKey = (job: string) => `${connection}:${job}`;
  const asJob = async <T>(job: string | undefined, run: (watch: JobWatch) => Promise<T>): Promise<T> => {
    if (!job) return run({});
    const ctl = service.startJob(jobKey(job));
    try {
      return await run({ signal: ctl.signal, onProgress: (progress) => ctx.emit('ssa.progress', { job, progress }) });
    } finally {
      service.endJob(jobKey(job), ctl);
    }
  };
  ctx.onClose(() => service.cancelAll(`${connection}:`));
  return {
    'ssa.functions': ({ pkg, test, job }) =>
      asJob(job, async (watch) => {
        const res = await service.functions(root(), pkg, test, watch);
        return { importPath: res.pkg.importPath, compilePath: compilePkgPath(res.pkg.importPath, res.pkg.name), functions: res.functions };
      }),
    'ssa.capture': ({ pkg, func, test, job }) => asJob(job, (watch) => service.capture(root(), pkg, func, test, watch)),
    'ssa.cancel': async ({ job }) => ({ cancelled: service.cancel(jobKey(job)) }),
    'ssa.open': ({ dir, func }) => service.openInProject(root(), dir, func),
    // No project needed: a bundle replays on a machine without its project (or without Go).
    'ssa.openBundleRun': async ({ bundle, run, file }) => service.openDir(path.join(await services.replays.runDir(bundle, run), ARTEFACTS.ssa), file),
    // The same replay for an SSA capture the bundle carries (ssa/<capture>/): verified entries, nothing compiled.
    'ssa.openBundleCapture': async ({ bundle, capture, file }) => service.openDir(await services.replays.ssaCaptureDir(bundle, capture), file),
    'ssa.summary': ({ id, format }) => service.store.summary(id, format),
    'ssa.phase': ({ id, format, index, preview }) => service.store.phaseForView(id, format, index, preview),
    'ssa.column': async ({ id, format, column }) => {
      const fn = await service.store.columns(id, format);
      return column === 'sources' ? { sources: fn.sources } : column === 'ast' ? { ast: fn.ast } : { genssa: fn.genssa };
    },
    'ssa.search': async ({ id, format, query, phase }) => searchPhases(await service.store.phases(id, format), query, phase),
    'ssa.diff': async ({ id, format, a, b }) => {
      const pa = await service.store.phase(id, format, a);
      const pb = await service.store.phase(id, format, b);
      return { left: phaseText(pa), right: phaseText(pb), ...diffPhases(pa, pb) };
    },
    'ssa.history': async ({ id, format, value, phase }) => valueHistory(await service.store.phases(id, format), value, phase),
  } satisfies Partial<Handlers>;
}
