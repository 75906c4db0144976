// Where a build run sits inside a bundle: runs/<id>/ holds the run directory's files as they are on
// disk (manifest.json, bench.txt, logopt/, ssa/, out/…). The one home of that layout and of the form
// of a run folder's name in a bundle; the workbench, the backend and the CLI all read it from here.
import { ARTEFACTS } from './runFolder';

export const RUNS_FOLDER = 'runs';

/**
 * A run id as a bundle may carry it: a folder name of word characters, dots and dashes. Looser than
 * the RUN_ID of runs recorded here: a bundle's folder names are checked only so as to stay inside runs/.
 */
const BUNDLE_RUN_ID = /^[\w.-]{1,128}$/;

export function isRunId(id: string): boolean {
  return BUNDLE_RUN_ID.test(id) && !/^\.+$/.test(id);
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
  return `${runPrefix(id)}${ARTEFACTS.manifest}`;
}

/** The run an entry belongs to and its path inside the run, or null outside runs/. */
export function runEntryParts(entry: string): { run: string; rel: string } | null {
  if (!entry.startsWith(`${RUNS_FOLDER}/`)) return null;
  const m = /^([^/]+)\/(.+)$/.exec(entry.slice(RUNS_FOLDER.length + 1));
  return m ? { run: m[1]!, rel: m[2]! } : null;
}

/** The run id of a `runs/<id>/manifest.json` entry, or null for any other entry. */
export function runIdOfManifestEntry(entry: string): string | null {
  const p = runEntryParts(entry);
  return p && p.rel === ARTEFACTS.manifest && isRunId(p.run) ? p.run : null;
}

/** An SSA page a run captured (`runs/<id>/ssa/…/<name>.html`): groups 1 and 2 are the run and the page's name. */
export const RUN_SSA_PAGE = new RegExp(`^${RUNS_FOLDER}/([\\w.-]+)/${ARTEFACTS.ssa}/(?:.*/)?([^/]+)\\.html$`);
