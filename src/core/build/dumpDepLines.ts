// Splits the linker's -dumpdep lines (`from -> to`, one per symbol it keeps: megabytes for a real
// program) out of a build's merged output, so they go to their own file and the console gets one note.
// With `go build -json` the link step's whole output is ONE build-output event (a single JSON line of
// that many megabytes): it is decoded as it streams in, never held whole; its edge lines go apart and
// any other line of the linker's output comes out again as a smaller event. In plain text (go1.23 and
// older) a run of edge lines starts with `_ -> ` and ends at the first line without ` -> `.
// The file holds `# importpath` before each binary's lines, as src/core/binary/reachability.ts reads.

const ARROW = ' -> ';
/** The start of a build-output event whose Output is a `# pkg` header followed by the first root edge. */
const JSON_HEAD = /^\{"ImportPath":"([^"\\]*)","Action":"build-output","Output":"(# [^"\\]*\\n_ -(?:\\u003e|>) )/;
/** A JSON line start that is still too short to tell (event lines are short unless they are this). */
const DECIDE_AT = 4096;

/** How many backslashes end just before `i`. */
function backslashesBefore(text: string, i: number): number {
  let n = 0;
  while (i - n - 1 >= 0 && text.charCodeAt(i - n - 1) === 92) n++;
  return n;
}

/** The index of the quote that ends a JSON string's body (not escaped), or -1. */
function closingQuote(text: string): number {
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) if (backslashesBefore(text, i) % 2 === 0) return i;
  return -1;
}

/** Where a JSON string's body can be cut without splitting an escape (`\\`, `\\n`, `\\u003e`). */
function completeEnd(body: string): number {
  const k = body.lastIndexOf('\\');
  if (k < 0 || k < body.length - 6) return body.length;
  // The backslash at k starts an escape when the run of backslashes it ends is odd.
  if ((backslashesBefore(body, k) + 1) % 2 === 0) return body.length;
  const need = body[k + 1] === 'u' ? 6 : 2;
  return k + need > body.length ? k : body.length;
}

/** A JSON string's body decoded (by the engine's JSON parser); as it is if it does not parse. */
function decodeJsonString(body: string): string {
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return body;
  }
}

export interface DumpDepParts {
  /** Edge lines under `# importpath` headers, LF lines. */
  dep: string;
  /** The rest of the output, as it came (a big event without its edge lines). */
  other: string;
  /** One line per binary whose lines went apart, for the console (CRLF). */
  note: string;
}

export const dumpDepNote = (edges: number, pkg: string, file: string) =>
  `(linker reachability graph${pkg ? ` of ${pkg}` : ''}: ${edges} lines → ${file})`;

export class DumpDepLineSplitter {
  /** The current line's start while it is not known what it is. */
  private start = '';
  private mode: 'start' | 'other' | 'json' | 'plain' = 'start';
  /** JSON: the event's import path, whether the Output string has ended, a partial escape, a partial line. */
  private json = { pkg: '', head: '', open: true, escape: '', line: '', first: true, kept: [] as string[], edges: 0 };
  /** Plain text: the last `# pkg` header, and the edges of the run of edge lines now going on. */
  private plain = { pkg: '', edges: -1 };

  constructor(private readonly file: string) {}

  push(chunk: string): DumpDepParts {
    const out: DumpDepParts = { dep: '', other: '', note: '' };
    let text = chunk;
    while (text.length > 0) {
      if (this.mode === 'json') text = this.jsonText(text, out);
      else if (this.mode === 'other') {
        const nl = text.indexOf('\n');
        out.other += nl < 0 ? text : text.slice(0, nl + 1);
        text = nl < 0 ? '' : text.slice(nl + 1);
        if (nl >= 0) this.mode = 'start';
      } else {
        // 'start' and 'plain' lines are looked at whole (or until they can be told apart).
        const nl = text.indexOf('\n');
        this.start += nl < 0 ? text : text.slice(0, nl + 1);
        text = nl < 0 ? '' : text.slice(nl + 1);
        this.decide(nl >= 0, out);
      }
    }
    return out;
  }

  /** The end of the output: whatever is held back is ordinary output. */
  flush(): DumpDepParts {
    const out: DumpDepParts = { dep: '', other: '', note: '' };
    if (this.mode === 'json') this.endEvent(out);
    else if (this.start) this.decide(true, out);
    this.endPlainRun(out);
    this.mode = 'start';
    return out;
  }

  private decide(whole: boolean, out: DumpDepParts): void {
    const s = this.start;
    if (s.startsWith('{')) {
      const m = JSON_HEAD.exec(s);
      if (m) {
        this.start = '';
        this.mode = 'json';
        this.json = { pkg: m[1]!, head: s.slice(0, m.index + m[0].length - m[2]!.length), open: true, escape: '', line: '', first: true, kept: [], edges: 0 };
        out.dep += `# ${m[1]}\n`;
        // The line start ends at its first newline at the latest: nothing of the next line is in it.
        this.jsonText(s.slice(m[0].length - m[2]!.length), out);
        return;
      }
      if (!whole && s.length < DECIDE_AT) return;
      this.endPlainRun(out);
      this.passOn(whole, out);
      return;
    }
    const body = s.replace(/\r?\n$/, '');
    if (!whole) {
      // A line that may still turn out to be an edge waits for its end; others go on at once.
      if (this.plain.edges >= 0 || '_ -> '.startsWith(body.slice(0, 5))) return;
      this.passOn(false, out);
      return;
    }
    this.start = '';
    if (body.startsWith('_ -> ') || (this.plain.edges >= 0 && body.includes(ARROW))) {
      if (this.plain.edges < 0) {
        this.plain.edges = 0;
        out.dep += `# ${this.plain.pkg}\n`;
      }
      out.dep += body + '\n';
      this.plain.edges++;
      return;
    }
    this.endPlainRun(out);
    if (body.startsWith('# ')) this.plain.pkg = body.slice(2).trim();
    out.other += s;
  }

  private passOn(whole: boolean, out: DumpDepParts): void {
    out.other += this.start;
    this.start = '';
    this.mode = whole ? 'start' : 'other';
  }

  private endPlainRun(out: DumpDepParts): void {
    if (this.plain.edges < 0) return;
    out.note += dumpDepNote(this.plain.edges, this.plain.pkg, this.file) + '\r\n';
    this.plain.edges = -1;
  }

  /** Decodes the event's Output as far as `text` goes; returns the text after the event's line. */
  private jsonText(text: string, out: DumpDepParts): string {
    const j = this.json;
    if (j.open) {
      text = j.escape + text;
      j.escape = '';
      const close = closingQuote(text);
      const body = close < 0 ? text : text.slice(0, close);
      // An escape cut by the chunk's end waits for the next chunk; the rest is decoded natively.
      const cut = close < 0 ? completeEnd(body) : body.length;
      j.escape = body.slice(cut);
      this.jsonLines(decodeJsonString(body.slice(0, cut)), close >= 0, out);
      if (close < 0) return '';
      j.open = false;
      text = text.slice(close + 1);
    }
    const nl = text.indexOf('\n');
    if (nl < 0) return ''; // the event's `}` and line end are still to come
    this.endEvent(out);
    this.mode = 'start';
    return text.slice(nl + 1);
  }

  private jsonLines(decoded: string, ended: boolean, out: DumpDepParts): void {
    const j = this.json;
    const all = (j.line + decoded).split('\n');
    j.line = ended ? '' : all.pop()!;
    for (const l of all) {
      if (j.first && l.startsWith('# ')) {
        j.first = false;
        continue;
      }
      j.first = false;
      if (l.includes(ARROW)) {
        out.dep += l + '\n';
        j.edges++;
      } else if (l) j.kept.push(l);
    }
  }

  /** The event's other lines (if any) as an event of their own, and the console's note. */
  private endEvent(out: DumpDepParts): void {
    const j = this.json;
    if (j.line) this.jsonLines('\n', true, out);
    if (j.kept.length > 0) {
      out.other += `${j.head}${JSON.stringify(`# ${j.pkg}\n${j.kept.join('\n')}\n`).slice(1)}}\r\n`;
    }
    out.note += dumpDepNote(j.edges, j.pkg, this.file) + '\r\n';
    j.kept = [];
  }
}
