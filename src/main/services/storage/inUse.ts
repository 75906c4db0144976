// What is in use and must not be deleted: what this process knows (runs building, what windows show,
// open bundles, loaded binaries) and what other gopsy processes on the same storage said in their
// ledger (<storage>/in-use/<pid>-<n>.json), so that `gopsy storage prune` never deletes what a window shows.
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { StorageItemKind } from '../../../shared/contract/storage';
import { writeFileAtomic } from '../atomicFile';

export const IN_USE_DIR = 'in-use';
const LEDGER_POLL_MS = 5000;

/** `kind:id` → why it is in use, e.g. "run:20260101-120000-abcdef" → "shown in the Build view". */
export type InUseMap = Map<string, string>;

export const useKey = (kind: StorageItemKind, id: string) => `${kind}:${id}`;

const Ledger = z.object({ pid: z.number().int(), items: z.record(z.string(), z.string()) });

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What the other gopsy backends on this storage have in use (other processes, or another backend of
 * this one); ledgers of processes gone are removed. `own` is the caller's ledger file, left out.
 */
export async function othersInUse(storageDir: string, own?: string): Promise<InUseMap> {
  const dir = path.join(storageDir, IN_USE_DIR);
  const out: InUseMap = new Map();
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const m = /^(\d+)-[0-9a-f]+\.json$/.exec(name);
    if (!m || (own && path.join(dir, name) === own)) continue;
    const pid = Number(m[1]);
    if (!alive(pid)) {
      await rm(path.join(dir, name), { force: true }).catch(() => {});
      continue;
    }
    const parsed = Ledger.safeParse(await readFile(path.join(dir, name), 'utf8').then(JSON.parse, () => null));
    if (!parsed.success) continue;
    for (const [k, why] of Object.entries(parsed.data.items)) if (!out.has(k)) out.set(k, `${why} (gopsy process ${pid})`);
  }
  return out;
}

/** This process's ledger: rewritten (atomically, a moment after a change) while it has anything in use. */
export class InUseLedger {
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  /** What was written last ('' for no file): a check that finds the same writes nothing. */
  private last = '';
  /** Some uses change without telling (a bundle opened, a binary loaded): looked at this often. */
  private readonly poll: NodeJS.Timeout;
  readonly file: string;

  constructor(
    storageDir: string,
    private readonly snapshot: () => InUseMap,
  ) {
    // One file per backend: a process may run several on one storage (tests do).
    this.file = path.join(storageDir, IN_USE_DIR, `${process.pid}-${randomBytes(4).toString('hex')}.json`);
    this.poll = setInterval(() => this.changed(), LEDGER_POLL_MS);
    this.poll.unref();
  }

  private closed = false;

  changed(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.writing = this.writing.then(() => this.write()).catch(() => {});
    }, 50);
    this.timer.unref();
  }

  private async write(): Promise<void> {
    const items = Object.fromEntries(this.snapshot());
    const text = Object.keys(items).length === 0 ? '' : JSON.stringify({ pid: process.pid, items });
    if (text === this.last) return;
    if (!text) await rm(this.file, { force: true });
    else {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, text);
    }
    this.last = text;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.poll);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.writing;
    await rm(this.file, { force: true }).catch(() => {});
  }
}
