// Replay of an opened bundle's build runs for the Build view (bundle.runs, bundle.run): the runs it
// carries, and one run read with the project runs' own loader from its verified, extracted entries.
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { RunManifest } from '../../../shared/build';
import type { BundleRun, BundleRunDetail } from '../../../shared/contract/bundle';
import type { Backend } from '../backend';
import { bundleRuns, DirRunFiles } from '../compare/runFiles';
import { ARTEFACTS } from '../../../shared/runFolder';
import { loadRunDetail } from '../runs/runDetail';
import { summarize } from '../runs/runStore';
import { BUNDLE_RUNS_DIR, BundleRunCache } from './runCache';

/** The console transcript is shown from its end, as a terminal would have it. */
const MAX_CONSOLE = 2 * 2 ** 20;

const caches = new WeakMap<Backend, BundleRunCache>();

export function bundleRunCacheOf(backend: Backend): BundleRunCache {
  let cache = caches.get(backend);
  if (!cache) {
    const c = (cache = new BundleRunCache(path.join(backend.storageDir, BUNDLE_RUNS_DIR)));
    caches.set(backend, c);
    backend.bundles.onClosed((id) => c.release(id));
  }
  return cache;
}

/** A run the bundle recorded while it was still going has no go command behind it any more. */
function settled(m: RunManifest): RunManifest {
  return m.status === 'running' ? { ...m, status: 'killed' } : m;
}

/** The folder holding a bundle run's verified entries (extracted on first use). */
export function replayRunDir(backend: Backend, bundleId: string, run: string): Promise<string> {
  return bundleRunCacheOf(backend).runDir(bundleId, backend.bundles.store(bundleId).reader, run);
}

/** The folder holding a bundled SSA capture's verified entries (extracted on first use, like a run). */
export function replaySsaCaptureDir(backend: Backend, bundleId: string, capture: string): Promise<string> {
  return bundleRunCacheOf(backend).ssaCaptureDir(bundleId, backend.bundles.store(bundleId).reader, capture);
}

/** A replayed run's folder and manifest (the run as the bundle recorded it). */
export async function replayRun(backend: Backend, bundleId: string, run: string): Promise<{ dir: string; manifest: RunManifest }> {
  const dir = await replayRunDir(backend, bundleId, run);
  const label = `${path.basename(backend.bundles.summary(bundleId).file)} ▸ run ${run}`;
  return { dir, manifest: settled(await new DirRunFiles(dir, 'directory', label).manifest()) };
}

export async function listBundleRuns(backend: Backend, bundleId: string): Promise<BundleRun[]> {
  const runs = await bundleRuns(backend.bundles.store(bundleId).reader);
  return runs.map(({ dir, manifest }) => ({ ...summarize(settled(manifest)), run: dir }));
}

export async function bundleRunDetail(backend: Backend, bundleId: string, run: string): Promise<BundleRunDetail> {
  const { dir, manifest } = await replayRun(backend, bundleId, run);
  const detail = await loadRunDetail(dir, manifest);
  const console = await tail(path.join(dir, ARTEFACTS.console), MAX_CONSOLE);
  return { detail, console: console?.text ?? null, consoleTruncated: console?.truncated ?? false };
}

async function tail(file: string, max: number): Promise<{ text: string; truncated: boolean } | null> {
  const fh = await open(file, 'r').catch(() => null);
  if (!fh) return null;
  try {
    const { size } = await fh.stat();
    const len = Math.min(size, max);
    const buf = Buffer.alloc(len);
    await fh.read(buf, 0, len, size - len);
    return { text: buf.toString('utf8'), truncated: size > max };
  } finally {
    await fh.close();
  }
}
