// What gopsy keeps in its storage, per project and shared (runs, SSA captures, replayed bundle runs,
// binaries built for analysis, caches), with deletion of old items and the limits applied after each run.
import { z } from 'zod';
import { formatBytes } from '../format';
import { Empty } from '../types';

/** Kinds of item a user may delete one by one. */
export const STORAGE_ITEM_KINDS = ['run', 'ssa', 'bundle-run', 'binary', 'ssa-temp', 'ssa-cache', 'received'] as const;
export const StorageItemKind = z.enum(STORAGE_ITEM_KINDS);
export type StorageItemKind = z.infer<typeof StorageItemKind>;

/** An item id names one folder or file of its kind: letters, digits, '.', '_' and '-', never '.' or '..'. */
export const StorageItemId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\w.-]+$/, 'not a storage item id')
  .refine((s) => !/^\.+$/.test(s), 'not a storage item id');

export const StorageItem = z.object({
  kind: StorageItemKind,
  id: StorageItemId,
  /** Project key (runs/<key>/, ssa/<key>/); absent for shared items. */
  project: z.string().optional(),
  /** What a user recognises: a run's profile and status, a captured function's name. */
  label: z.string(),
  bytes: z.number(),
  files: z.number(),
  /** When it was made (ISO). */
  createdAt: z.string(),
  /** Why it cannot be deleted now ("running", "shown in the Build view", ...); absent when it can. */
  inUse: z.string().optional(),
});
export type StorageItem = z.infer<typeof StorageItem>;

/** A folder gopsy keeps that is not deleted item by item (a build cache, the sessions). */
export const StorageArea = z.object({
  name: z.string(),
  path: z.string(),
  bytes: z.number(),
  files: z.number(),
  note: z.string(),
});
export type StorageArea = z.infer<typeof StorageArea>;

export const ProjectStorage = z.object({
  key: z.string(),
  /** The project folder, when a run or the session names it. */
  root: z.string().optional(),
  name: z.string(),
  runs: z.array(StorageItem),
  ssa: z.array(StorageItem),
  bytes: z.number(),
  oldest: z.string().optional(),
  newest: z.string().optional(),
});
export type ProjectStorage = z.infer<typeof ProjectStorage>;

export const StorageLimits = z.object({
  /** Build runs kept per project after each run ends, newest first (0: no limit). */
  keepRuns: z.number().int().min(0).max(100_000),
  /** SSA captures kept per project (0: no limit). */
  keepSsa: z.number().int().min(0).max(100_000),
  /** Runs, SSA captures, analysis binaries and the SSA build cache of all projects together, in bytes (0: no limit). */
  maxBytes: z.number().int().min(0).max(2 ** 50),
});
export type StorageLimits = z.infer<typeof StorageLimits>;

export const DEFAULT_STORAGE_LIMITS: StorageLimits = { keepRuns: 20, keepSsa: 50, maxBytes: 4 * 2 ** 30 };

/** The per-project limits in words: `newest 20 runs and 50 SSA captures per project`. */
export function perProjectLimitsText(l: StorageLimits): string {
  return `newest ${l.keepRuns || 'all'} runs and ${l.keepSsa || 'all'} SSA captures per project`;
}

/** The limits in words, as the workbench and `gopsy storage` say them. */
export function limitsText(l: StorageLimits): string {
  return `${perProjectLimitsText(l)}, ${l.maxBytes ? formatBytes(l.maxBytes) : 'no size limit'} in all`;
}

export const StorageReport = z.object({
  dir: z.string(),
  /** Key of the open project (its entry is first in `projects`). */
  current: z.string().optional(),
  projects: z.array(ProjectStorage),
  /** Items that belong to no one project: replayed bundle runs, analysis binaries, received bundles. */
  shared: z.array(StorageItem),
  areas: z.array(StorageArea),
  totalBytes: z.number(),
  limits: StorageLimits,
});
export type StorageReport = z.infer<typeof StorageReport>;

export const StorageRef = z.object({ kind: StorageItemKind, id: StorageItemId, project: z.string().regex(/^[0-9a-f]{8,64}$/).optional() });
export type StorageRef = z.infer<typeof StorageRef>;

export const DeleteOutcome = z.object({
  deleted: z.array(StorageItem),
  /** Asked for but kept, with the reason (in use, already gone). */
  kept: z.array(z.object({ ref: StorageRef, reason: z.string() })),
  freedBytes: z.number(),
});
export type DeleteOutcome = z.infer<typeof DeleteOutcome>;

/** What a window shows, per view: those runs and SSA captures are in use while it does. */
export const Showing = z.object({
  view: z.string().min(1).max(64),
  runs: z.array(z.string().max(128)).max(16),
  ssa: z.array(z.string().max(128)).max(16),
});
export type Showing = z.infer<typeof Showing>;

export const storageMethods = {
  /** Everything in storage: the open project first, then the others, then what is shared. */
  'storage.report': { params: Empty, result: StorageReport },
  /** Deletes the given items, each atomically; what is in use is kept and said why. */
  'storage.delete': { params: z.object({ items: z.array(StorageRef).min(1).max(10_000) }), result: DeleteOutcome },
  /** Deletes all but the newest `keep` runs (and/or SSA captures) of the open project. */
  'storage.prune': {
    params: z.object({ keep: z.number().int().min(0).max(100_000), kinds: z.array(z.enum(['run', 'ssa'])).min(1) }),
    result: DeleteOutcome,
  },
  'storage.limits': { params: Empty, result: StorageLimits },
  'storage.setLimits': { params: StorageLimits, result: StorageLimits },
  /** The window's views say what they show; replaced per view, dropped when the window goes. */
  'storage.showing': { params: Showing, result: z.null() },
} as const;

export const storageEvents = {
  /** File ▸ Storage… in the desktop window: the renderer shows the dialog. */
  'storage.showRequested': z.object({}),
  /** Items were deleted (by a user, or by the limits after a run): views drop what they listed. */
  'storage.deleted': z.object({
    reason: z.enum(['user', 'limits']),
    items: z.array(StorageItem),
    freedBytes: z.number(),
    /** For limits: which limit made room. */
    why: z.string().optional(),
  }),
} as const;
