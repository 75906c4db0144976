// Code navigation's part of the contract: gopls requests for the open project, and quick open's file list.
import type { Handlers } from '../../../shared/rpc';
import type { ConnectionContext } from '../connection';
import { listProjectFiles } from '../projectFiles';

export function lspHandlers(ctx: ConnectionContext) {
  const lsp = ctx.services.lsp;
  return {
    'lsp.status': ({ refresh }) => lsp.status(refresh),
    'lsp.sync': async ({ path, text }) => (await lsp.sync(path, text), null),
    'lsp.close': async ({ path }) => (await lsp.close(path), null),
    'lsp.cancel': ({ ticket }) => (lsp.cancel(ticket), null),
    'lsp.definition': ({ path, position, ticket }) => lsp.definition(path, position, ticket),
    'lsp.references': ({ path, position, includeDeclaration, ticket }) => lsp.references(path, position, includeDeclaration, ticket),
    'lsp.hover': ({ path, position, ticket }) => lsp.hover(path, position, ticket),
    'lsp.documentSymbols': ({ path, ticket }) => lsp.documentSymbols(path, ticket),
    'lsp.workspaceSymbols': ({ query, ticket }) => lsp.workspaceSymbols(query, ticket),
    'lsp.log': () => lsp.goplsLog.snapshot(),
    'workspace.files': () => listProjectFiles(ctx.services.requireWorkspace().root),
  } satisfies Partial<Handlers>;
}
