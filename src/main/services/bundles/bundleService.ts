// The bundles open in this backend (read-only replays), shared by every window, and their summaries.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { BundleSummary, EntryText } from '../../../shared/contract/bundle';
import { NotesFile } from '../../../shared/contract/bundle';
import { MAX_TEXT_VIEW_BYTES } from '../../../core/bundle/limits';
import { GopsyError } from '../../../shared/rpc';
import { BundleReader, BundleError } from './bundleReader';
import { BundleStore } from './sessionStore';

const MAX_OPEN = 8;

interface OpenBundle {
  id: string;
  reader: BundleReader;
  store: BundleStore;
  summary: BundleSummary;
}

export class BundleService {
  private readonly open = new Map<string, OpenBundle>();
  private lastId: string | null = null;
  private readonly closeListeners = new Set<(id: string) => Promise<void>>();
  private readonly cleanups = new Set<Promise<void>>();

  /** Told when a bundle closes (explicitly, evicted, or at quit), to drop what was derived from it. */
  onClosed(listener: (id: string) => Promise<void>): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Resolves when the close listeners' work under way is done (quit waits for it). */
  async settled(): Promise<void> {
    await Promise.all([...this.cleanups]);
  }

  async openFile(file: string): Promise<BundleSummary> {
    if (!path.isAbsolute(file)) throw new BundleError(`Give the bundle's full path (got ${file}).`);
    const reader = await BundleReader.open(file);
    const id = randomBytes(6).toString('hex');
    const store = new BundleStore(reader);
    const summary = await summarise(id, reader);
    this.open.set(id, { id, reader, store, summary });
    this.lastId = id;
    // Keep a handful open; the oldest goes first.
    while (this.open.size > MAX_OPEN) this.close(this.open.keys().next().value!);
    return summary;
  }

  /** The bundles open now: their files and readers (storage keeps what they use). */
  openBundles(): Array<{ id: string; file: string; reader: BundleReader }> {
    return [...this.open.values()].map((b) => ({ id: b.id, file: b.reader.file, reader: b.reader }));
  }

  get current(): BundleSummary | null {
    return (this.lastId && this.open.get(this.lastId)?.summary) || null;
  }

  summary(id: string): BundleSummary {
    const b = this.open.get(id);
    if (!b) throw new GopsyError('not-open', 'That bundle is not open any more; open it again.');
    return b.summary;
  }

  store(id: string): BundleStore {
    const b = this.open.get(id);
    if (!b) throw new GopsyError('not-open', 'That bundle is not open any more; open it again.');
    return b.store;
  }

  async readText(id: string, entryPath: string): Promise<EntryText> {
    const b = this.open.get(id);
    if (!b) throw new GopsyError('not-open', 'That bundle is not open any more; open it again.');
    const meta = b.reader.entries.find((e) => e.path === entryPath);
    if (!meta) throw new GopsyError('not-found', `${entryPath} is not in this bundle.`);
    const bytes = await b.reader.readEntry(entryPath, MAX_TEXT_VIEW_BYTES);
    if (bytes.includes(0)) throw new GopsyError('binary', `${entryPath} is a binary file; it is not shown as text.`);
    return { path: entryPath, kind: meta.kind, text: bytes.toString('utf8'), size: meta.size };
  }

  close(id: string): void {
    const b = this.open.get(id);
    if (!b) return;
    b.reader.close();
    this.open.delete(id);
    if (this.lastId === id) this.lastId = null;
    for (const l of this.closeListeners) {
      const p = l(id)
        .catch(() => {})
        .finally(() => this.cleanups.delete(p));
      this.cleanups.add(p);
    }
  }

  closeAll(): void {
    for (const id of [...this.open.keys()]) this.close(id);
  }
}

async function summarise(id: string, reader: BundleReader): Promise<BundleSummary> {
  const m = reader.manifest;
  const kinds = new Map<string, { kind: string; count: number; bytes: number }>();
  for (const e of m.entries) {
    const k = kinds.get(e.kind) ?? { kind: e.kind, count: 0, bytes: 0 };
    k.count++;
    k.bytes += e.size;
    kinds.set(e.kind, k);
  }
  let notes: NotesFile | null = null;
  if (reader.has('notes.json')) {
    // A damaged notes.json hides the notes, not the bundle.
    try {
      const r = NotesFile.safeParse(JSON.parse((await reader.readEntry('notes.json', 16 * 2 ** 20)).toString('utf8')));
      if (r.success) notes = r.data;
    } catch {
      notes = null;
    }
  }
  return {
    id,
    file: reader.file,
    fileSize: reader.fileSize,
    formatVersion: m.formatVersion,
    writer: `${m.writer.name} ${m.writer.version}`,
    createdAt: m.createdAt,
    project: m.project,
    toolchain: m.toolchain,
    kinds: [...kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind)),
    redactions: m.redactions,
    entries: m.entries.map((e) => ({ path: e.path, size: e.size, kind: e.kind, sha256: e.sha256 })),
    notes,
  };
}
