// Debug Adapter Protocol wire format: `Content-Length: N\r\n\r\n` then N bytes of UTF-8 JSON.
// The reader accepts bytes in arbitrary chunks (TCP splits anywhere, even inside a character or a
// header) and recovers from garbage by skipping to the next `Content-Length:` header.

const HEADER_END = [13, 10, 13, 10]; // \r\n\r\n
/** Refuse bodies larger than this: a corrupt length must not make us buffer forever. */
export const MAX_DAP_BODY_BYTES = 64 * 1024 * 1024;
/** A header block longer than this is garbage. */
const MAX_HEADER_BYTES = 1024;

export type DapFrame = { ok: true; message: unknown } | { ok: false; error: string };

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeDapMessage(message: unknown): Uint8Array {
  const body = encoder.encode(JSON.stringify(message));
  const header = encoder.encode(`Content-Length: ${body.length}\r\n\r\n`);
  const out = new Uint8Array(header.length + body.length);
  out.set(header, 0);
  out.set(body, header.length);
  return out;
}

function indexOf(buf: Uint8Array, pattern: number[], from = 0): number {
  outer: for (let i = from; i <= buf.length - pattern.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (buf[i + j] !== pattern[j]) continue outer;
    return i;
  }
  return -1;
}

const isBlank = (bytes: Uint8Array) => bytes.every((b) => b === 13 || b === 10 || b === 32);

const CONTENT_LENGTH = Array.from(encoder.encode('Content-Length:'));

export class DapFrameReader {
  private buf = new Uint8Array(0);

  /** Adds bytes; returns every complete frame they finish, in order. */
  push(chunk: Uint8Array): DapFrame[] {
    const merged = new Uint8Array(this.buf.length + chunk.length);
    merged.set(this.buf, 0);
    merged.set(chunk, this.buf.length);
    this.buf = merged;
    const frames: DapFrame[] = [];
    for (;;) {
      const frame = this.next();
      if (!frame) break;
      frames.push(frame);
    }
    return frames;
  }

  /** Bytes held back waiting for the rest of a frame. */
  get pending(): number {
    return this.buf.length;
  }

  private next(): DapFrame | null {
    const start = indexOf(this.buf, CONTENT_LENGTH);
    if (start < 0) {
      // Keep a tail that could be the beginning of a header split across chunks.
      const keep = Math.min(this.buf.length, CONTENT_LENGTH.length - 1);
      const garbage = this.buf.slice(0, this.buf.length - keep);
      this.buf = this.buf.slice(this.buf.length - keep);
      return isBlank(garbage) ? null : { ok: false, error: `skipped ${garbage.length} bytes that are not a DAP frame` };
    }
    if (start > 0) {
      const garbage = this.buf.slice(0, start);
      this.buf = this.buf.slice(start);
      if (!isBlank(garbage)) return { ok: false, error: `skipped ${garbage.length} bytes before a DAP header` };
    }
    const end = indexOf(this.buf, HEADER_END);
    if (end < 0) {
      if (this.buf.length > MAX_HEADER_BYTES) return this.skipHeader('a DAP header without its end');
      return null;
    }
    const header = new TextDecoder().decode(this.buf.slice(0, end));
    const m = /^Content-Length:\s*(\d+)\s*$/im.exec(header);
    if (!m) return this.skipHeader('a DAP header without a valid Content-Length');
    const length = Number(m[1]);
    if (length > MAX_DAP_BODY_BYTES) return this.skipHeader(`a DAP body of ${length} bytes (over the limit)`);
    const bodyStart = end + HEADER_END.length;
    if (this.buf.length < bodyStart + length) return null;
    const body = this.buf.slice(bodyStart, bodyStart + length);
    this.buf = this.buf.slice(bodyStart + length);
    try {
      return { ok: true, message: JSON.parse(decoder.decode(body)) };
    } catch (err) {
      return { ok: false, error: `a DAP body that is not UTF-8 JSON: ${(err as Error).message}` };
    }
  }

  /** Drops the current header so parsing resumes at the next one. */
  private skipHeader(why: string): DapFrame {
    this.buf = this.buf.slice(CONTENT_LENGTH.length);
    return { ok: false, error: `skipped ${why}` };
  }
}
