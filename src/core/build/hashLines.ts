// Splits a build's merged output (the pty joins stderr to stdout) into the lines the go command prints
// for a GODEBUG setting (gocachehash=1: `HASH[…` and `HASH /file: …`; gocachetest=1: `testcache: …`) and
// everything else, whole lines at a time although chunks can end anywhere. Other text is passed on at
// once, except a line start that could still become one of those lines, which waits for more characters.

export interface LineParts {
  /** The lines that start with one of the prefixes, each ending in `\n` (a terminal's `\r\n` turned back into `\n`). */
  matched: string;
  /** The rest, unchanged. */
  other: string;
}

export class PrefixLineSplitter {
  /** The start of a line not yet known to be a matched line or not. */
  private pending = '';
  /** What the current, unfinished line is: undefined at a line start. */
  private current: 'matched' | 'other' | undefined;

  constructor(private readonly prefixes: readonly string[]) {}

  /** Could `start` (a line's beginning, without its newline) still turn out to start with a prefix? */
  private undecided(start: string): boolean {
    return this.prefixes.some((p) => start.length < p.length && p.startsWith(start));
  }

  push(chunk: string): LineParts {
    let matched = '';
    let other = '';
    let text = this.pending + chunk;
    this.pending = '';
    while (text.length > 0) {
      const nl = text.indexOf('\n');
      const line = nl < 0 ? text : text.slice(0, nl + 1);
      text = nl < 0 ? '' : text.slice(nl + 1);
      if (this.current === undefined) {
        const body = nl < 0 ? line : line.slice(0, -1);
        if (nl < 0 && this.undecided(body.replace(/\r$/, ''))) {
          this.pending = line;
          break;
        }
        this.current = this.prefixes.some((p) => body.startsWith(p)) ? 'matched' : 'other';
      }
      // Hash lines are Go-quoted and testcache lines are one line each: a raw \r in one is the terminal's.
      if (this.current === 'matched') matched += line.replace(/\r/g, '');
      else other += line;
      if (nl >= 0) this.current = undefined;
    }
    return { matched, other };
  }

  /** The end of the output: a line start held back is not a matched line after all. */
  flush(): LineParts {
    const rest = this.pending;
    this.pending = '';
    this.current = undefined;
    return { matched: '', other: rest };
  }
}

export interface HashLineParts {
  /** Hash lines, each ending in `\n` (a terminal's `\r\n` turned back into `\n`). */
  hash: string;
  /** The rest, unchanged. */
  other: string;
}

/** GODEBUG=gocachehash=1 lines: `HASH[` or `HASH `. */
export class HashLineSplitter {
  private readonly lines = new PrefixLineSplitter(['HASH[', 'HASH ']);

  push(chunk: string): HashLineParts {
    const { matched, other } = this.lines.push(chunk);
    return { hash: matched, other };
  }

  flush(): HashLineParts {
    return { hash: '', other: this.lines.flush().other };
  }
}
