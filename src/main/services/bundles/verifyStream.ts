// A pass-through that hashes and counts what flows and fails the stream at its end when the bytes
// are not what the manifest promised: a damaged or tampered entry never reads as good.
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

export class HashCounter extends Transform {
  private readonly hash = createHash('sha256');
  bytes = 0;

  constructor(private readonly expect?: { path: string; size: number; sha256: string }) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.expect && this.bytes > this.expect.size) {
      cb(new Error(`${this.expect.path} is larger than the ${this.expect.size} bytes the manifest lists.`));
      return;
    }
    this.hash.update(chunk);
    cb(null, chunk);
  }

  override _flush(cb: TransformCallback): void {
    this.digest = this.hash.digest('hex');
    const e = this.expect;
    if (e && this.bytes !== e.size) cb(new Error(`${e.path} has ${this.bytes} bytes, the manifest lists ${e.size}.`));
    else if (e && this.digest !== e.sha256) cb(new Error(`${e.path} is damaged: its sha256 does not match the manifest.`));
    else cb();
  }

  /** Set once the stream has ended. */
  digest = '';
}
