// Applies the redaction rules to a text stream line by line, so large transcripts and logs are
// redacted while they stream into the bundle, without holding them in memory.
import { Transform, type TransformCallback } from 'node:stream';
import { mayNeedRedaction, mergeHits, redactLine, type RedactionHit } from '../../../core/bundle/redact';

/**
 * A "line" longer than this (minified JSON, ssa.html writes whole tables on one line) is cut here
 * for the regexes' sake; a secret that straddles such a cut is not seen.
 */
const MAX_LINE = 1 << 20;
const NL = 0x0a;

/** Where the UTF-8 character that contains byte i starts (continuation bytes are 10xxxxxx). */
function charStart(buf: Buffer, i: number): number {
  while (i > 0 && (buf[i]! & 0xc0) === 0x80) i--;
  return i;
}

export class LineRedactor extends Transform {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  hits: RedactionHit[] = [];

  // Works on bytes: a newline byte is never inside a UTF-8 sequence, so complete lines are whole
  // text, and text with nothing to redact goes on as the very bytes that came in.
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    const nl = chunk.lastIndexOf(NL);
    if (nl === -1) {
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
      if (this.pendingBytes <= MAX_LINE) return cb();
      // The line has grown past the cap: pass on all but the last (maybe incomplete) character.
      const all = Buffer.concat(this.pending);
      const cut = charStart(all, all.length - 1);
      this.pending = [all.subarray(cut)];
      this.pendingBytes = all.length - cut;
      return cb(null, this.redact(all.subarray(0, cut)));
    }
    const complete = this.pending.length ? Buffer.concat([...this.pending, chunk.subarray(0, nl + 1)]) : chunk.subarray(0, nl + 1);
    this.pending = nl + 1 < chunk.length ? [chunk.subarray(nl + 1)] : [];
    this.pendingBytes = chunk.length - nl - 1;
    cb(null, this.redact(complete));
  }

  override _flush(cb: TransformCallback): void {
    const rest = Buffer.concat(this.pending);
    cb(null, rest.length ? this.redact(rest) : undefined);
  }

  private redact(bytes: Buffer): Buffer {
    // The words and "://" looked for are ASCII: a Latin-1 view finds them without decoding UTF-8.
    if (!mayNeedRedaction(bytes.toString('latin1'))) return bytes;
    const r = redactText(bytes.toString('utf8'));
    if (!r.hits.length) return bytes;
    this.hits = mergeHits(this.hits, r.hits);
    return Buffer.from(r.text, 'utf8');
  }
}

/** Redacts a whole text, line by line (for small texts and for the lines of a stream). */
export function redactText(text: string): { text: string; hits: RedactionHit[] } {
  let hits: RedactionHit[] = [];
  const out = text
    .split('\n')
    .map((l) => {
      const r = redactLine(l);
      if (r.hits.length) hits = mergeHits(hits, r.hits);
      return r.text;
    })
    .join('\n');
  return { text: out, hits };
}
