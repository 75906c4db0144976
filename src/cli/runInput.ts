// What the analysis commands take as RUN: a run directory, a .gopsy bundle (its newest run that holds
// the data the command reads) or FILE.gopsy#RUNID. One resolver for all of them; an input without that
// data is refused with one sentence saying what is missing and how to capture it.
import { mkdir, mkdtemp, open, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BundleReader } from '../main/services/bundles/bundleReader';
import { BundleRunFiles, DirRunFiles, bundleRuns, type RunFile, type RunFiles } from '../main/services/runs/runFiles';
import { ARTEFACTS } from '../shared/runFolder';
import { missingBinary, missingRemarks, missingSsa } from '../core/compare/missing';
import type { RunManifest } from '../shared/build';
import { GopsyError } from '../shared/rpc';

/** The data a command reads from a run. */
export type RunData = 'remarks' | 'binary' | 'ssa';

export type RunOperand = { kind: 'dir'; dir: string } | { kind: 'bundle'; file: string; run?: string };

/** A user's input that holds nothing the command can read: printed as one line, exit 1. */
export class InputError extends GopsyError {
  constructor(message: string) {
    super('bad-input', message);
  }
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

async function startsLikeZip(file: string): Promise<boolean> {
  const fh = await open(file, 'r').catch(() => null);
  if (!fh) return false;
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    return bytesRead === 4 && head.equals(ZIP_MAGIC);
  } finally {
    await fh.close();
  }
}

/**
 * A directory is a run directory; FILE#RUN (FILE existing, the whole not) names a bundle's run; a
 * file ending .gopsy or starting like a zip is a bundle. Anything else (a binary, a -m log) is null:
 * the command reads it its own way.
 */
export async function runOperand(arg: string): Promise<RunOperand | null> {
  const st = await stat(arg).catch(() => null);
  if (st?.isDirectory()) return { kind: 'dir', dir: path.resolve(arg) };
  const hash = arg.lastIndexOf('#');
  if (!st && hash > 0 && (await stat(arg.slice(0, hash)).catch(() => null))?.isFile()) {
    return { kind: 'bundle', file: path.resolve(arg.slice(0, hash)), run: arg.slice(hash + 1) };
  }
  if (!st) throw new InputError(`${arg} does not exist.`);
  if (arg.endsWith('.gopsy') || (await startsLikeZip(arg))) return { kind: 'bundle', file: path.resolve(arg) };
  return null;
}

/** Opens a bundle; its error says what is wrong with the file. */
export function openBundle(file: string): Promise<BundleReader> {
  return BundleReader.open(path.resolve(file));
}

/** Whether a run's files hold the data; the run-relative files that carry it. */
export function filesWith(data: RunData, list: RunFile[]): RunFile[] {
  const under = (dir: string) => list.filter((f) => f.path.startsWith(`${dir}/`));
  if (data === 'remarks') return under(ARTEFACTS.remarks).filter((f) => f.path.endsWith('.json'));
  if (data === 'ssa') return under(ARTEFACTS.ssa).filter((f) => f.path.endsWith('.html') || f.path.endsWith('.dump'));
  // The binaries a build kept: plain files right under out/ (bundles keep no modes, so every one counts).
  return under(ARTEFACTS.output).filter((f) => !f.path.slice(ARTEFACTS.output.length + 1).includes('/') && f.executable);
}

const DATA_NAMES: Record<RunData, string> = { remarks: 'optimisation remarks', binary: 'a kept binary', ssa: 'SSA' };

/** Why a run has none of the data, in the words the Compare view uses. */
function missing(data: RunData, m: RunManifest): string {
  const said = data === 'remarks' ? missingRemarks(m, false) : data === 'ssa' ? missingSsa(m, false) : missingBinary(m, false);
  return said ?? `no ${data}.`;
}

export interface OpenedRun {
  files: RunFiles;
  manifest: RunManifest;
  /** For messages: the directory, or `FILE.gopsy ▸ run ID`. */
  label: string;
  /** The run-relative files that carry the data asked for. */
  dataFiles: RunFile[];
  /**
   * A folder on disk holding the run's files under `sub` (logopt, ssa): the run directory itself, or for
   * a bundle a temp copy, every byte checked against the bundle's sha256, removed by close().
   */
  localRun(sub: string): Promise<string>;
  /** A run file on disk (a bundle's is copied into the temp folder). */
  localFile(rel: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Resolves RUN for a command that reads `data`. A run directory or a named bundle run must hold it;
 * a bundle without #RUN gives its newest run that does.
 */
export async function openRun(arg: string, data: RunData): Promise<OpenedRun> {
  const op = await runOperand(arg);
  if (!op) throw new InputError(`${arg} is neither a run directory nor a .gopsy bundle.`);
  if (op.kind === 'dir') {
    const files = new DirRunFiles(op.dir, 'directory', op.dir);
    const manifest = await files.manifest();
    const dataFiles = filesWith(data, await files.list());
    if (dataFiles.length === 0) throw new InputError(`the run ${op.dir} has ${missing(data, manifest)}`);
    return {
      files,
      manifest,
      label: op.dir,
      dataFiles,
      localRun: async () => op.dir,
      localFile: (rel) => files.localFile(rel),
      close: async () => {},
    };
  }
  const reader = await openBundle(op.file);
  try {
    return await openBundleRun(reader, op, data);
  } catch (err) {
    reader.close();
    throw err;
  }
}

async function openBundleRun(reader: BundleReader, op: { file: string; run?: string }, data: RunData): Promise<OpenedRun> {
  const name = path.basename(op.file);
  const runs = await bundleRuns(reader);
  const withData = async (id: string) => filesWith(data, await new BundleRunFiles(reader, id, '').list());
  let chosen: { dir: string; manifest: RunManifest; dataFiles: RunFile[] } | undefined;
  if (op.run !== undefined) {
    const run = runs.find((r) => r.dir === op.run);
    if (!run) throw new InputError(`${name} has no run ${op.run} (it has: ${runs.map((r) => r.dir).join(', ') || 'none'}).`);
    const dataFiles = await withData(run.dir);
    if (dataFiles.length === 0) throw new InputError(`run ${run.dir} of ${name} has ${missing(data, run.manifest)}`);
    chosen = { ...run, dataFiles };
  } else {
    if (runs.length === 0) throw new InputError(`${name} holds no build runs.`);
    for (const run of runs) {
      const dataFiles = await withData(run.dir);
      if (dataFiles.length > 0) {
        chosen = { ...run, dataFiles };
        break;
      }
    }
    if (!chosen) {
      const newest = runs[0]!;
      if (runs.length === 1) throw new InputError(`${name} holds one run, ${newest.dir}, and it has ${missing(data, newest.manifest)}`);
      const list = runs.map((r) => `${r.dir} (${r.manifest.profile.name})`).join(', ');
      throw new InputError(`none of the ${runs.length} runs of ${name} (${list}) has ${DATA_NAMES[data]}; the newest has ${missing(data, newest.manifest)}`);
    }
  }
  const label = `${name} ▸ run ${chosen.dir}`;
  const files = new BundleRunFiles(reader, chosen.dir, label);
  let temp: string | undefined;
  const tempDir = async () => (temp ??= await mkdtemp(path.join(os.tmpdir(), 'gopsy-run-')));
  const list = await files.list();
  return {
    files,
    manifest: chosen.manifest,
    label,
    dataFiles: chosen.dataFiles,
    async localRun(sub) {
      const root = path.join(await tempDir(), 'run');
      for (const f of list.filter((x) => x.path === ARTEFACTS.manifest || x.path.startsWith(`${sub}/`))) {
        const dest = path.join(root, ...f.path.split('/'));
        await copyEntry(files, f.path, dest);
      }
      return root;
    },
    async localFile(rel) {
      return files.localFile(rel, await tempDir());
    },
    async close() {
      reader.close();
      if (temp) await rm(temp, { recursive: true, force: true });
    },
  };
}

async function copyEntry(files: BundleRunFiles, rel: string, dest: string): Promise<void> {
  await mkdir(path.dirname(dest), { recursive: true, mode: 0o700 });
  // localFile streams the entry through the sha256 check into the temp folder; it is then moved in place.
  const copied = await files.localFile(rel, path.dirname(dest));
  await rename(copied, dest);
}
