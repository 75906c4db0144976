// A log followed as a stream (gopls's log tab): the part of an append not yet written, and log text as
// terminal text (no control sequences from the log reach the terminal).

/** The part of an append a reader at `known` has not written yet ('' when it has all of it). */
export function unseenPart(known: number, a: { text: string; end: number }): string {
  return a.end <= known ? '' : a.text.slice(Math.max(0, a.text.length - (a.end - known)));
}

/** Log text as terminal text: line ends for the terminal, and no control sequences from the log. */
export function terminalText(text: string): string {
  /* eslint-disable no-control-regex -- the point is to remove control characters */
  return text
    .replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g, '')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '')
    .replace(/\n/g, '\r\n');
  /* eslint-enable no-control-regex */
}
