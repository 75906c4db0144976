// Reads a recorded GODEBUG capture (events/*.jsonl of a session or a bundle) back into trace events:
// a header line, then one TraceEvent per line. The file may come from someone else, so every line is
// checked against the schema; a bad line is skipped and counted, never fatal.
import { CAPTURE_TYPE, CaptureHeader, TraceEvent } from '../../shared/godebug';

/** A line longer than this is not a trace event gopsy wrote (the live stream holds at most 64 K chars). */
export const MAX_CAPTURE_LINE_CHARS = 1 << 20;

export type HeaderRead =
  /** A godebug-capture header. */
  | { status: 'ok'; header: CaptureHeader }
  /** The first line is not a header (an event, or not JSON): the events start at line 1. */
  | { status: 'missing' }
  /** A godebug-capture header with fields that do not fit the schema. */
  | { status: 'damaged'; problem: string }
  /** A record of another type: not read as GODEBUG events. */
  | { status: 'foreign'; type: string };

export function readCaptureHeader(line: string): HeaderRead {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return { status: 'missing' };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v) || !('type' in v)) return { status: 'missing' };
  const type = (v as { type: unknown }).type;
  if (type !== CAPTURE_TYPE) return { status: 'foreign', type: String(type).slice(0, 80) };
  const r = CaptureHeader.safeParse(v);
  if (r.success) return { status: 'ok', header: r.data };
  const issue = r.error.issues[0];
  return { status: 'damaged', problem: issue ? `${issue.path.join('.') || 'header'}: ${issue.message}` : 'invalid' };
}

export interface CaptureRead {
  header: HeaderRead;
  events: TraceEvent[];
  /** Lines that were not valid trace events (overlong lines included). */
  skipped: number;
  /** The event cap was reached: the rest of the file was not read. */
  capped: boolean;
  warnings: string[];
}

/**
 * Feed it text in chunks as it streams (push returns false once it needs no more), then end(). With
 * `onEvent`, each event goes there as it is read and end() gives none (a reader that passes them on).
 */
export class CaptureParser {
  private header: HeaderRead | null = null;
  private readonly events: TraceEvent[] = [];
  private count = 0;
  private skipped = 0;
  private overlong = 0;
  private firstBad = 0;
  private capped = false;
  private pending = '';
  private dropping = false;
  private lineNo = 0;

  constructor(
    private readonly maxEvents: number,
    private readonly onEvent?: (event: TraceEvent) => void,
  ) {}

  get done(): boolean {
    return this.capped || this.header?.status === 'foreign';
  }

  push(text: string): boolean {
    let from = 0;
    while (!this.done) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) break;
      this.take(text.slice(from, nl));
      from = nl + 1;
    }
    if (!this.done) this.take(text.slice(from), true);
    return !this.done;
  }

  end(): CaptureRead {
    if (!this.done && (this.pending || this.dropping)) this.finishLine();
    const header = this.header ?? { status: 'missing' as const };
    return { header, events: this.events, skipped: this.skipped, capped: this.capped, warnings: this.warnings(header) };
  }

  /** A piece of the current line; the line ends unless `partial`. */
  private take(piece: string, partial = false): void {
    if (!this.dropping) {
      this.pending += piece;
      if (this.pending.length > MAX_CAPTURE_LINE_CHARS) {
        this.pending = '';
        this.dropping = true;
      }
    }
    if (!partial) this.finishLine();
  }

  private finishLine(): void {
    this.lineNo++;
    const line = this.pending.endsWith('\r') ? this.pending.slice(0, -1) : this.pending;
    const tooLong = this.dropping;
    this.pending = '';
    this.dropping = false;
    if (tooLong) {
      if (!this.header) this.header = { status: 'missing' };
      this.overlong++;
      this.bad();
      return;
    }
    if (line.trim() === '') return;
    if (!this.header) {
      this.header = readCaptureHeader(line);
      if (this.header.status !== 'missing') return;
    }
    if (this.count >= this.maxEvents) {
      this.capped = true;
      return;
    }
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      return this.bad();
    }
    const r = TraceEvent.safeParse(v);
    if (!r.success) return this.bad();
    this.count++;
    if (this.onEvent) this.onEvent(r.data);
    else this.events.push(r.data);
  }

  private bad(): void {
    this.skipped++;
    if (!this.firstBad) this.firstBad = this.lineNo;
  }

  private warnings(h: HeaderRead): string[] {
    const w: string[] = [];
    if (h.status === 'missing') w.push('It has no godebug-capture header line, so its title and GODEBUG setting are unknown.');
    if (h.status === 'damaged') w.push(`Its header line is damaged (${h.problem}); its title and GODEBUG setting may be wrong.`);
    if (h.status === 'foreign') w.push(`Its first line is a "${h.type}" record, not a godebug-capture header: it is not read as GODEBUG events.`);
    if (this.skipped > 0) {
      const long = this.overlong > 0 ? `, ${this.overlong} of them longer than ${MAX_CAPTURE_LINE_CHARS / 2 ** 20} MiB` : '';
      w.push(`${this.skipped} ${this.skipped === 1 ? 'line was' : 'lines were'} not valid trace events and skipped (the first at line ${this.firstBad}${long}).`);
    }
    if (this.capped) w.push(`Only the first ${this.maxEvents.toLocaleString('en-US')} events are shown: that is the most gopsy keeps for one session.`);
    if (h.status === 'ok') {
      if (h.header.truncated) w.push('The recording itself was cut short: the program printed more than gopsy keeps for one session.');
      if (!this.capped && this.skipped === 0 && h.header.count !== this.count) {
        w.push(`The header lists ${h.header.count} events but the file holds ${this.count}.`);
      }
    }
    return w;
  }
}

/** Parses a whole capture held in memory. */
export function parseCapture(text: string, maxEvents: number): CaptureRead {
  const p = new CaptureParser(maxEvents);
  p.push(text);
  return p.end();
}
