// What a session holds besides its own folder, collected for a save without the user adding it: the
// project's build runs (from the run store), the SSA view's captures (from the SSA service), and what the debugger keeps for the project (breakpoints,
// logpoints, launch configurations). Each becomes a group of entries the save dialog can leave out.
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { entryNameProblem } from '../../../core/bundle/entryName';
import type { RunManifest } from '../../../shared/build';
import { RUNS_DIR, RunStore } from '../runs/runStore';
import { runFolder } from '../../../shared/runLayout';
import { DebugStore } from '../debug/projectDebugState';
import { ssaCaptureFolder } from '../../../core/bundle/ssaLayout';
import { SSA_CAPTURE_MARKER } from '../ssa/layout';
import type { KeptCapture } from '../ssa/ssaService';

/** A folder whose plain files go into the bundle under `prefix/` (links never followed). */
export interface FolderContent {
  /** The item key the save dialog uses to leave the folder out, e.g. "runs/20260101-120000-abcdef". */
  key: string;
  label: string;
  kind: string;
  dir: string;
  prefix: string;
  /** Which files (by name) the folder contributes; all when absent. */
  keep?: (name: string) => boolean;
}

/** Plain files under dir, with '/' separators; names a bundle could not carry are skipped. */
export async function filesUnder(dir: string, prefix: string, keep: (name: string) => boolean = () => true): Promise<Array<{ path: string; file: string }>> {
  const out: Array<{ path: string; file: string }> = [];
  const walk = async (rel: string): Promise<void> => {
    const names = (await readdir(path.join(dir, rel)).catch(() => [] as string[])).sort();
    for (const name of names) {
      const r = rel ? `${rel}/${name}` : name;
      const entry = `${prefix}/${r}`;
      if (entryNameProblem(entry)) continue;
      const st = await lstat(path.join(dir, r)).catch(() => null);
      if (st?.isDirectory()) await walk(r);
      else if (st?.isFile() && !name.endsWith('.tmp') && keep(name)) out.push({ path: entry, file: path.join(dir, r) });
    }
  };
  await walk('');
  return out;
}

export function runLabel(m: Pick<RunManifest, 'profile' | 'status' | 'startedAt'>): string {
  return `build run: ${m.profile.name}, ${m.status}, ${m.startedAt.slice(0, 19).replace('T', ' ')}`;
}

/**
 * The project's finished build runs. A run still running is left out: its files are still being
 * written, and a bundle records what was, not what is half-done.
 */
export async function projectRuns(storageDir: string, projectRoot: string, running: (id: string) => boolean): Promise<FolderContent[]> {
  const store = new RunStore(path.join(storageDir, RUNS_DIR));
  const out: FolderContent[] = [];
  for (const m of await store.list(projectRoot)) {
    if (m.status === 'running' && running(m.id)) continue;
    out.push({ key: runFolder(m.id), label: runLabel(m), kind: 'run', dir: store.runDir(projectRoot, m.id), prefix: runFolder(m.id) });
  }
  return out.reverse(); // oldest first, as they happened
}

/** The files of a capture folder a bundle carries: the SSA and the marker (a test build's binary stays out). */
const isSsaCaptureFile = (name: string) => name.endsWith('.html') || name.endsWith('.dump') || name === SSA_CAPTURE_MARKER;

export function ssaCaptureLabel(c: Pick<KeptCapture, 'func' | 'pkg' | 'test'>): string {
  return `SSA capture: ${c.func} in ${c.pkg}${c.test ? ' (test build)' : ''}`;
}

/**
 * The SSA view's captures of the project (listed by the SSA service), each as ssa/<capture-id>/ with
 * its ssa.html, text dumps and marker; a test build's binary stays out.
 */
export function projectSsaCaptures(captures: KeptCapture[]): FolderContent[] {
  return captures.map((c) => ({ key: ssaCaptureFolder(c.id), label: ssaCaptureLabel(c), kind: 'ssa-capture', dir: c.dir, prefix: ssaCaptureFolder(c.id), keep: isSsaCaptureFile }));
}

/** The debugger's state for the project as one JSON entry, or null when there is none. */
export async function debuggerState(storageDir: string, projectRoot: string): Promise<Buffer | null> {
  const s = await new DebugStore(storageDir, projectRoot).read();
  const files = Object.entries(s.breakpoints).filter(([, bps]) => bps.length > 0);
  if (files.length === 0 && s.configs.length === 0) return null;
  // Breakpoints are keyed by project-relative path; the project root of this machine is left out.
  return Buffer.from(JSON.stringify({ breakpoints: Object.fromEntries(files), configs: s.configs }, null, 1));
}
