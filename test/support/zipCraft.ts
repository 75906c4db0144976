// Writes zip files byte by byte, so tests can make the hostile bundles no zip library would write:
// climbing names, links, duplicates, sizes that lie, bombs. Format: PKWARE APPNOTE 4.3.7/4.3.12/4.3.16.
import { crc32, deflateRawSync } from 'node:zlib';
import { createHash } from 'node:crypto';

export interface CraftEntry {
  name: string;
  data: Buffer;
  /** 8 = deflate (default), 0 = stored. */
  method?: 0 | 8;
  /** Uncompressed size written in the headers, when it should lie. */
  declaredSize?: number;
  /** Unix mode in the external attributes (0o100644 by default; 0o120777 makes a symlink). */
  mode?: number;
}

export function craftZip(entries: CraftEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const body = method === 8 ? deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? e.data.length;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6); // names are UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((e.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A manifest.json that matches the given files exactly (override fields to make it lie). */
export function manifestFor(files: { name: string; data: Buffer }[], over: Record<string, unknown> = {}): Buffer {
  return Buffer.from(
    JSON.stringify({
      format: 'gopsy-bundle',
      formatVersion: 1,
      writer: { name: 'gopsy', version: '0.1.0' },
      createdAt: '2025-01-02T03:04:05.000Z',
      project: { name: 'crafted' },
      toolchain: null,
      redactions: [],
      entries: files.map((f) => ({ path: f.name, size: f.data.length, sha256: sha256(f.data), kind: 'other' })),
      ...over,
    }),
  );
}

/** A well-formed bundle of these files (then tests break one thing). */
export function craftBundle(files: { name: string; data: Buffer }[], over: Record<string, unknown> = {}): Buffer {
  return craftZip([...files, { name: 'manifest.json', data: manifestFor(files, over) }]);
}
