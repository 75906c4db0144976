// bundle.godebugCaptures / bundle.godebugEvents: an opened bundle's GODEBUG captures for the Runtime
// view's replay, and bundle.closed so the view drops them when the bundle goes.
import type { Handlers } from '../../../shared/rpc';
import type { ConnectionContext } from '../backend';
import { listCaptures, readCapture } from './godebugCaptures';

export function bundleGodebugHandlers(ctx: ConnectionContext) {
  const { backend } = ctx;
  ctx.onClose(backend.bundles.onClosed(async (id) => ctx.emit('bundle.closed', { id })));
  return {
    'bundle.godebugCaptures': ({ id }) => listCaptures(backend.bundles.store(id)),
    'bundle.godebugEvents': ({ id, path }) => readCapture(backend.bundles.store(id), path),
  } satisfies Partial<Handlers>;
}
