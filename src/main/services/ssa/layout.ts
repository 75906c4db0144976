// Where the SSA service keeps its files under gopsy's storage: one folder per capture, per project
// (ssa/<project key>/<capture id>/), its own GOCACHE and toolexec wrapper, and temp folders of function listings.
import { createHash } from 'node:crypto';
import path from 'node:path';

export const SSA_DIR = 'ssa';
/** Shared by every capture (kept between captures so that dependencies stay compiled). */
export const SSA_GOCACHE = 'gocache';
export const SSA_WRAPPER = 'toolexec.sh';
/** Function listings build into a folder here (see listFunctions). */
export const SSA_TEMP = 'tmp';

/** The project's folder key: the first 12 hex digits of the sha256 of its root. */
export function ssaProjectKey(root: string): string {
  return createHash('sha256').update(root).digest('hex').slice(0, 12);
}

export function ssaCaptureDir(storageDir: string, root: string, id: string): string {
  return path.join(storageDir, SSA_DIR, ssaProjectKey(root), id);
}

/** Capture ids are base-36 milliseconds since the epoch, a dash, and 8 hex digits. */
export const SSA_CAPTURE_ID = /^([0-9a-z]{1,12})-[0-9a-f]{8}$/;

/** When a capture was made, from its id; null for a name that is not a capture id. */
export function ssaCaptureTime(id: string): Date | null {
  const m = SSA_CAPTURE_ID.exec(id);
  if (!m) return null;
  const ms = parseInt(m[1]!, 36);
  return Number.isFinite(ms) ? new Date(ms) : null;
}
