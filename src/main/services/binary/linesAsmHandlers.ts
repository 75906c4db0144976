// Binds binary.linesAsm (the instructions of source lines) to the contract for one connection.
import type { Handlers } from '../../../shared/rpc';
import type { ConnectionContext } from '../connection';

export function linesAsmHandlers(ctx: ConnectionContext) {
  return {
    'binary.linesAsm': async (req) => {
      const ws = ctx.services.requireWorkspace();
      return ctx.services.linesAsm.linesAsm(ws.root, await ws.tree(), req);
    },
  } satisfies Partial<Handlers>;
}
