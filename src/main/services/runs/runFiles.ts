// One run's files behind one small interface, wherever the run lives: a run directory (the project's
// runs, or one given to `gopsy diff`) or runs/<id>/ inside an opened bundle. Entry names are
// run-relative with '/' separators; nothing outside the run is reachable through it.
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, readdir, readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { RunManifest } from '../../../shared/build';
import { GopsyError } from '../../../shared/rpc';
import type { BundleReader } from '../bundles/bundleReader';
import { isInside } from '../paths';
import { isRunId, runIdOfManifestEntry, runManifestEntry, runPrefix } from '../../../shared/runLayout';

export interface RunFile {
  /** Run-relative, '/'-separated. */
  path: string;
  size: number;
  /** Executable bit (directories: meaningless). Bundles keep no modes: every out/ file counts. */
  executable: boolean;
}

export interface RunFiles {
  readonly origin: 'project' | 'bundle' | 'directory';
  readonly label: string;
  manifest(): Promise<RunManifest>;
  list(): Promise<RunFile[]>;
  read(rel: string, maxBytes: number): Promise<Buffer>;
  /** A file on disk holding the entry (a bundle's entry is copied under `tempDir`). */
  localFile(rel: string, tempDir: string): Promise<string>;
  /** A project source the run compiled (absolute path as the toolchain printed it), or null. */
  source(abs: string, project: string): Promise<string | null>;
}

function parseManifest(text: string, where: string): RunManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new GopsyError('bad-run', `The run manifest in ${where} is not valid JSON.`);
  }
  const m = RunManifest.safeParse(json);
  if (!m.success) throw new GopsyError('bad-run', `${where} holds no run manifest gopsy can read.`);
  return m.data;
}

const MAX_MANIFEST = 4 << 20;

export class DirRunFiles implements RunFiles {
  constructor(
    readonly dir: string,
    readonly origin: 'project' | 'directory',
    readonly label: string,
    /** Where the project's sources are read from now (the open project), if not the manifest's. */
    private readonly projectNow?: string,
  ) {}

  async manifest(): Promise<RunManifest> {
    const text = await readFile(path.join(this.dir, 'manifest.json'), 'utf8').catch(() => {
      throw new GopsyError('no-run', `${this.dir} is not a gopsy run directory (it has no manifest.json).`);
    });
    return parseManifest(text, this.dir);
  }

  async list(): Promise<RunFile[]> {
    const names = await readdir(this.dir, { recursive: true }).catch(() => [] as string[]);
    const out: RunFile[] = [];
    for (const name of names.map(String)) {
      const st = await lstat(path.join(this.dir, name)).catch(() => null);
      if (st?.isFile()) out.push({ path: name.split(path.sep).join('/'), size: st.size, executable: (st.mode & 0o111) !== 0 });
    }
    return out.sort((a, b) => a.path.localeCompare(b.path));
  }

  private abs(rel: string): string {
    const abs = path.resolve(this.dir, rel);
    if (!isInside(this.dir, abs)) throw new GopsyError('bad-path', `${rel} is outside the run.`);
    return abs;
  }

  async read(rel: string, maxBytes: number): Promise<Buffer> {
    const abs = this.abs(rel);
    const st = await lstat(abs);
    if (st.size > maxBytes) throw new GopsyError('too-large', `${rel} is ${st.size} bytes, more than ${maxBytes}.`);
    return readFile(abs);
  }

  async localFile(rel: string): Promise<string> {
    return this.abs(rel);
  }

  async source(abs: string, project: string): Promise<string | null> {
    const root = this.projectNow ?? project;
    const file = path.resolve(root, path.relative(project, abs));
    if (!isInside(root, file)) return null;
    return readFile(file, 'utf8').catch(() => null);
  }
}

export class BundleRunFiles implements RunFiles {
  readonly origin = 'bundle' as const;
  private readonly prefix: string;
  constructor(
    private readonly reader: BundleReader,
    readonly runId: string,
    readonly label: string,
  ) {
    if (!isRunId(runId)) throw new GopsyError('bad-run', `Not a run id: ${runId}`);
    this.prefix = runPrefix(runId);
  }

  async manifest(): Promise<RunManifest> {
    const bytes = await this.reader.readEntry(runManifestEntry(this.runId), MAX_MANIFEST).catch(() => {
      throw new GopsyError('no-run', `The bundle has no run ${this.runId}.`);
    });
    return parseManifest(bytes.toString('utf8'), `${path.basename(this.reader.file)} ▸ ${this.prefix}manifest.json`);
  }

  async list(): Promise<RunFile[]> {
    return this.reader.entries
      .filter((e) => e.path.startsWith(this.prefix))
      .map((e) => ({ path: e.path.slice(this.prefix.length), size: e.size, executable: e.path.startsWith(`${this.prefix}out/`) }));
  }

  read(rel: string, maxBytes: number): Promise<Buffer> {
    return this.reader.readEntry(this.prefix + rel, maxBytes);
  }

  async localFile(rel: string, tempDir: string): Promise<string> {
    await mkdir(tempDir, { recursive: true, mode: 0o700 });
    // Unique per read: both sides of a comparison may be runs with the same id (two saves of a session).
    const file = path.join(tempDir, `${this.runId}-${randomBytes(6).toString('hex')}-${path.basename(rel)}`);
    await pipeline(await this.reader.openEntry(this.prefix + rel), createWriteStream(file, { mode: 0o600 }));
    return file;
  }

  /** Sources travel in the bundle under sources/<project-relative path>. */
  async source(abs: string, project: string): Promise<string | null> {
    const rel = path.relative(project, abs).split(path.sep).join('/');
    if (!rel || !isInside(project, abs)) return null;
    const bytes = await this.reader.readEntry(`sources/${rel}`, 16 << 20).catch(() => null);
    return bytes ? bytes.toString('utf8') : null;
  }
}

/** The runs a bundle carries (every readable runs/<dir>/manifest.json), newest first. */
export async function bundleRuns(reader: BundleReader): Promise<Array<{ dir: string; manifest: RunManifest }>> {
  const out: Array<{ dir: string; manifest: RunManifest }> = [];
  for (const e of reader.entries) {
    const id = runIdOfManifestEntry(e.path);
    if (!id) continue;
    const manifest = await new BundleRunFiles(reader, id, '').manifest().catch(() => null);
    if (manifest) out.push({ dir: id, manifest });
  }
  return out.sort((a, b) => b.manifest.startedAt.localeCompare(a.manifest.startedAt));
}
