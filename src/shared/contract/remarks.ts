// Compiler remarks of a build run (escape analysis, inlining, bounds and nil checks) for the
// Remarks view and the editor, paged and filtered in the backend.
import { z } from 'zod';
import { RUN_ID } from '../runFolder';
import { AlmostInlinedRow, Remark, RemarkKind, RemarksSummary } from '../remarks';

/** A run of the open project or, with `bundle`, a run an opened bundle carries (replayed read-only). */
const Bundle = { bundle: z.string().max(64).optional() };
const Run = z.object({ runId: z.string().regex(RUN_ID, 'not a run id'), ...Bundle });

export const remarksMethods = {
  /** Loads a run's remarks (the newest run that has some when runId is absent; null if none has). */
  'remarks.load': { params: z.object({ runId: z.string().optional(), ...Bundle }), result: RemarksSummary.nullable() },
  /** Captures a new run with the "Optimisation details" profile and loads it. */
  'remarks.capture': { params: z.object({}).strict(), result: RemarksSummary },
  'remarks.query': {
    params: Run.extend({
      kinds: z.array(RemarkKind).optional(),
      path: z.string().optional(),
      projectOnly: z.boolean().optional(),
      function: z.string().optional(),
      search: z.string().max(200).optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(5000).optional(),
    }),
    result: z.object({ total: z.number(), rows: z.array(Remark), counts: z.record(z.string(), z.number()) }),
  },
  /** Every remark of one project file, and whether the file changed since the run. */
  'remarks.forFile': { params: Run.extend({ path: z.string() }), result: z.object({ remarks: z.array(Remark), stale: z.boolean() }) },
  'remarks.heap': { params: Run.extend({ package: z.string().optional() }), result: z.array(Remark) },
  'remarks.almostInlined': { params: Run.extend({ withinPercent: z.number().min(0).max(1000).optional() }), result: z.array(AlmostInlinedRow) },
  /** The -W dump (IR before and after walk) of one function, compiled on request for its package. */
  'remarks.walkDump': {
    params: z.object({ path: z.string().min(1).max(1000), function: z.string().min(1).max(4000) }),
    result: z.object({
      flag: z.string(),
      sections: z.array(z.object({ stage: z.string(), function: z.string(), lines: z.array(z.object({ text: z.string(), line: z.number().nullable() })) })),
      /** Every function the dump has (to suggest one when the name did not match). */
      functions: z.array(z.string()),
    }),
  },
} as const;
