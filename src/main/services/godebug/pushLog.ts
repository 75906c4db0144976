// What a trace session was given, kept as the UTF-8 bytes of each push (about the size of the program's
// output) instead of the events parsed from it (five times that for scheddetail lines): the same pushes
// through a new TraceStream give the same events again, when a view or the session file asks.

/** The first block; later ones double up to MAX_BLOCK, so a quiet console keeps little. */
const FIRST_BLOCK = 16 * 1024;
const MAX_BLOCK = 1024 * 1024;

export class PushLog {
  private readonly blocks: Buffer[] = [];
  /** Bytes used in the last block. */
  private used = 0;
  /** The byte length of each push, in order. */
  private lengths = new Uint32Array(64);
  private pushes = 0;
  private total = 0;

  get bytes(): number {
    return this.total;
  }

  append(chunk: string): void {
    let bytes = Buffer.byteLength(chunk);
    if (this.pushes === this.lengths.length) {
      const grown = new Uint32Array(this.lengths.length * 2);
      grown.set(this.lengths);
      this.lengths = grown;
    }
    this.lengths[this.pushes++] = bytes;
    this.total += bytes;
    const data = Buffer.from(chunk, 'utf8');
    let from = 0;
    while (bytes > 0) {
      let last = this.blocks.at(-1);
      if (!last || this.used === last.length) {
        last = Buffer.allocUnsafe(Math.min(MAX_BLOCK, Math.max(FIRST_BLOCK, (last?.length ?? 0) * 2)));
        this.blocks.push(last);
        this.used = 0;
      }
      const n = Math.min(bytes, last.length - this.used);
      data.copy(last, this.used, from, from + n);
      this.used += n;
      from += n;
      bytes -= n;
    }
  }

  /** The pushes again, as the strings they were (a UTF-8 decoder gave them, so they round-trip). */
  *replay(): Generator<string> {
    let block = 0;
    let at = 0;
    for (let i = 0; i < this.pushes; i++) {
      let want = this.lengths[i]!;
      const parts: Buffer[] = [];
      while (want > 0) {
        const b = this.blocks[block]!;
        const n = Math.min(want, b.length - at);
        parts.push(b.subarray(at, at + n));
        at += n;
        want -= n;
        if (at === b.length) {
          block++;
          at = 0;
        }
      }
      yield parts.length === 1 ? parts[0]!.toString('utf8') : Buffer.concat(parts).toString('utf8');
    }
  }
}
