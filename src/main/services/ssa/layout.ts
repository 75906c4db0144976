// Where the SSA service keeps its files under gopsy's storage: one folder per capture, per project
// (ssa/<project key>/<capture id>/), the project's kept function listings (ssa/<project key>/listings/),
// its own GOCACHE and toolexec wrapper, and temp folders of function listings.
import { createHash } from 'node:crypto';
import path from 'node:path';

export const SSA_DIR = 'ssa';
/** Shared by every capture (kept between captures so that dependencies stay compiled). */
export const SSA_GOCACHE = 'gocache';
export const SSA_WRAPPER = 'toolexec.sh';
/** Function listings build into a folder here (see listFunctions). */
export const SSA_TEMP = 'tmp';

/** The project's folder key (ssaProjectKey). */
export const SSA_KEY = /^[0-9a-f]{12}$/;
/** A function listing's folder under SSA_TEMP: 12 hex digits (see makeTemp). */
export const SSA_TEMP_ID = /^[0-9a-f]{12}$/;

/** The project's folder key: the first 12 hex digits of the sha256 of its root. */
export function ssaProjectKey(root: string): string {
  return createHash('sha256').update(root).digest('hex').slice(0, 12);
}

/** Function listings kept per project (one JSON file per package and source state). */
export const SSA_LISTINGS = 'listings';
/** Written last into a capture's folder: a folder without it was cut short and is made again. */
export const SSA_CAPTURE_MARKER = 'gopsy-capture.json';

export function ssaProjectDir(storageDir: string, root: string): string {
  return path.join(storageDir, SSA_DIR, ssaProjectKey(root));
}

export function ssaCaptureDir(storageDir: string, root: string, id: string): string {
  return path.join(ssaProjectDir(storageDir, root), id);
}

/** A capture's id: the same function of the same sources has the same id, so a kept capture is found again. */
export function ssaCaptureId(sourceHash: string): string {
  return `cap-${sourceHash}`;
}

/**
 * Capture ids: `cap-` and 24 hex digits (see ssaCaptureId); older gopsy named them by base-36
 * milliseconds since the epoch, a dash, and 8 hex digits.
 */
export const SSA_CAPTURE_ID = /^(?:cap-[0-9a-f]{24}|([0-9a-z]{1,12})-[0-9a-f]{8})$/;

/** When a capture was made, from an id of the older kind; null otherwise (the folder's time then says). */
export function ssaCaptureTime(id: string): Date | null {
  const m = SSA_CAPTURE_ID.exec(id);
  if (!m?.[1]) return null;
  const ms = parseInt(m[1], 36);
  return Number.isFinite(ms) ? new Date(ms) : null;
}
