// One logopt file's lines read back from disk when a view asks for an escape flow: a loaded run keeps
// each file's line offsets (4 bytes a line) instead of its bytes (a large module's run has hundreds of MB).
import { closeSync, openSync, readSync } from 'node:fs';
import { GopsyError } from '../../../shared/rpc';
import type { LineSource } from '../../../core/remarks';

export class DiskLines implements LineSource {
  private readonly starts: Uint32Array;
  private readonly size: number;

  /** `bytes` are the file's bytes as read at load; only their line offsets are kept. */
  constructor(
    private readonly file: string,
    bytes: Uint8Array,
  ) {
    let n = 1;
    for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) n++;
    const starts = new Uint32Array(n);
    let k = 1;
    for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) starts[k++] = i + 1;
    this.starts = starts;
    this.size = bytes.length;
  }

  /** Files past 4 GiB cannot be indexed with 32-bit offsets (no logopt file comes near). */
  static fits(bytes: Uint8Array): boolean {
    return bytes.length < 2 ** 32;
  }

  line(index: number): string {
    const start = this.starts[index];
    if (start === undefined) return '';
    const end = index + 1 < this.starts.length ? this.starts[index + 1]! - 1 : this.size;
    const buf = Buffer.alloc(Math.max(0, end - start));
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch {
      throw new GopsyError('no-run', `The run's remark files are gone (${this.file}); load the run again.`);
    }
    try {
      readSync(fd, buf, 0, buf.length, start);
    } finally {
      closeSync(fd);
    }
    return buf.toString('utf8');
  }
}
