// "Why was this rebuilt?": the explanation of one run's cache misses against an earlier run, from the
// inputs of every action's cache key that the go command printed (GODEBUG=gocachehash=1). The shapes
// are defined here once; src/core/build/explainRebuild.ts computes them.
import { z } from 'zod';
import { RUN_ID } from '../runFolder';

export const RebuildReasonKind = z.enum(['file', 'dependency', 'flag', 'env', 'toolchain', 'new', 'other']);
export type RebuildReasonKind = z.infer<typeof RebuildReasonKind>;

/** Where a chain of reasons ends: a file, a flag, an env var, the toolchain, a package added or removed. */
export const RootCause = z.object({ kind: RebuildReasonKind, detail: z.string() });
export type RootCause = z.infer<typeof RootCause>;

export const RebuildReason = RootCause.extend({
  /** The root causes this reason comes down to (the reason itself when it is one). */
  roots: z.array(RootCause),
  /** dependency: the dependency's package and the packages between it and the first root cause. */
  dependency: z.string().optional(),
  via: z.array(z.string()).optional(),
});
export type RebuildReason = z.infer<typeof RebuildReason>;

export const ActionStatus = z.enum(['same', 'changed', 'new', 'unknown']);
export type ActionStatus = z.infer<typeof ActionStatus>;

export const ActionVerdict = z.object({
  /** The action as the go command names it, e.g. `build example.org/x/ledger`, `link example.org/x`. */
  key: z.string(),
  mode: z.string(),
  package: z.string(),
  status: ActionStatus,
  reasons: z.array(RebuildReason),
  /** Every root cause behind the reasons, once each. */
  roots: z.array(RootCause),
  /** unknown: why it could not be compared. */
  note: z.string().optional(),
});
export type ActionVerdict = z.infer<typeof ActionVerdict>;

export const RootCauseCount = RootCause.extend({
  /** How many actions of the later run it made change. */
  actions: z.number().int(),
});
export type RootCauseCount = z.infer<typeof RootCauseCount>;

export const RebuildExplanation = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    actions: z.array(ActionVerdict),
    /** Root causes with the number of actions each changed, most first. */
    summary: z.array(RootCauseCount),
    counts: z.record(ActionStatus, z.number().int()),
    /** Problems of either run (incomplete records, garbled lines). */
    problems: z.array(z.string()),
  }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type RebuildExplanation = z.infer<typeof RebuildExplanation>;

/** One input line of an action's cache key, as the earlier and the later run printed it. */
export const ActionInputLine = z.object({
  /** What the line is (e.g. `file ledger/ledger.go`, `-gcflags`, `GOAMD64`, `import fmt`). */
  slot: z.string(),
  kind: z.string(),
  earlier: z.string().nullable(),
  later: z.string().nullable(),
  changed: z.boolean(),
});
export type ActionInputLine = z.infer<typeof ActionInputLine>;

const RunIdString = z.string().regex(RUN_ID, 'not a run id');

export const explainMethods = {
  /**
   * Why the run's actions ran instead of coming from the cache, against `against` or else the latest
   * earlier run of the project that recorded its cache-key inputs. Errors: `no-hash-inputs` (the run
   * did not record them), `no-earlier-run`.
   */
  'build.explain': {
    params: z.object({ id: RunIdString, against: RunIdString.optional() }),
    result: z.object({ id: RunIdString, against: RunIdString, explanation: RebuildExplanation }),
  },
  /** One action's cache-key inputs in both runs, side by side (the Why rebuilt panel's detail). */
  'build.explainAction': {
    params: z.object({ id: RunIdString, against: RunIdString, key: z.string().min(1).max(2000) }),
    result: z.object({ key: z.string(), lines: z.array(ActionInputLine) }),
  },
} as const;
