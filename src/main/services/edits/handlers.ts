// The editing part of the contract: save (and tell every window, so views built from the file say
// they are stale), what changed for a function, and forgetting the "before".
import type { Handlers } from '../../../shared/rpc';
import type { ConnectionContext } from '../connection';
import { randomBytes } from 'node:crypto';

export function editsHandlers(ctx: ConnectionContext) {
  const { services } = ctx;
  // Run names are the view's; prefixed with the connection so two windows cannot cancel each other's.
  const connection = randomBytes(4).toString('hex');
  ctx.onClose(() => services.edits.cancelAll(`${connection}:`));
  return {
    'workspace.saveFile': async (req) => {
      const res = await services.edits.save(services.requireWorkspace().root, req);
      if (res.ok) services.broadcast('workspace.fileSaved', { path: res.file.path, hash: res.file.hash ?? '', at: Date.now() });
      return res;
    },
    'edits.whatChanged': ({ path, line, job }) =>
      services.edits.whatChanged(services.requireWorkspace().root, path, line, job && `${connection}:${job}`, job ? (progress) => ctx.emit('edits.progress', { job, progress }) : undefined),
    'edits.cancel': async ({ job }) => ({ cancelled: services.edits.cancel(`${connection}:${job}`) }),
    'edits.resetBaseline': async () => (await services.edits.resetBaseline(services.requireWorkspace().root), null),
  } satisfies Partial<Handlers>;
}
