// The fast path for logopt diagnostic lines. A `go build -a std` writes ~300 MB of them, mostly the
// escape flow's relatedInformation, and JSON.parse of every line alone takes about a second. cmd/compile
// writes every diagnostic in one fixed shape (field order, no spaces, integer positions), so one
// regular expression checks a whole line against that shape, strictly as JSON grammar (string
// escapes, no control characters, no leading zeros), in native code, and a walk over the known
// layout reads the fields the remarks use. A line the expression does not accept — other key order,
// spaces, other number forms, a stray \r, anything malformed — is left to JSON.parse by the caller,
// so the fast path decides only speed, never the result.

/** A JSON integer as the compiler writes it; 15 digits at most, so it is exact as a double. */
const INT = '(?:0|[1-9][0-9]{0,14})';
/** A JSON string: no raw control characters, only JSON's escapes. */
const STR = '"[^"\\\\\\x00-\\x1f]*(?:\\\\(?:["\\\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\\\\x00-\\x1f]*)*"';
const POS = `\\{"start":\\{"line":${INT},"character":${INT}\\},"end":\\{"line":${INT},"character":${INT}\\}\\}`;
const RELATED = `\\{"location":\\{"uri":${STR},"range":${POS}\\},"message":${STR}\\}`;
/** One whole diagnostic line, up to the end of the line or text (sticky: matched where the line starts). */
const DIAGNOSTIC = new RegExp(
  `\\{"range":${POS},"severity":${INT},"code":${STR},"source":${STR},"message":${STR}` +
    `(?:,"relatedInformation":\\[(?:${RELATED}(?:,${RELATED})*)?\\])?\\}(?=\\n|$)`,
  'y',
);

// The literal text between the fields, in the order the walk meets it.
const RANGE_LINE = '{"range":{"start":{"line":'.length;
const CHARACTER = ',"character":'.length;
const END_LINE = '},"end":{"line":'.length;
const SEVERITY = '}},"severity":'.length;
const CODE = ',"code":'.length;
const SOURCE = ',"source":'.length;
const MESSAGE = ',"message":'.length;
const RELATED_OPEN = ',"relatedInformation":['.length;
const LOCATION_URI = '{"location":{"uri":'.length;
const RANGE_START_LINE = ',"range":{"start":{"line":'.length;
const LOCATION_MESSAGE = '}}},"message":'.length;

/** Receives the fields of one accepted line. */
export interface DiagnosticSink {
  /** `relatedAt`: where the first relatedInformation entry starts (for readRelated), -1 when none. */
  diagnostic(line: number, column: number, code: string, message: string, relatedAt: number): void;
}

/** Receives one relatedInformation entry (the same uri string object while the uri repeats). */
export type RelatedSink = (uri: string, line: number, column: number, message: string) => void;

/** Reads the diagnostic lines of one logopt file's text. */
export class DiagnosticScanner {
  private pos = 0;
  /** Position of the next backslash at or after some point ≤ pos (text.length when there is none). */
  private backslash = -1;
  /** The start column of the range range() read last. */
  private rangeColumn = 0;

  // A private field: a pending flow that reached a transport by mistake does not carry the file along.
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  /**
   * Reads the line starting at `start` (ending at `end`, the next \n or the end of the text) into
   * `sink` when it has the compiler's exact shape; false (and nothing sent) otherwise. The
   * relatedInformation entries are checked here but read later, by readRelated, when asked for.
   */
  read(start: number, end: number, sink: DiagnosticSink): boolean {
    DIAGNOSTIC.lastIndex = start;
    try {
      if (!DIAGNOSTIC.test(this.#text) || DIAGNOSTIC.lastIndex !== end) return false;
    } catch {
      // The expression's backtrack stack overflows on a line with ~500k flow steps (~80 MB): JSON.parse
      // reads that one.
      return false;
    }
    // From here on the line is known to match, so the walk only skips the literal parts.
    this.pos = start + RANGE_LINE;
    const line = this.range();
    const column = this.rangeColumn;
    this.pos += SEVERITY;
    this.int();
    this.pos += CODE;
    const code = this.ownStr();
    this.pos += SOURCE;
    this.skipStr();
    this.pos += MESSAGE;
    const message = this.ownStr();
    const related = this.pos + RELATED_OPEN;
    sink.diagnostic(
      line,
      column,
      code,
      message,
      this.#text.charCodeAt(this.pos) === 0x2c && this.#text.charCodeAt(related) === 0x7b ? related : -1,
    );
    return true;
  }

  /** The relatedInformation entries from `at` (a relatedAt given by read) to the end of their array. */
  readRelated(at: number, sink: RelatedSink): void {
    const t = this.#text;
    this.pos = at;
    this.backslash = -1; // reads may come in any order
    while (t.charCodeAt(this.pos) === 0x7b /* { */) {
      this.pos += LOCATION_URI;
      const uri = this.uri();
      this.pos += RANGE_START_LINE;
      const line = this.range();
      const column = this.rangeColumn;
      this.pos += LOCATION_MESSAGE;
      sink(uri, line, column, this.str());
      this.pos += 1; // }
      if (t.charCodeAt(this.pos) === 0x2c /* , */) this.pos++;
    }
  }

  // Flow steps mostly point into the file of their remark: the last uri literal is compared in place
  // instead of being cut out and decoded again.
  private lastUriLiteral = '';
  private lastUri = '';

  private uri(): string {
    if (this.lastUriLiteral !== '' && this.#text.startsWith(this.lastUriLiteral, this.pos)) {
      this.pos += this.lastUriLiteral.length;
      return this.lastUri;
    }
    const open = this.pos;
    this.lastUri = this.str();
    this.lastUriLiteral = this.#text.slice(open, this.pos);
    return this.lastUri;
  }

  /** A range from its start line's digits to the end's last digit: the start line (its column in rangeColumn). */
  private range(): number {
    const line = this.int();
    this.pos += CHARACTER;
    this.rangeColumn = this.int();
    this.pos += END_LINE;
    this.int();
    this.pos += CHARACTER;
    this.int();
    return line;
  }

  private int(): number {
    const t = this.#text;
    let p = this.pos;
    let n = 0;
    for (let c = t.charCodeAt(p); c >= 0x30 && c <= 0x39; c = t.charCodeAt(++p)) n = n * 10 + (c - 0x30);
    this.pos = p;
    return n;
  }

  /** Set by close(): whether the literal it closed holds an escape. */
  private escaped = false;

  /** The closing quote of the literal opening at pos (sets `escaped`). */
  private close(): number {
    const t = this.#text;
    const open = this.pos;
    const quote = t.indexOf('"', open + 1);
    if (this.backslash <= open) {
      this.backslash = t.indexOf('\\', open + 1);
      if (this.backslash < 0) this.backslash = t.length;
    }
    this.escaped = this.backslash < quote;
    if (!this.escaped) return quote;
    // An escape: a backslash always pairs with the next character, so walk pairs to the real quote.
    let p = this.backslash;
    for (let c = t.charCodeAt(p); c !== 0x22; c = t.charCodeAt(p)) p += c === 0x5c ? 2 : 1;
    return p;
  }

  private str(): string {
    const open = this.pos;
    const quote = this.close();
    this.pos = quote + 1;
    return this.escaped
      ? (JSON.parse(this.#text.slice(open, quote + 1)) as string)
      : this.#text.slice(open + 1, quote);
  }

  /**
   * The string as a copy of its own (JSON.parse makes one; a slice would be a view into the text), so
   * a remark kept in an index does not keep its whole file's text alive.
   */
  private ownStr(): string {
    const open = this.pos;
    this.pos = this.close() + 1;
    return JSON.parse(this.#text.slice(open, this.pos)) as string;
  }

  private skipStr(): void {
    this.pos = this.close() + 1;
  }
}
