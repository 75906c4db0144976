// "Why is this in my binary?": the chain of references through which the linker's dead-code pass kept a
// symbol or a package (its -dumpdep graph, recorded by runs that keep the binary), the usual culprits on
// that chain, and for a package the import chain that brought it into the build.
import { z } from 'zod';

export const WhyStep = z.object({ from: z.string(), to: z.string() });
export type WhyStep = z.infer<typeof WhyStep>;

export const WhyCulpritKind = z.enum(['reflect-method', 'interface-method', 'itab', 'init', 'linkname', 'fmt-reflection']);
export type WhyCulpritKind = z.infer<typeof WhyCulpritKind>;

export const WhyCulprit = z.object({ kind: WhyCulpritKind, symbol: z.string(), text: z.string() });
export type WhyCulprit = z.infer<typeof WhyCulprit>;

export const SourcePlace = z.object({ path: z.string(), line: z.number() });

export const BinaryWhy = z.object({
  /** What was asked: a symbol or a package path. */
  target: z.string(),
  kind: z.enum(['symbol', 'package']),
  /** The symbol the chain ends at (for a package: the one of its symbols nearest a root). */
  symbol: z.string(),
  /** Where the chain starts: the entry point, go:main.inittasks, runtime.unreachableMethod, … */
  root: z.string(),
  chain: z.array(WhyStep),
  culprits: z.array(WhyCulprit),
  /** For a package: the imports from the main package to it (null when go list found no chain). */
  packageImportChain: z.array(z.string()).nullable().optional(),
  /** Function symbols of the chain → their source line (project-relative inside the project). */
  sources: z.record(z.string(), SourcePlace).optional(),
});
export type BinaryWhy = z.infer<typeof BinaryWhy>;

/** A symbol that appeared in a size diff: the root of the chain that keeps it, its length, the culprits on it. */
export const AppearedWhy = z.object({ root: z.string(), steps: z.number(), culprits: z.array(WhyCulpritKind) });
export type AppearedWhy = z.infer<typeof AppearedWhy>;

/** What to tell a user whose binary has no recorded graph. */
export const NO_GRAPH_HINT =
  'gopsy records the linker reachability graph (-ldflags=-dumpdep) when a run keeps the binary: run the "Build the binary" profile (or capture with --keep-binary) and open the binary the run kept.';

export const binaryWhyMethods = {
  /** Why a symbol or a package is in a loaded binary (one that a run kept, with its recorded graph). */
  'binary.why': {
    params: z.object({
      id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'not a binary id'),
      target: z.string().trim().min(1).max(2000),
    }),
    result: BinaryWhy,
  },
} as const;
