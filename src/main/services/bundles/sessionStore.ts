// A session's files behind one interface with two backends: a directory (the live session, in
// gopsy's storage) and a bundle (an opened .gopsy, read-only, read lazily). Views read artefacts
// through a store, so what works live also works on a bundle.
import { lstat, readdir, readFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { kindOf, type EntryKind } from '../../../core/bundle/kinds';
import { entryNameProblem } from '../../../core/bundle/entryName';
import { GopsyError } from '../../../shared/rpc';
import { resolveInside } from '../paths';
import type { BundleReader } from './bundleReader';

export interface StoreEntry {
  path: string;
  size: number;
  kind: EntryKind | string;
}

export interface SessionStore {
  readonly readOnly: boolean;
  list(): Promise<StoreEntry[]>;
  open(entryPath: string): Promise<Readable>;
  read(entryPath: string, maxBytes: number): Promise<Buffer>;
}

export class DirectoryStore implements SessionStore {
  readonly readOnly = false;
  constructor(readonly dir: string) {}

  /** Every plain file under the directory; links are skipped, never followed. */
  async list(): Promise<StoreEntry[]> {
    const out: StoreEntry[] = [];
    const walk = async (rel: string): Promise<void> => {
      const names = await readdir(path.join(this.dir, rel)).catch(() => [] as string[]);
      for (const name of names.sort()) {
        const r = rel ? `${rel}/${name}` : name;
        if (entryNameProblem(r)) continue; // a name a bundle could not carry
        const st = await lstat(path.join(this.dir, r));
        if (st.isDirectory()) await walk(r);
        else if (st.isFile() && !name.endsWith('.tmp')) out.push({ path: r, size: st.size, kind: kindOf(r) });
      }
    };
    await walk('');
    return out;
  }

  async open(entryPath: string): Promise<Readable> {
    return createReadStream(await resolveInside(this.dir, entryPath));
  }

  async read(entryPath: string, maxBytes: number): Promise<Buffer> {
    const abs = await resolveInside(this.dir, entryPath);
    const st = await lstat(abs);
    if (st.size > maxBytes) throw new GopsyError('too-large', `${entryPath} is ${st.size} bytes, more than ${maxBytes}.`);
    return readFile(abs);
  }
}

export class BundleStore implements SessionStore {
  readonly readOnly = true;
  constructor(readonly reader: BundleReader) {}

  async list(): Promise<StoreEntry[]> {
    return this.reader.entries.map((e) => ({ path: e.path, size: e.size, kind: e.kind }));
  }

  open(entryPath: string): Promise<Readable> {
    return this.reader.openEntry(entryPath);
  }

  read(entryPath: string, maxBytes: number): Promise<Buffer> {
    return this.reader.readEntry(entryPath, maxBytes);
  }
}
