// The caps a bundle reader enforces before it inflates anything: a bundle is a file someone sent,
// and a few kilobytes of deflate can claim gigabytes (a zip bomb).

export interface BundleLimits {
  /** Entries in one bundle (manifest.json included). */
  maxEntries: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all entries together. */
  maxTotalBytes: number;
  /** Uncompressed / compressed, for entries above ratioFloorBytes (small entries compress oddly). */
  maxRatio: number;
  ratioFloorBytes: number;
  /** manifest.json itself. */
  maxManifestBytes: number;
}

/**
 * Real artefacts compress well below the ratio cap: -x logs and ssa.html deflate about 5–25:1,
 * while deflate's ceiling (long runs of one byte) is about 1030:1, which is what bombs use.
 */
export const DEFAULT_LIMITS: BundleLimits = {
  maxEntries: 200_000,
  maxEntryBytes: 2 * 2 ** 30,
  maxTotalBytes: 16 * 2 ** 30,
  maxRatio: 400,
  ratioFloorBytes: 1 * 2 ** 20,
  maxManifestBytes: 64 * 2 ** 20,
};

/** Entries larger than this are not shown as text in the workbench (the same cap as the editor). */
export const MAX_TEXT_VIEW_BYTES = 20 * 2 ** 20;
