// Turns one line of a session's output into events: a trace record when it is one, program output
// otherwise. Nothing is dropped: a line that is not a trace record comes back whole as 'output', and
// a trace record glued after program output (stderr and stdout interleaved) is split in two, and a
// record with program output inside it is mended from two lines (mendSplitRecord).
import type { TraceEvent } from '../../shared/godebug';
import { parseGcLine, isPacerLine } from './gctrace';
import { parseScavLine } from './scavtrace';
import { parseSchedDetailLine, parseSchedLine } from './schedtrace';
import { parseInitLine } from './inittrace';
import { parseHttp2Line } from './http2debug';

/** CSI and OSC escape sequences (colours, titles) that a terminal program may print. */
// eslint-disable-next-line no-control-regex
const ANSI_RE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;
/** Any trace record's beginning, used to find one inside a longer line. */
const ANY_START_RE = /gc \d+ @\d|scav \d+ KiB work|SCHED \d+ms: |init \S+ @\d[\d.]* ms, |(?:\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(?:\.\d+)? )?http2: /;

export function stripAnsi(s: string): string {
  return s.includes('\x1b') ? s.replace(ANSI_RE, '') : s;
}

/** Tries the parser that fits the line's first character; null when it is not a trace record. */
function parseRecord(line: string, seq: number): TraceEvent | null {
  switch (line.charCodeAt(0)) {
    case 103: // g
      return parseGcLine(line, seq);
    case 112: // p
      return isPacerLine(line) ? { kind: 'pacer', seq, text: line.slice(7) } : null;
    case 115: // s
      return parseScavLine(line, seq);
    case 83: // S
      return parseSchedLine(line, seq);
    case 32: // space: scheddetail P/M/G lines
      return parseSchedDetailLine(line, seq);
    case 105: // i
      return parseInitLine(line, seq);
    default:
      return line.includes('http2: ') ? parseHttp2Line(line, seq) : null;
  }
}

/** Where a trace record begins in a line (ANSI stripped), or -1. */
export function recordStart(line: string): number {
  const m = ANY_START_RE.exec(line);
  return m ? m.index : -1;
}

/** A record is a few hundred characters: mending looks no further than this for where it was cut. */
const MAX_RECORD_HEAD = 1024;
/** ...and a record's tail longer than this is not one. */
const MAX_RECORD_TAIL = 1024;

/**
 * The runtime prints a trace record in many small writes (one per printed value, and the newline on
 * its own), so a program's own output can land inside it. One line then holds the record's head and
 * the program's line, and the next line holds the record's tail:
 *
 *   gc 118 @1.518s 24%: ... 2 P (forced)done: 3039 live blocks
 *   (empty: the runtime's newline)
 *
 * Given such a line (`held`, ANSI stripped, with a record start that did not parse) and the line after
 * it, finds the cut k where the program's text begins, so that held[start..k] + next is a record.
 * Returns the events (output before the record, the record, the program's text), all with `seq`,
 * or null when no cut gives a record.
 */
export function mendSplitRecord(held: string, next: string, seq: number): TraceEvent[] | null {
  const start = recordStart(held);
  const tail = stripAnsi(next);
  if (start < 0 || tail.length > MAX_RECORD_TAIL) return null;
  const last = Math.min(held.length, start + MAX_RECORD_HEAD);
  // Longest head first: the program's text is usually a whole line inserted before the newline.
  for (let k = last; k > start; k--) {
    const rec = parseRecord(held.slice(start, k) + tail, seq);
    if (!rec) continue;
    const out: TraceEvent[] = [];
    if (start > 0) out.push({ kind: 'output', seq, text: held.slice(0, start) });
    out.push(rec);
    if (k < held.length) out.push({ kind: 'output', seq, text: held.slice(k) });
    return out;
  }
  return null;
}

/** Classifies one line (without its newline). Always returns at least one event. */
export function classifyLine(raw: string, seq: number): TraceEvent[] {
  const line = stripAnsi(raw);
  const rec = parseRecord(line, seq);
  if (rec) return [rec];
  const start = recordStart(line);
  if (start > 0) {
    const tail = parseRecord(line.slice(start), seq);
    if (tail) return [{ kind: 'output', seq, text: line.slice(0, start) }, tail];
  }
  return [{ kind: 'output', seq, text: line }];
}
