// Watches the go command download a GOTOOLCHAIN toolchain, which it does silently after one line
// ("go: downloading go1.24.0 (linux/amd64)"): the module zip (80–150 MB) is written to a temp file
// beside its final name in the module cache, `<GOMODCACHE>/cache/download/golang.org/toolchain/@v/
// v0.0.1-go1.24.0.linux-amd64.zip<random>.tmp` (cmd/go/internal/modfetch: downloadZip, tempFile), and
// renamed once verified. Its size is the download's progress. A go command killed mid-download (the
// run was cancelled) leaves that temp file behind for good: removeLeftovers deletes the ones of this
// download, and nothing else in the module cache.
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { goEnvValues } from '../go/env';

/** Where the go command writes the toolchain's zip, and the name it starts from. */
export interface ToolchainZip {
  dir: string;
  zipName: string;
}

/** The module cache and host platform the download goes to; null when go env cannot say. */
export async function toolchainZip(project: string, env: Record<string, string>, version: string): Promise<ToolchainZip | null> {
  // GOTOOLCHAIN=local: asking the named toolchain would start the very download being watched.
  const res = await goEnvValues(['GOMODCACHE', 'GOHOSTOS', 'GOHOSTARCH'], { cwd: project, env: { ...env, GOTOOLCHAIN: 'local' } }).catch(() => null);
  const [modcache, goos, goarch] = res?.exitCode === 0 ? res.values : [];
  if (!modcache || !goos || !goarch) return null;
  return { dir: path.join(modcache, 'cache', 'download', 'golang.org', 'toolchain', '@v'), zipName: `v0.0.1-${version}.${goos}-${goarch}.zip` };
}

/** The go command's temp files for this zip: the zip's name, digits, `.tmp`. */
function isTempOf(zip: ToolchainZip, name: string): boolean {
  return name.startsWith(zip.zipName) && /^\d+\.tmp$/.test(name.slice(zip.zipName.length));
}

/** One download: the temp files that were already there when it began belong to other go commands. */
export class ToolchainDownload {
  private constructor(
    readonly zip: ToolchainZip,
    private readonly before: Set<string>,
  ) {}

  static async begin(zip: ToolchainZip): Promise<ToolchainDownload> {
    const names = await readdir(zip.dir).catch(() => [] as string[]);
    return new ToolchainDownload(zip, new Set(names.filter((n) => isTempOf(zip, n))));
  }

  private async files(): Promise<Array<{ file: string; size: number }>> {
    const out: Array<{ file: string; size: number }> = [];
    for (const name of await readdir(this.zip.dir).catch(() => [] as string[])) {
      if (!isTempOf(this.zip, name) || this.before.has(name)) continue;
      const file = path.join(this.zip.dir, name);
      const st = await stat(file).catch(() => null);
      if (st?.isFile()) out.push({ file, size: st.size });
    }
    return out;
  }

  /** Bytes of the zip downloaded so far, or null while the download has not begun (or is over). */
  async bytes(): Promise<number | null> {
    const files = await this.files();
    return files.length ? files.reduce((n, f) => n + f.size, 0) : null;
  }

  /** Deletes the temp files a killed go command left; returns their total size. */
  async removeLeftovers(): Promise<number> {
    let bytes = 0;
    for (const f of await this.files()) await rm(f.file, { force: true }).then(() => (bytes += f.size), () => {});
    return bytes;
  }
}

export function formatMB(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}
