// Splits a stream of terminal output into lines and classifies them, keeping a partial last line
// until its newline arrives. Used on live pty output (a tee: the console gets the same data) and on files.
import type { TraceEvent } from '../../shared/godebug';
import { classifyLine } from './classify';

/** A line longer than this without a newline is classified as it is (a program printing no newlines). */
export const MAX_PENDING_CHARS = 64 * 1024;

export class TraceStream {
  private pending = '';
  private seq = 0;

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
    return out;
  }

  get lines(): number {
    return this.seq;
  }

  private emit(line: string, out: TraceEvent[]): void {
    // ptys end lines with \r\n; a lone \r (progress bars) stays in the text.
    const l = line.endsWith('\r') ? line.slice(0, -1) : line;
    for (const ev of classifyLine(l, this.seq)) out.push(ev);
    this.seq++;
  }
}

/** Parses a whole text (a captured log) into events. */
export function parseTraceText(text: string): TraceEvent[] {
  const s = new TraceStream();
  const evs = s.push(text);
  for (const e of s.end()) evs.push(e);
  return evs;
}
