// Where an SSA capture of the SSA view sits inside a bundle: ssa/<capture-id>/ holds the capture's
// ssa.html, its text dumps and gopsy-capture.json (function, package, go output). The one home of that layout.

export const SSA_FOLDER = 'ssa';

/** The marker the SSA service writes last in a complete capture; a bundled capture always has it. */
export const SSA_CAPTURE_MARKER = 'gopsy-capture.json';

/** A capture id as a bundle may carry it: a folder name of word characters, dots and dashes. */
const CAPTURE_ID = /^[\w.-]{1,128}$/;

export function isSsaCaptureId(id: string): boolean {
  return CAPTURE_ID.test(id) && !/^\.+$/.test(id);
}

/** `ssa/<id>`: the capture's folder (no trailing slash), also the save dialog's item key. */
export function ssaCaptureFolder(id: string): string {
  return `${SSA_FOLDER}/${id}`;
}

/** `ssa/<id>/`: the prefix of every entry of that capture. */
export function ssaCapturePrefix(id: string): string {
  return `${ssaCaptureFolder(id)}/`;
}

/** `ssa/<id>/gopsy-capture.json`. */
export function ssaCaptureMarkerEntry(id: string): string {
  return `${ssaCapturePrefix(id)}${SSA_CAPTURE_MARKER}`;
}

/** The files of a capture folder a bundle carries: the SSA itself and the marker (not a test binary). */
export function isSsaCaptureFile(name: string): boolean {
  return name.endsWith('.html') || name.endsWith('.dump') || name === SSA_CAPTURE_MARKER;
}
