// Replay of an opened bundle's build runs for the Build view (bundle.runs, bundle.run): the runs it
// carries, and one run read with the project runs' own loader from its verified, extracted entries.
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { RunManifest } from '../../../shared/build';
import type { BundleRun, BundleRunDetail } from '../../../shared/contract/bundle';
import { bundleRuns, DirRunFiles } from '../runs/runFiles';
import { ARTEFACTS } from '../../../shared/runFolder';
import { loadRunDetail } from '../runs/runDetail';
import { summarize } from '../runs/runStore';
import type { BundleService } from './bundleService';
import { BundleRunCache } from './runCache';

/** The console transcript is shown from its end, as a terminal would have it. */
const MAX_CONSOLE = 2 * 2 ** 20;

/** A run the bundle recorded while it was still going has no go command behind it any more. */
function settled(m: RunManifest): RunManifest {
  return m.status === 'running' ? { ...m, status: 'killed' } : m;
}

/** One per backend: the opened bundles' runs and SSA captures, extracted on first use, gone when their bundle closes. */
export class BundleRunReplay {
  private readonly cache: BundleRunCache;

  constructor(
    private readonly bundles: BundleService,
    cacheDir: string,
  ) {
    this.cache = new BundleRunCache(cacheDir);
    bundles.onClosed((id) => this.cache.release(id));
  }

  /** Removes what was extracted for a bundle (resolves once its folders are gone). */
  release(bundleId: string): Promise<void> {
    return this.cache.release(bundleId);
  }

  /** The folder holding a bundle run's verified entries (extracted on first use). */
  runDir(bundleId: string, run: string): Promise<string> {
    return this.cache.runDir(bundleId, this.bundles.store(bundleId).reader, run);
  }

  /** The folder holding a bundled SSA capture's verified entries (extracted on first use, like a run). */
  ssaCaptureDir(bundleId: string, capture: string): Promise<string> {
    return this.cache.ssaCaptureDir(bundleId, this.bundles.store(bundleId).reader, capture);
  }

  /** A replayed run's folder and manifest (the run as the bundle recorded it). */
  async run(bundleId: string, run: string): Promise<{ dir: string; manifest: RunManifest }> {
    const dir = await this.runDir(bundleId, run);
    const label = `${path.basename(this.bundles.summary(bundleId).file)} ▸ run ${run}`;
    return { dir, manifest: settled(await new DirRunFiles(dir, 'directory', label).manifest()) };
  }

  async list(bundleId: string): Promise<BundleRun[]> {
    const runs = await bundleRuns(this.bundles.store(bundleId).reader);
    return runs.map(({ dir, manifest }) => ({ ...summarize(settled(manifest)), run: dir }));
  }

  async detail(bundleId: string, run: string): Promise<BundleRunDetail> {
    const { dir, manifest } = await this.run(bundleId, run);
    const detail = await loadRunDetail(dir, manifest);
    const console = await tail(path.join(dir, ARTEFACTS.console), MAX_CONSOLE);
    return { detail, console: console?.text ?? null, consoleTruncated: console?.truncated ?? false };
  }
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
