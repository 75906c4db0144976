// Binds the remarks service to the contract (remarks.*). One service per backend, over its runs.
import type { Handlers } from '../../../shared/rpc';
import type { Backend, ConnectionContext } from '../backend';
import { runServiceOf } from '../runs/handlers';
import { RemarksService } from './remarksService';
import { walkDump } from './walkDump';

const services = new WeakMap<Backend, RemarksService>();

export function remarksHandlers(ctx: ConnectionContext) {
  const { backend } = ctx;
  let svc = services.get(backend);
  if (!svc) services.set(backend, (svc = new RemarksService(runServiceOf(backend))));
  const service = svc;
  const root = () => backend.requireWorkspace().root;
  return {
    'remarks.load': ({ runId }) => service.load(root(), runId),
    'remarks.capture': () => service.capture(root()),
    'remarks.query': async ({ runId, ...q }) => {
      const page = (await service.index(root(), runId)).page(q);
      return { ...page, counts: page.counts as Record<string, number> };
    },
    'remarks.forFile': ({ runId, path }) => service.forFile(root(), runId, path),
    'remarks.heap': async ({ runId, package: pkg }) => (await service.index(root(), runId)).heapAllocations(pkg),
    'remarks.almostInlined': async ({ runId, withinPercent }) => (await service.index(root(), runId)).almostInlined(withinPercent ?? 20),
    'remarks.walkDump': ({ path, function: fn }) => walkDump(root(), path, fn),
  } satisfies Partial<Handlers>;
}
