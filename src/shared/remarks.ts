// Compiler decisions ("remarks") from any source — logopt -json files, -m / -m=2 text, check_bce
// lines — as one shape, so the editor, the Remarks view and `gopsy remarks` share one model.
import { z } from 'zod';

export const REMARK_KINDS = [
  'escape', // a value or allocation moved to the heap ("escapes to heap", "moved to heap")
  'noescape', // "does not escape" (text only: logopt does not report it)
  'leak', // a parameter leaks (to the heap or a result)
  'canInline',
  'cannotInline',
  'inlinedCall', // "inlining call to F" (text only)
  'cannotInlineCall',
  'boundsCheck', // IsInBounds / IsSliceInBounds kept by the compiler
  'nilCheck',
  'copy', // large copies ("N bytes")
  'loopvar', // Go 1.22 loop variable decisions
  'other',
] as const;
export const RemarkKind = z.enum(REMARK_KINDS);
export type RemarkKind = z.infer<typeof RemarkKind>;

/** One step of an escape flow: "flow: {heap} ← &x:" or "from x (assign)" at a position. */
export const FlowStep = z.object({
  file: z.string(),
  line: z.number(),
  /** 1-based UTF-8 byte column (0 when the toolchain printed none). */
  column: z.number(),
  message: z.string(),
});
export type FlowStep = z.infer<typeof FlowStep>;

export const Remark = z.object({
  kind: RemarkKind,
  /** The logopt code, or for text the same code when the text line means the same fact. */
  code: z.string(),
  /** Path as the toolchain printed it (absolute for logopt, often relative for text). */
  file: z.string(),
  line: z.number(),
  /** 1-based UTF-8 byte column, as the compiler prints it (0 = none). */
  column: z.number(),
  /** Enclosing function as the compiler names it ("(*Store).Items"), when known. */
  function: z.string().optional(),
  message: z.string(),
  /** cannotInline: why ("function too complex", "unhandled op DEFER", ...). */
  reason: z.string().optional(),
  /** Inlining cost (canInline / cannotInline "cost N exceeds budget B"). */
  cost: z.number().optional(),
  budget: z.number().optional(),
  flow: z.array(FlowStep),
  source: z.enum(['json', 'text']),
  package: z.string().optional(),
  /** Project-relative path, set by the backend when the file is inside the open project. */
  path: z.string().optional(),
});
export type Remark = z.infer<typeof Remark>;

export type RemarkCounts = Partial<Record<RemarkKind, number>>;

/** The default inlining budget of gc (inlineMaxBudget); -m=2 prints it with every "exceeds budget". */
export const INLINE_BUDGET = 80;

/** What loading the remarks of one run gives. */
export const RemarksSummary = z.object({
  runId: z.string(),
  goVersion: z.string().optional(),
  /** The toolchain flag the remarks came from, said in the UI. */
  origin: z.string(),
  total: z.number(),
  counts: z.record(z.string(), z.number()),
  /** Project files with remarks; stale = its content differs from when the run started. */
  files: z.array(z.object({ path: z.string(), count: z.number(), stale: z.boolean() })),
  /** Malformed lines skipped, unreadable files: shown as a warning. */
  skipped: z.number(),
  warnings: z.array(z.string()),
});
export type RemarksSummary = z.infer<typeof RemarksSummary>;

export const AlmostInlinedRow = z.object({ remark: Remark, cost: z.number(), budget: z.number(), overPercent: z.number() });
export type AlmostInlinedRow = z.infer<typeof AlmostInlinedRow>;
