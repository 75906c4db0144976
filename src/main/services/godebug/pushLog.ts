// What a trace session was given, kept as the text of each push, deflated in blocks (runtime traces
// shrink about tenfold), instead of the events parsed from it (five times the text for scheddetail
// lines): the same pushes through a new TraceStream give the same events again when they are asked for.
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** Text is deflated this much at a time (a millisecond or two at level 1). */
const BLOCK_BYTES = 256 * 1024;

export class PushLog {
  private readonly blocks: Buffer[] = [];
  /** Pushes not deflated yet. */
  private pending: string[] = [];
  private pendingBytes = 0;
  /** The UTF-8 length of each push, in order; a block holds whole pushes. */
  private lengths = new Uint32Array(64);
  /** How many pushes each block holds. */
  private readonly perBlock: number[] = [];
  private pushes = 0;
  private total = 0;
  private kept = 0;

  /** The text's UTF-8 size, and what keeping it takes. */
  get bytes(): { text: number; kept: number } {
    return { text: this.total, kept: this.kept + this.pendingBytes };
  }

  append(chunk: string): void {
    const bytes = Buffer.byteLength(chunk);
    if (this.pushes === this.lengths.length) {
      const grown = new Uint32Array(this.lengths.length * 2);
      grown.set(this.lengths);
      this.lengths = grown;
    }
    this.lengths[this.pushes++] = bytes;
    this.total += bytes;
    this.pending.push(chunk);
    this.pendingBytes += bytes;
    if (this.pendingBytes >= BLOCK_BYTES) this.seal();
  }

  /** The pushes again, as the strings they were (a UTF-8 decoder made them, so they round-trip). */
  *replay(): Generator<string> {
    let push = 0;
    for (let b = 0; b < this.blocks.length; b++) {
      const text = inflateRawSync(this.blocks[b]!);
      let at = 0;
      for (const end = push + this.perBlock[b]!; push < end; push++) {
        const n = this.lengths[push]!;
        yield text.toString('utf8', at, at + n);
        at += n;
      }
    }
    // Pushes of now: appended while this replay ran (a save while the program runs) are left for the next.
    for (const chunk of this.pending.slice(0, this.pushes - push)) yield chunk;
  }

  private seal(): void {
    const block = deflateRawSync(Buffer.from(this.pending.join(''), 'utf8'), { level: 1 });
    this.blocks.push(block);
    this.perBlock.push(this.pending.length);
    this.kept += block.length;
    this.pending = [];
    this.pendingBytes = 0;
  }
}
