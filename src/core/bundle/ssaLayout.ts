// Where an SSA capture of the SSA view sits inside a bundle: ssa/<capture-id>/ holds the files of the
// capture's folder (ssa.html, text dumps, its marker: see services/ssa/layout.ts). The one home of that layout.

export const SSA_FOLDER = 'ssa';

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
