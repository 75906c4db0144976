// Where a build run sits inside a bundle: runs/<id>/ holds the run directory's files as they are on
// disk (manifest.json, bench.txt, logopt/, ssa/, out/…). The one home of that layout and the run id form.

export const RUNS_FOLDER = 'runs';

/** A run id as a bundle may carry it: a folder name of word characters, dots and dashes. */
const RUN_ID = /^[\w.-]{1,128}$/;

export function isRunId(id: string): boolean {
  return RUN_ID.test(id) && !/^\.+$/.test(id);
}

/** `runs/<id>/`: the prefix of every entry of that run. */
export function runPrefix(id: string): string {
  return `${RUNS_FOLDER}/${id}/`;
}

/** `runs/<id>`: the run's folder (no trailing slash). */
export function runFolder(id: string): string {
  return `${RUNS_FOLDER}/${id}`;
}

/** `runs/<id>/manifest.json`. */
export function runManifestEntry(id: string): string {
  return `${runPrefix(id)}manifest.json`;
}

/** The run id of a `runs/<id>/manifest.json` entry, or null for any other entry. */
export function runIdOfManifestEntry(entry: string): string | null {
  const m = /^runs\/([^/]+)\/manifest\.json$/.exec(entry);
  return m && isRunId(m[1]!) ? m[1]! : null;
}

/** The run an entry belongs to and its path inside the run, or null outside runs/. */
export function runEntryParts(entry: string): { run: string; rel: string } | null {
  const m = /^runs\/([^/]+)\/(.+)$/.exec(entry);
  return m ? { run: m[1]!, rel: m[2]! } : null;
}
