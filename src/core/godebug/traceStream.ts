// Splits a stream of terminal output into lines and classifies them, keeping a partial last line
// until its newline arrives. Used on live pty output (a tee: the console gets the same data) and on files.
// A line that starts a trace record but does not parse is held until the next line: the program's
// output may have landed inside the record (see mendSplitRecord).
import type { TraceEvent } from '../../shared/godebug';
import { classifyLine, mendSplitRecord, recordStart } from './classify';

/** A line longer than this without a newline is classified as it is (a program printing no newlines). */
export const MAX_PENDING_CHARS = 64 * 1024;

/** A longer line with a broken record is not held for mending (mending tries every cut). */
const MAX_HELD_CHARS = 4096;

export class TraceStream {
  private pending = '';
  private seq = 0;
  /** A line with a broken trace record, waiting for the line after it. */
  private held: { line: string; seq: number } | null = null;

  /** Events for the complete lines in this chunk. */
  push(chunk: string): TraceEvent[] {
    const out: TraceEvent[] = [];
    let text = this.pending + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      this.emit(text.slice(start, nl), out);
      start = nl + 1;
    }
    text = text.slice(start);
    if (text.length > MAX_PENDING_CHARS) {
      this.emit(text, out);
      text = '';
    }
    this.pending = text;
    return out;
  }

  /** Events for what is left after the stream ended (a last line without a newline). */
  end(): TraceEvent[] {
    const out: TraceEvent[] = [];
    if (this.pending !== '') this.emit(this.pending, out);
    this.pending = '';
    this.release(out);
    return out;
  }

  get lines(): number {
    return this.seq;
  }

  private emit(line: string, out: TraceEvent[]): void {
    // ptys end lines with \r\n; a lone \r (progress bars) stays in the text.
    const l = line.endsWith('\r') ? line.slice(0, -1) : line;
    const seq = this.seq++;
    if (this.held) {
      const mended = mendSplitRecord(this.held.line, l, this.held.seq);
      if (mended) {
        this.held = null;
        for (const ev of mended) out.push(ev);
        return;
      }
      this.release(out);
    }
    const evs = classifyLine(l, seq);
    const only = evs.length === 1 && evs[0]!.kind === 'output' ? evs[0]!.text : null;
    if (only !== null && only.length <= MAX_HELD_CHARS && recordStart(only) >= 0) this.held = { line: only, seq };
    else for (const ev of evs) out.push(ev);
  }

  /** The held line, as the program output it turned out to be. */
  private release(out: TraceEvent[]): void {
    if (!this.held) return;
    out.push({ kind: 'output', seq: this.held.seq, text: this.held.line });
    this.held = null;
  }
}

/** Parses a whole text (a captured log) into events. */
export function parseTraceText(text: string): TraceEvent[] {
  const s = new TraceStream();
  const evs = s.push(text);
  for (const e of s.end()) evs.push(e);
  return evs;
}
