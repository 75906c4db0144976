// The live session of the open project: a folder sessions/<id>/ in gopsy's storage holding
// session.json (name, project), notes.json (notes, bookmarks), layout.json, and the GODEBUG captures
// of traced consoles under events/ (recorded when each ends). Build runs stay in the run store and the
// debugger's state in its own file; a save collects them (sessionContent.ts). Every write is atomic.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { Layout, NotesFile, type SessionInfo } from '../../../shared/contract/bundle';
import { writeFileAtomic } from '../atomicFile';
import { DirectoryStore } from './sessionStore';

/** The live sessions' folder in gopsy's storage, and the files of one session in it. */
export const SESSIONS_DIR = 'sessions';
export const SESSION_FILE = 'session.json';
export const NOTES_FILE = 'notes.json';

export const SessionFile = z.object({ name: z.string(), projectRoot: z.string(), createdAt: z.string() });
export type SessionFile = z.infer<typeof SessionFile>;

async function readJson<T>(file: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  try {
    const r = schema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return r.success ? r.data : fallback;
  } catch {
    return fallback; // missing or damaged: the next autosave replaces it
  }
}

export class LiveSession {
  readonly store: DirectoryStore;
  constructor(
    readonly id: string,
    readonly dir: string,
    readonly meta: SessionFile,
  ) {
    this.store = new DirectoryStore(dir);
  }

  async info(): Promise<SessionInfo> {
    return {
      id: this.id,
      name: this.meta.name,
      projectRoot: this.meta.projectRoot,
      notes: await readJson(path.join(this.dir, NOTES_FILE), NotesFile, { notes: [], bookmarks: [] }),
      layout: await readJson(path.join(this.dir, 'layout.json'), Layout, {}),
    };
  }

  saveNotes(notes: NotesFile): Promise<void> {
    return writeFileAtomic(path.join(this.dir, NOTES_FILE), JSON.stringify(notes, null, 1), 0o600, 'the notes');
  }

  saveLayout(layout: Layout): Promise<void> {
    return writeFileAtomic(path.join(this.dir, 'layout.json'), JSON.stringify(layout, null, 1));
  }

  /**
   * Records the GODEBUG events one console captured, as JSON Lines under events/: a header line
   * (what ran, with which GODEBUG) and then one event per line. Returns the entry path.
   */
  async recordEvents(capture: RecordedEvents): Promise<string> {
    const stamp = capture.startedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const name = `events/${stamp}-${capture.consoleId.replace(/[^A-Za-z0-9_-]/g, '')}.jsonl`;
    const { events, count, ...header } = capture;
    const n = count ?? (Array.isArray(events) ? events.length : null);
    if (n === null) throw new Error('recordEvents: the count of events that are not an array must be given');
    // Written a few hundred lines at a time as the events are read: a session of a million events
    // never has them all in memory at once, nor their text.
    function* text(): Generator<string> {
      yield JSON.stringify({ type: 'godebug-capture', ...header, count: n }) + '\n';
      let lines: string[] = [];
      for (const e of events) {
        lines.push(JSON.stringify(e));
        if (lines.length === 512) {
          yield lines.join('\n') + '\n';
          lines = [];
        }
      }
      if (lines.length > 0) yield lines.join('\n') + '\n';
    }
    await writeFileAtomic(path.join(this.dir, name), text(), 0o600, 'the GODEBUG events');
    return name;
  }
}

export interface RecordedEvents {
  consoleId: string;
  title: string;
  commandLine: string;
  godebug: string;
  startedAt: string;
  endedAt: string;
  /** Written while the program still ran (a save): endedAt is the time of writing. */
  running?: boolean;
  truncated: boolean;
  /** Read once, as the file is written. */
  events: Iterable<unknown>;
  /** How many `events` holds; an array says it itself. */
  count?: number;
}

export class SessionService {
  private readonly byRoot = new Map<string, Promise<LiveSession>>();
  private readonly beforeSave = new Set<() => Promise<void>>();
  readonly dir: string;

  constructor(storageDir: string) {
    this.dir = path.join(storageDir, SESSIONS_DIR);
  }

  /** Work to finish before a session is saved (what running consoles captured so far); returns its removal. */
  onBeforeSave(fn: () => Promise<void>): () => void {
    this.beforeSave.add(fn);
    return () => this.beforeSave.delete(fn);
  }

  async flushBeforeSave(): Promise<void> {
    await Promise.all([...this.beforeSave].map((fn) => fn().catch(() => {})));
  }

  /** The session of a project folder: the existing one, else a new one. */
  forProject(projectRoot: string, name: string): Promise<LiveSession> {
    let s = this.byRoot.get(projectRoot);
    if (!s) {
      s = this.findOrCreate(projectRoot, name);
      this.byRoot.set(projectRoot, s);
      s.catch(() => this.byRoot.delete(projectRoot));
    }
    return s;
  }

  private async findOrCreate(projectRoot: string, name: string): Promise<LiveSession> {
    await mkdir(this.dir, { recursive: true });
    for (const id of (await readdir(this.dir)).sort()) {
      const meta = await readJson<SessionFile | null>(path.join(this.dir, id, SESSION_FILE), SessionFile, null);
      if (meta?.projectRoot === projectRoot) return new LiveSession(id, path.join(this.dir, id), meta);
    }
    const id = `${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
    const meta: SessionFile = { name, projectRoot, createdAt: new Date().toISOString() };
    const dir = path.join(this.dir, id);
    await writeFileAtomic(path.join(dir, SESSION_FILE), JSON.stringify(meta, null, 1));
    return new LiveSession(id, dir, meta);
  }
}
