// The editing part of the contract: save (and tell every window, so views built from the file say
// they are stale), what changed for a function, and forgetting the "before".
import type { Handlers } from '../../../shared/rpc';
import type { ConnectionContext } from '../connection';

export function editsHandlers(ctx: ConnectionContext) {
  const { services } = ctx;
  return {
    'workspace.saveFile': async (req) => {
      const res = await services.edits.save(services.requireWorkspace().root, req);
      if (res.ok) services.broadcast('workspace.fileSaved', { path: res.file.path, hash: res.file.hash ?? '', at: Date.now() });
      return res;
    },
    'edits.whatChanged': ({ path, line }) => services.edits.whatChanged(services.requireWorkspace().root, path, line),
    'edits.resetBaseline': () => (services.edits.resetBaseline(services.requireWorkspace().root), null),
  } satisfies Partial<Handlers>;
}
