// Parses the net/http HTTP/2 debug log (GODEBUG=http2debug=1|2). Lines go through log.Printf, so a
// program's own log settings decide the prefix; we accept an optional "YYYY/MM/DD HH:MM:SS[.frac] ".
import type { Http2Event } from '../../shared/godebug';

const PREFIX_RE = /^(\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? )?http2: (.*)$/;
export const HTTP2_START_RE = /(?:\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? )?http2: /;
const FRAMER_RE = /^Framer (0x[0-9a-f]+): (read|wrote) (.*)$/;
const SERVER_FRAME_RE = /^server read frame (.*)$/;
const TRANSPORT_FRAME_RE = /^Transport received (.*)$/;
const CLIENT_CONN_RE = /client conn (0x[0-9a-f]+)/;
/** Frame summary: "TYPE [flags=A|B] [stream=N] len=N ..." (x/net/http2 frame.go summarizeFrame). */
const FRAME_RE = /^([A-Z_]+)(?: flags=([A-Z_|]+))?(?: stream=(\d+))? len=(\d+)/;

function frameFields(ev: Http2Event, summary: string): void {
  const f = FRAME_RE.exec(summary);
  if (!f) return;
  ev.frameType = f[1]!;
  if (f[2]) ev.flags = f[2].split('|');
  if (f[3]) ev.stream = Number(f[3]);
  ev.length = Number(f[4]);
  if (ev.stream === undefined && ev.frameType !== 'SETTINGS' && ev.frameType !== 'PING' && ev.frameType !== 'GOAWAY' && /\(conn\)/.test(summary)) {
    ev.stream = 0; // connection-level WINDOW_UPDATE
  }
}

export function parseHttp2Line(line: string, seq: number): Http2Event | null {
  const m = PREFIX_RE.exec(line);
  if (!m) return null;
  const message = m[2]!;
  const ev: Http2Event = { kind: 'http2', seq, actor: 'other', message };
  if (m[1]) ev.time = m[1].trim();
  let fm: RegExpExecArray | null;
  if ((fm = FRAMER_RE.exec(message))) {
    ev.actor = 'framer';
    ev.conn = fm[1]!;
    ev.direction = fm[2] as 'read' | 'wrote';
    frameFields(ev, fm[3]!);
  } else if ((fm = SERVER_FRAME_RE.exec(message))) {
    ev.actor = 'server';
    ev.direction = 'read';
    frameFields(ev, fm[1]!);
  } else if ((fm = TRANSPORT_FRAME_RE.exec(message))) {
    ev.actor = 'transport';
    ev.direction = 'read';
    frameFields(ev, fm[1]!);
  } else if (message.startsWith('decoded hpack field')) {
    ev.actor = 'hpack';
  } else if (message.startsWith('Transport')) {
    ev.actor = 'transport';
    const c = CLIENT_CONN_RE.exec(message);
    if (c) ev.conn = c[1]!;
  } else if (message.startsWith('server')) {
    ev.actor = 'server';
  }
  return ev;
}
