// Splits a build's merged output (the pty joins stderr to stdout) into the go command's
// GODEBUG=gocachehash=1 lines (`HASH[…` and `HASH /file: …`) and everything else, whole lines at a time
// although chunks can end anywhere. Other text is passed on at once, except a line start that could
// still become `HASH`, which waits for its next character.

const PREFIX = 'HASH';

/** A hash line starts with `HASH[` or `HASH `. */
const isHashLine = (line: string) => line.startsWith(`${PREFIX}[`) || line.startsWith(`${PREFIX} `);

/** Could `start` (a line's beginning, without its newline) still turn out to be a hash line? */
const undecided = (start: string) =>
  start.length <= PREFIX.length ? PREFIX.startsWith(start) : false;

export interface HashLineParts {
  /** Hash lines, each ending in `\n` (a terminal's `\r\n` turned back into `\n`). */
  hash: string;
  /** The rest, unchanged. */
  other: string;
}

export class HashLineSplitter {
  /** The start of a line not yet known to be a hash line or not. */
  private pending = '';
  /** What the current, unfinished line is: undefined at a line start. */
  private current: 'hash' | 'other' | undefined;

  push(chunk: string): HashLineParts {
    let hash = '';
    let other = '';
    let text = this.pending + chunk;
    this.pending = '';
    while (text.length > 0) {
      const nl = text.indexOf('\n');
      const line = nl < 0 ? text : text.slice(0, nl + 1);
      text = nl < 0 ? '' : text.slice(nl + 1);
      if (this.current === undefined) {
        const body = nl < 0 ? line : line.slice(0, -1);
        if (nl < 0 && undecided(body.replace(/\r$/, ''))) {
          this.pending = line;
          break;
        }
        this.current = isHashLine(body) ? 'hash' : 'other';
      }
      // Hash lines are Go-quoted: a raw \r in one is the terminal's, wherever the chunk ended.
      if (this.current === 'hash') hash += line.replace(/\r/g, '');
      else other += line;
      if (nl >= 0) this.current = undefined;
    }
    return { hash, other };
  }

  /** The end of the output: a line start held back is not a hash line after all. */
  flush(): HashLineParts {
    const rest = this.pending;
    this.pending = '';
    this.current = undefined;
    return { hash: '', other: rest };
  }
}
