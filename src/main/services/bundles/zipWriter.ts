// A streaming zip writer made for bundles: each entry's bytes are hashed (sha256) and CRC-32'd once per
// block with native code, and deflated in blocks on the libuv threadpool (several blocks of a large
// entry at once, so both cores work), then written in order. Each block's deflate stream ends with a
// sync flush and is primed with the previous 32 KiB as its dictionary (as pigz does), so the blocks
// concatenate into one ordinary deflate stream of the same size a single pass gives. Memory stays
// bounded: at most MAX_IN_FLIGHT blocks are held at a time.
//
// Format (PKWARE APPNOTE 6.3): local header with the data-descriptor flag (sizes and CRC follow the
// data), UTF-8 names, deflate or stored; central directory with Unix modes; ZIP64 end records when
// offsets or the entry count need them. An entry is at most 4 GiB - 2 bytes, or the caller's cap.
// The last entry can be taken back (discardLast) and written again, e.g. stored instead of deflated.
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import zlib from 'node:zlib';
import { promisify } from 'node:util';

const deflateRaw = promisify(zlib.deflateRaw) as (buf: Buffer, opts: zlib.ZlibOptions) => Promise<Buffer>;

/** Block size for deflate jobs: big enough that per-job overhead vanishes, small enough to spread. */
export const BLOCK = 1 << 20;
/** Blocks deflating at once (libuv's threadpool has 4 threads by default). */
const MAX_IN_FLIGHT = 4;
const WINDOW = 32 * 1024;
/** A final, empty fixed-Huffman block: ends a deflate stream whose blocks all ended in a sync flush. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);
const U32 = 0xffffffff;
const MAX_ENTRY = U32 - 1;

export interface ZipEntryResult {
  size: number;
  /** Bytes of the entry's data in the zip (deflated, or the same as size when stored). */
  compressedSize: number;
  sha256: string;
}

/** An entry grew past its cap (ZipEntryOptions.maxSize); the entry is abandoned. */
export class EntryTooLarge extends Error {}

export interface ZipEntryOptions {
  mtime: Date;
  mode: number;
  /** Stored entries are copied as they are (for data that would deflate beyond what readers accept). */
  method?: 'deflate' | 'store';
  /** Refuse the entry once it grows past this many bytes (default: the format's 4 GiB - 2). */
  maxSize?: number;
}

interface Written {
  name: Buffer;
  method: number;
  crc: number;
  csize: number;
  size: number;
  offset: number;
  time: number;
  date: number;
  mode: number;
}

function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getFullYear());
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export class ZipWriter {
  private offset = 0;
  private readonly entries: Written[] = [];
  /** Writes to the file, one after another; the first failure (disk full) is kept and reported. */
  private writing: Promise<void> = Promise.resolve();
  private failed: { error: unknown } | null = null;

  constructor(private readonly fh: FileHandle) {}

  /** Queues bytes at the current end; the promise (never rejecting) settles once they are written. */
  private write(buf: Buffer): Promise<void> {
    const at = this.offset;
    this.offset += buf.length;
    this.writing = this.writing.then(async () => {
      if (this.failed) return;
      try {
        await writeAll(this.fh, buf, at);
      } catch (error) {
        this.failed = { error };
      }
    });
    return this.writing;
  }

  /** True once a write to the file failed (as opposed to reading an entry's source). */
  get writeFailed(): boolean {
    return this.failed !== null;
  }

  private async written(): Promise<void> {
    await this.writing;
    if (this.failed) throw this.failed.error;
  }

  /**
   * Adds one entry from a stream of chunks (any sizes), deflated unless opts.method is 'store'.
   * Resolves once its bytes are queued for writing, with the size and sha256 of what went in.
   */
  async add(name: string, chunks: AsyncIterable<Buffer> | Iterable<Buffer>, opts: ZipEntryOptions): Promise<ZipEntryResult> {
    const method = opts.method === 'store' ? 0 : 8;
    const maxSize = Math.min(opts.maxSize ?? MAX_ENTRY, MAX_ENTRY);
    const nameBytes = Buffer.from(name, 'utf8');
    const { time, date } = dosDateTime(opts.mtime);
    const start = this.offset;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate, data descriptor)
    local.writeUInt16LE(0x0808, 6); // bit 3: sizes in the data descriptor; bit 11: UTF-8 name
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    // crc, sizes: 0 here, in the data descriptor and the central directory
    local.writeUInt16LE(nameBytes.length, 26);
    void this.write(Buffer.concat([local, nameBytes]));

    const hash = createHash('sha256');
    let crc = 0;
    let size = 0;
    let csize = 0;
    let prevTail: Buffer | null = null;
    const inFlight: Array<Promise<Buffer>> = [];
    const drainOne = async () => {
      const out = await inFlight.shift()!;
      csize += out.length;
      void this.write(out);
      await this.written(); // back-pressure: never more than the blocks in flight in memory
    };
    const submit = async (block: Buffer) => {
      hash.update(block);
      crc = zlib.crc32(block, crc);
      size += block.length;
      if (size > maxSize) throw new EntryTooLarge(`${name} is larger than the ${formatCap(maxSize)} a bundle entry may hold.`);
      if (method === 0) {
        csize += block.length;
        void this.write(block);
        await this.written();
        return;
      }
      const dictionary = prevTail ?? undefined;
      const job = deflateRaw(block, { level: 6, finishFlush: zlib.constants.Z_SYNC_FLUSH, ...(dictionary ? { dictionary } : {}) });
      job.catch(() => {}); // awaited in order below; an entry abandoned half-way must not leave it unhandled
      inFlight.push(job);
      // The next block's dictionary: a copy, so the source buffer may be reused or dropped.
      prevTail = Buffer.from(block.subarray(Math.max(0, block.length - WINDOW)));
      if (inFlight.length >= MAX_IN_FLIGHT) await drainOne();
    };

    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for await (const chunk of chunks) {
      // Whole blocks go as they are (no copy); small pieces are gathered into one.
      if (pendingBytes === 0 && chunk.length >= BLOCK) {
        await submit(chunk);
        continue;
      }
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= BLOCK) {
        await submit(Buffer.concat(pending, pendingBytes));
        pending = [];
        pendingBytes = 0;
      }
    }
    if (pendingBytes > 0) await submit(pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes));
    while (inFlight.length) await drainOne();
    if (method === 8) {
      csize += FINAL_BLOCK.length;
      void this.write(FINAL_BLOCK);
    }

    const desc = Buffer.alloc(16);
    desc.writeUInt32LE(0x08074b50, 0);
    desc.writeUInt32LE(crc >>> 0, 4);
    desc.writeUInt32LE(csize, 8);
    desc.writeUInt32LE(size, 12);
    void this.write(desc);
    await this.written();
    this.entries.push({ name: nameBytes, method, crc: crc >>> 0, csize, size, offset: start, time, date, mode: opts.mode });
    return { size, compressedSize: csize, sha256: hash.digest('hex') };
  }

  /** Takes the last entry back: the next one is written where it began (end() trims what is left). */
  async discardLast(): Promise<void> {
    await this.written();
    const last = this.entries.pop();
    if (last) this.offset = last.offset;
  }

  /** Writes the central directory and the end records; resolves when every byte is written. */
  async end(): Promise<number> {
    const cdStart = this.offset;
    const parts: Buffer[] = [];
    for (const e of this.entries) {
      const bigOffset = e.offset >= U32;
      const extra = bigOffset ? Buffer.alloc(12) : Buffer.alloc(0);
      if (bigOffset) {
        extra.writeUInt16LE(0x0001, 0); // ZIP64 extended information
        extra.writeUInt16LE(8, 2);
        extra.writeBigUInt64LE(BigInt(e.offset), 4);
      }
      const r = Buffer.alloc(46);
      r.writeUInt32LE(0x02014b50, 0);
      r.writeUInt16LE((3 << 8) | 45, 4); // made by Unix, spec 4.5
      r.writeUInt16LE(bigOffset ? 45 : 20, 6);
      r.writeUInt16LE(0x0808, 8);
      r.writeUInt16LE(e.method, 10);
      r.writeUInt16LE(e.time, 12);
      r.writeUInt16LE(e.date, 14);
      r.writeUInt32LE(e.crc, 16);
      r.writeUInt32LE(e.csize, 20);
      r.writeUInt32LE(e.size, 24);
      r.writeUInt16LE(e.name.length, 28);
      r.writeUInt16LE(extra.length, 30);
      // comment length, disk, internal attributes: 0
      r.writeUInt32LE((e.mode << 16) >>> 0, 38);
      r.writeUInt32LE(bigOffset ? U32 : e.offset, 42);
      parts.push(r, e.name, extra);
    }
    const cd = Buffer.concat(parts);
    void this.write(cd);
    const cdSize = cd.length;
    const count = this.entries.length;
    const zip64 = cdStart >= U32 || cdSize >= U32 || count >= 0xffff;
    if (zip64) {
      const eocd64At = this.offset;
      const r = Buffer.alloc(56);
      r.writeUInt32LE(0x06064b50, 0);
      r.writeBigUInt64LE(44n, 4);
      r.writeUInt16LE((3 << 8) | 45, 12);
      r.writeUInt16LE(45, 14);
      r.writeBigUInt64LE(BigInt(count), 24);
      r.writeBigUInt64LE(BigInt(count), 32);
      r.writeBigUInt64LE(BigInt(cdSize), 40);
      r.writeBigUInt64LE(BigInt(cdStart), 48);
      const loc = Buffer.alloc(20);
      loc.writeUInt32LE(0x07064b50, 0);
      loc.writeBigUInt64LE(BigInt(eocd64At), 8);
      loc.writeUInt32LE(1, 16);
      void this.write(Buffer.concat([r, loc]));
    }
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(zip64 ? 0xffff : count, 8);
    eocd.writeUInt16LE(zip64 ? 0xffff : count, 10);
    eocd.writeUInt32LE(zip64 ? U32 : cdSize, 12);
    eocd.writeUInt32LE(zip64 ? U32 : cdStart, 16);
    void this.write(eocd);
    await this.written();
    // A discarded entry may have reached further than what replaced it.
    await this.fh.truncate(this.offset);
    return this.offset;
  }
}

function formatCap(bytes: number): string {
  return bytes >= 2 ** 30 ? `${+(bytes / 2 ** 30).toFixed(1)} GiB` : `${bytes} bytes`;
}

/** FileHandle.write may write fewer bytes than asked (a disk filling up): write the rest, or fail. */
export async function writeAll(fh: FileHandle, buf: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < buf.length) {
    const { bytesWritten } = await fh.write(buf, done, buf.length - done, position + done);
    if (bytesWritten <= 0) throw new Error(`short write: ${done} of ${buf.length} bytes at ${position}`);
    done += bytesWritten;
  }
}
