// Turns one line of a session's output into events: a trace record when it is one, program output
// otherwise. Nothing is dropped: a line that is not a trace record comes back whole as 'output', and
// a trace record glued after program output (stderr and stdout interleaved) is split in two.
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

/** Classifies one line (without its newline). Always returns at least one event. */
export function classifyLine(raw: string, seq: number): TraceEvent[] {
  const line = stripAnsi(raw);
  const rec = parseRecord(line, seq);
  if (rec) return [rec];
  const m = ANY_START_RE.exec(line);
  if (m && m.index > 0) {
    const tail = parseRecord(line.slice(m.index), seq);
    if (tail) return [{ kind: 'output', seq, text: line.slice(0, m.index) }, tail];
  }
  return [{ kind: 'output', seq, text: line }];
}
