// Code navigation through gopls (go to definition, references, hover, symbols), quick open, and the
// files outside the project that may be read (GOROOT and the module cache, read-only).
// Positions are the language server's: 0-based lines, UTF-16 characters (Monaco's columns minus one).
import { z } from 'zod';
import { Empty, RelPath, ToolBinaryInfo } from '../types';

const Count = z.number().int().min(0).max(10_000_000);
export const LspPosition = z.object({ line: Count, character: Count });
export const LspRange = z.object({ start: LspPosition, end: LspPosition });
export type LspRange = z.infer<typeof LspRange>;

/**
 * A place in a file the editor can open: project-relative, or absolute under GOROOT or the module cache
 * (then `origin` says which: "Go stdlib go1.26.8" or module@version).
 */
export const LspLocation = z.object({ path: RelPath, range: LspRange, origin: z.string().optional() });
export type LspLocation = z.infer<typeof LspLocation>;

export const GoplsInfo = ToolBinaryInfo;
export type GoplsInfo = ToolBinaryInfo;

export const LspStatus = z.object({
  gopls: GoplsInfo,
  /** The gopls process of the open project, when one runs. */
  pid: z.number().optional(),
  /** Why the last start or request failed (gopls crashed, could not start). */
  problem: z.string().optional(),
});
export type LspStatus = z.infer<typeof LspStatus>;

/** A request's id chosen by the renderer, so that it can be cancelled when the user has moved on. */
const Ticket = z.string().min(1).max(64);
const At = z.object({ path: RelPath, position: LspPosition, ticket: Ticket.optional() });

export interface LspDocumentSymbol {
  name: string;
  detail?: string;
  /** LSP SymbolKind (1 = File ... 26 = TypeParameter). */
  kind: number;
  range: LspRange;
  selectionRange: LspRange;
  children?: LspDocumentSymbol[];
}
export const LspDocumentSymbol: z.ZodType<LspDocumentSymbol> = z.lazy(() =>
  z.object({
    name: z.string(),
    detail: z.string().optional(),
    kind: z.number().int(),
    range: LspRange,
    selectionRange: LspRange,
    children: z.array(LspDocumentSymbol).optional(),
  }),
);

export const LspWorkspaceSymbol = z.object({
  name: z.string(),
  kind: z.number().int(),
  containerName: z.string().optional(),
  location: LspLocation,
});
export type LspWorkspaceSymbol = z.infer<typeof LspWorkspaceSymbol>;

const GoplsLogText = z.object({ text: z.string(), end: z.number() });

export const lspMethods = {
  /** Whether gopls can be had and whether it runs for the open project (refresh: look for it again). */
  'lsp.status': { params: z.object({ refresh: z.boolean().optional() }), result: LspStatus },
  /** The editor's text of a file (didOpen, then didChange with every new version). */
  'lsp.sync': { params: z.object({ path: RelPath, text: z.string().max(50_000_000) }), result: z.null() },
  /** The editor closed the file: gopls reads it from disk again. */
  'lsp.close': { params: z.object({ path: RelPath }), result: z.null() },
  /** Asks gopls to drop a request whose answer is no longer wanted (it then answers with nothing). */
  'lsp.cancel': { params: z.object({ ticket: Ticket }), result: z.null() },
  'lsp.definition': { params: At, result: z.array(LspLocation) },
  'lsp.references': { params: At.extend({ includeDeclaration: z.boolean() }), result: z.array(LspLocation) },
  /** The type and doc under the position, as plain text (never markup). */
  'lsp.hover': { params: At, result: z.object({ text: z.string(), range: LspRange.optional() }).nullable() },
  'lsp.documentSymbols': { params: z.object({ path: RelPath, ticket: Ticket.optional() }), result: z.array(LspDocumentSymbol) },
  'lsp.workspaceSymbols': {
    params: z.object({ query: z.string().max(500), ticket: Ticket.optional() }),
    result: z.array(LspWorkspaceSymbol),
  },
  /**
   * What gopls wrote on stderr lately (its log, the last 200,000 characters, across its restarts), for
   * the gopls log tab of the console area; end: characters appended since the backend started.
   */
  'lsp.log': { params: Empty, result: GoplsLogText },
  /** Every file of the project (quick open), without .git and other hidden folders. */
  'workspace.files': { params: Empty, result: z.object({ files: z.array(RelPath), truncated: z.boolean() }) },
} as const;

export const lspEvents = {
  /** gopls (or gopsy about gopls) wrote to its log; end as in lsp.log: a reader up to end - text.length takes all of it. */
  'lsp.logAppended': GoplsLogText,
} as const;
