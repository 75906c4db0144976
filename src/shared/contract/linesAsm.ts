// "What did these lines compile to?": the machine instructions generated for a range of source lines,
// from the binary a run kept (objdump) or from the compiler's -S listing, with the remarks of the lines.
import { z } from 'zod';
import { RUN_ID } from '../runFolder';
import { RelPath } from '../types';
import { Remark } from '../remarks';

export const LinesAsmInstruction = z.object({
  /** Absolute address in a binary; the offset in the function in a -S listing. */
  address: z.number(),
  /** Go assembler syntax, as the tool printed it (operands separated by one space). */
  text: z.string(),
  /** The line of the selected file this instruction belongs to. */
  line: z.number(),
  /**
   * Code inlined from elsewhere: the file (project-relative inside the project, else absolute or the
   * base name objdump printed) and line the toolchain attributes it to. The instruction sits in `line`'s run.
   */
  inlinedFrom: z.object({ file: z.string(), line: z.number() }).optional(),
  /** A jump's target address (same unit as `address`), when the target is in the same function. */
  jump: z.number().optional(),
});
export type LinesAsmInstruction = z.infer<typeof LinesAsmInstruction>;

export const LinesAsmBlock = z.object({
  /** The symbol as the toolchain names it: `pkg.F`, `pkg.(*T).M`, `pkg.F.func1`, `pkg.Sum[go.shape.int]`, `pkg.init.0`. */
  function: z.string(),
  /**
   * `own`: a function declared in the selected file; `inlinedInto`: another function (another file, or
   * another package) into which the selected lines were inlined.
   */
  kind: z.enum(['own', 'inlinedInto']),
  /** The function's file (project-relative inside the project). */
  file: z.string(),
  /** Instructions of the selected lines, in address order. */
  instructions: z.array(LinesAsmInstruction),
});
export type LinesAsmBlock = z.infer<typeof LinesAsmBlock>;

export const LinesAsmSource = z.discriminatedUnion('kind', [
  /** A binary a build run kept (or a test binary gopsy built for a _test.go file). */
  z.object({ kind: z.literal('binary'), runId: z.string().optional(), binary: z.string(), commandLine: z.string() }),
  /** The compiler's -S listing of the file's package. */
  z.object({ kind: z.literal('compile'), commandLine: z.string() }),
]);
export type LinesAsmSource = z.infer<typeof LinesAsmSource>;

export const LinesAsm = z.object({
  path: z.string(),
  from: z.number(),
  to: z.number(),
  /** The function declared around the lines (a cursor line widens to it), as the compiler names it. */
  function: z.string().optional(),
  /** The source text of lines from..to. */
  source: z.array(z.string()),
  origin: LinesAsmSource,
  blocks: z.array(LinesAsmBlock),
  /** The compiler's remarks on lines from..to (from the newest run that captured them). */
  remarks: z.array(Remark),
  /** Where the remarks came from (a run id), or why there are none. */
  remarksNote: z.string().optional(),
  /** Said when the answer may not match the file (changed since the binary was built), or is empty. */
  notes: z.array(z.string()),
});
export type LinesAsm = z.infer<typeof LinesAsm>;

export const linesAsmMethods = {
  /**
   * The instructions of lines `from`..`to` of a Go file (one line and `widen`: the whole function around
   * it), from the newest run's kept binary that has them (or `runId`'s), else from the compiler's -S.
   */
  'binary.linesAsm': {
    params: z
      .object({
        path: RelPath.refine((p) => p.endsWith('.go'), 'not a Go file'),
        from: z.number().int().min(1).max(10_000_000),
        to: z.number().int().min(1).max(10_000_000),
        widen: z.boolean().optional(),
        runId: z.string().regex(RUN_ID, 'not a run id').optional(),
        /** Skip kept binaries: always compile with -S. */
        compile: z.boolean().optional(),
      })
      .refine((p) => p.to >= p.from, 'the range ends before it starts'),
    result: LinesAsm,
  },
} as const;
