// Replaying an opened bundle's GODEBUG captures (events/*.jsonl) in the Runtime view: the list as
// their header lines describe them, and one capture's events, validated line by line. Read-only.
import { z } from 'zod';
import { TraceEvent } from '../godebug';

const BundleId = z.string().max(64);
const EntryPath = z.string().min(1).max(4096);

/** One capture in a bundle. Fields the header does not give are empty; `problem` says why. */
export const BundleCapture = z.object({
  path: z.string(),
  size: z.number(),
  title: z.string(),
  commandLine: z.string(),
  godebug: z.string(),
  startedAt: z.string(),
  endedAt: z.string(),
  /** Events the header lists (null without a readable header). */
  count: z.number().nullable(),
  truncated: z.boolean(),
  /** Saved while the program still ran (what it had printed by endedAt). */
  running: z.boolean().optional(),
  /** The header is missing, damaged or of another type, or the entry cannot be read. */
  problem: z.string().optional(),
});
export type BundleCapture = z.infer<typeof BundleCapture>;

export const BundleCaptureEvents = z.object({
  path: z.string(),
  events: z.array(TraceEvent),
  /** Lines that were not valid trace events. */
  skipped: z.number(),
  /** The event cap was reached, or the recording was cut short when it was made. */
  truncated: z.boolean(),
  /** For the user, as text: bad lines skipped, a missing header, the cap reached. */
  warnings: z.array(z.string()),
});
export type BundleCaptureEvents = z.infer<typeof BundleCaptureEvents>;

export const bundleGodebugMethods = {
  /** The bundle's GODEBUG captures (events/*.jsonl), from their header lines; reads nothing else. */
  'bundle.godebugCaptures': { params: z.object({ id: BundleId }), result: z.array(BundleCapture) },
  /** One capture's events, each line checked against the TraceEvent schema (bad ones skipped and counted), capped like a live session. */
  'bundle.godebugEvents': { params: z.object({ id: BundleId, path: EntryPath }), result: BundleCaptureEvents },
} as const;

export const bundleGodebugEvents = {
  /** A bundle was closed: views drop what they showed of it. */
  'bundle.closed': z.object({ id: z.string() }),
} as const;
