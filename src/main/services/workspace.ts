// The open project: which folder, which Go module or workspace it is, its package tree and its files.
import { readFile, realpath, stat, access } from 'node:fs/promises';
import { constants } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { FileContent, ProjectTree, TreeFile, WorkspaceState } from '../../shared/api';
import { GopsyError } from '../../shared/rpc';
import { parseGoModHeader } from '../../core/goMod';
import { GoNotFoundError } from './go/run';
import { goEnv } from './go/env';
import { goListTree } from './go/list';
import { isInside, resolveInside, toRelative } from './paths';
import { MAX_EDITABLE_BYTES } from '../../shared/contract/edits';
import { findReadOnlyRoots, originOf, resolveReadOnly, type ReadOnlyRoots } from './readOnlyRoots';

/** Files larger than this are not opened in the editor. */
export const MAX_EDITOR_FILE_BYTES = 20 * 1024 * 1024;

const MODULE_FILES = ['go.mod', 'go.sum', 'go.work', 'go.work.sum'];

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

export async function inspectFolder(folder: string): Promise<WorkspaceState> {
  let root: string;
  try {
    root = await realpath(path.resolve(folder));
  } catch {
    throw new GopsyError('not-found', `The folder ${folder} does not exist.`);
  }
  const st = await stat(root);
  if (!st.isDirectory()) throw new GopsyError('not-a-folder', `${folder} is a file, not a folder.`);

  const state: WorkspaceState = { root, name: path.basename(root) || root };
  let goMod = '';
  let goWork = '';
  try {
    const res = await goEnv(['GOMOD', 'GOWORK'], { cwd: root });
    const env = res.env;
    goMod = env?.GOMOD ?? '';
    goWork = env?.GOWORK ?? '';
    if (res.exitCode !== 0) state.problem = `go env failed here: ${res.stderr.trim().slice(0, 400)}`;
  } catch (err) {
    // Without go, fall back to looking for the files themselves.
    if (!(err instanceof GoNotFoundError)) throw err;
    if (await exists(path.join(root, 'go.mod'))) goMod = path.join(root, 'go.mod');
    if (await exists(path.join(root, 'go.work'))) goWork = path.join(root, 'go.work');
  }
  if (goWork && goWork !== 'off') state.goWork = goWork;
  if (goMod && goMod !== '/dev/null' && goMod !== 'NUL') {
    const header = parseGoModHeader(await readFile(goMod, 'utf8').catch(() => ''));
    state.goMod = {
      path: header.module ?? '(no module line)',
      dir: path.dirname(goMod),
      ...(header.go ? { goVersion: header.go } : {}),
    };
  }
  if (!state.goMod && !state.goWork && !state.problem) {
    state.problem =
      'This folder is not in a Go module: there is no go.mod here or in a parent folder, and no go.work. ' +
      'Run `go mod init <module path>` in it, or open a folder that has a go.mod.';
  }
  return state;
}

/** A file the editor may show: a project file (path relative) or a read-only one (path absolute, origin). */
export interface ReadableFile {
  abs: string;
  path: string;
  origin?: string;
}

export class Workspace {
  private roots: Promise<ReadOnlyRoots | null> | null = null;

  constructor(readonly state: WorkspaceState) {}

  /** GOROOT and GOMODCACHE as the project's go sees them, asked once. */
  readOnlyRoots(): Promise<ReadOnlyRoots | null> {
    this.roots ??= findReadOnlyRoots(this.root);
    return this.roots;
  }

  /**
   * Resolves a renderer path: project-relative (or absolute inside the project) as resolveInside does,
   * else an absolute path under GOROOT or the module cache, read-only. Everything else is refused.
   */
  async resolveReadable(p: string): Promise<ReadableFile> {
    try {
      const abs = await resolveInside(this.root, p);
      return { abs, path: toRelative(this.root, abs) };
    } catch (err) {
      if (!path.isAbsolute(p) || (err instanceof GopsyError && err.code === 'bad-path')) throw err;
      const inProject = isInside(this.root, path.resolve(p));
      if (inProject) throw err;
      const { abs, origin } = await resolveReadOnly(await this.readOnlyRoots(), p);
      return { abs, path: abs, origin };
    }
  }

  /** The editor's path of a real absolute path (from gopls, Delve): relative in the project, absolute in GOROOT or the module cache. */
  async editorPath(abs: string): Promise<ReadableFile | null> {
    if (isInside(this.root, abs)) return { abs, path: toRelative(this.root, abs) };
    const roots = await this.readOnlyRoots();
    const origin = roots && originOf(roots, abs);
    if (origin) return { abs, path: abs, origin };
    return this.resolveReadable(abs).catch(() => null);
  }

  get root(): string {
    return this.state.root;
  }

  async tree(): Promise<ProjectTree> {
    const moduleFiles: TreeFile[] = [];
    for (const name of MODULE_FILES) {
      if (await exists(path.join(this.root, name))) moduleFiles.push({ name, path: name, kind: 'other' });
    }
    if (!this.state.goMod && !this.state.goWork) {
      return { packages: [], moduleFiles, error: this.state.problem ?? 'Not a Go module.' };
    }
    let res;
    try {
      res = await goListTree(this.root);
    } catch (err) {
      if (err instanceof GoNotFoundError) {
        return { packages: [], moduleFiles, error: 'Go is not installed, so the packages cannot be listed.' };
      }
      throw err;
    }
    const tree = res.tree;
    tree.moduleFiles = moduleFiles;
    if (res.exitCode !== 0 && tree.packages.length === 0) {
      tree.error = `go list failed: ${res.stderr.trim().slice(0, 2000) || `exit code ${res.exitCode}`}`;
    }
    return tree;
  }

  async readFile(rel: string): Promise<FileContent> {
    const { abs, path: shown, origin } = await this.resolveReadable(rel);
    const st = await stat(abs);
    if (!st.isFile()) throw new GopsyError('not-a-file', `${rel} is not a file.`);
    if (st.size > MAX_EDITOR_FILE_BYTES) {
      throw new GopsyError('too-large', `${rel} is ${(st.size / 1e6).toFixed(1)} MB, more than the editor opens.`);
    }
    const buf = await readFile(abs);
    if (buf.includes(0)) throw new GopsyError('binary', `${rel} is a binary file.`);
    const text = buf.toString('utf8');
    // Text that is not UTF-8 shows with replacement characters: saving it would change bytes nobody edited.
    const readOnly = origin
      ? `read-only: outside the project (${origin})`
      : ((await readOnlyReason(abs, st.size, st.mode)) ?? (Buffer.byteLength(text) !== buf.length || !Buffer.from(text).equals(buf) ? 'read-only: the file is not valid UTF-8' : null));
    return { path: shown, text, size: st.size, hash: contentHash(buf), ...(readOnly ? { readOnly } : {}), ...(origin ? { origin } : {}) };
  }

  /**
   * Maps a path the toolchain printed (relative to the console's cwd, the root) to a project file, or to
   * a read-only file of the standard library ($GOROOT/src/... as -trimpath prints it) or the module cache.
   */
  async resolveLocation(p: string): Promise<string | null> {
    if (p.startsWith('$GOROOT/')) {
      const goroot = (await this.readOnlyRoots())?.goroot;
      if (!goroot) return null;
      p = path.join(goroot, p.slice('$GOROOT/'.length));
    }
    const abs = path.resolve(this.root, p);
    try {
      return (await this.resolveReadable(abs)).path;
    } catch {
      return null;
    }
  }
}

/** The version id a save compares against: SHA-256 of the file's bytes. */
export function contentHash(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Why a project file opens read-only, or null when the editor may change it. */
export async function readOnlyReason(abs: string, size: number, mode: number): Promise<string | null> {
  if (size > MAX_EDITABLE_BYTES) return `read-only: ${(size / 1e6).toFixed(1)} MB is more than the editor edits (${MAX_EDITABLE_BYTES / 1024 / 1024} MiB)`;
  // No write bit at all is the owner's wish even where access() says yes (root ignores modes).
  const writable =
    (mode & 0o222) !== 0 &&
    (await access(abs, constants.W_OK).then(
      () => true,
      () => false,
    ));
  return writable ? null : 'read-only: the file is not writable on disk (permissions)';
}
