// Binds the storage service to the contract (storage.*). Each window says what its views show
// (storage.showing), which keeps it; what a window showed is forgotten when it goes.
import type { Handlers } from '../../../shared/rpc';
import type { ConnectionContext } from '../connection';

export function storageHandlers(ctx: ConnectionContext) {
  const { services } = ctx;
  const storage = services.storage;
  const { service, shown, ledger } = storage;
  const conn = {};
  ctx.onClose(() => {
    shown.delete(conn);
    ledger.changed();
  });
  return {
    'storage.report': () => service.report(),
    'storage.delete': async ({ items }) => {
      const res = await service.delete(items);
      storage.announce('user', res);
      return res;
    },
    'storage.prune': async ({ keep, kinds }) => {
      const res = await service.prune(services.requireWorkspace().root, keep, kinds);
      storage.announce('user', res);
      return res;
    },
    'storage.limits': () => services.settings.storageLimits(),
    'storage.setLimits': (limits) => services.settings.setStorageLimits(limits),
    'storage.showing': (s) => {
      let views = shown.get(conn);
      if (!views) shown.set(conn, (views = new Map()));
      if (s.runs.length === 0 && s.ssa.length === 0) views.delete(s.view);
      else views.set(s.view, s);
      ledger.changed();
      return null;
    },
  } satisfies Partial<Handlers>;
}
