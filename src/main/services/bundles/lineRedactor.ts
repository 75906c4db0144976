// Applies the redaction rules to a text stream line by line, so large transcripts and logs are
// redacted while they stream into the bundle, without holding them in memory.
import { StringDecoder } from 'node:string_decoder';
import { Transform, type TransformCallback } from 'node:stream';
import { mergeHits, redactLine, type RedactionHit } from '../../../core/bundle/redact';

/** Longer "lines" (minified JSON, a trace on one line) are cut here for the regexes' sake. */
const MAX_LINE = 1 << 20;

export class LineRedactor extends Transform {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  hits: RedactionHit[] = [];

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.pending += this.decoder.write(chunk);
    let out = '';
    let nl: number;
    while ((nl = this.pending.indexOf('\n')) !== -1 || this.pending.length > MAX_LINE) {
      const end = nl === -1 ? MAX_LINE : nl + 1;
      out += this.line(this.pending.slice(0, end));
      this.pending = this.pending.slice(end);
    }
    cb(null, out ? Buffer.from(out, 'utf8') : undefined);
  }

  override _flush(cb: TransformCallback): void {
    const rest = this.pending + this.decoder.end();
    cb(null, rest ? Buffer.from(this.line(rest), 'utf8') : undefined);
  }

  private line(s: string): string {
    const r = redactLine(s);
    if (r.hits.length) this.hits = mergeHits(this.hits, r.hits);
    return r.text;
  }
}

/** Redacts a whole text (for the preview's count and for small files). */
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
