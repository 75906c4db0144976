// Finds the Electron binary. electron 42+ downloads it on first run rather than at install, so on a
// machine without internet it may never arrive: then the caller falls back to the browser host.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

/** How long a first-run download of the binary may take before we give up on it. */
const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;

function installedBinary(electronDir: string): string | null {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
    return existsSync(p) ? p : null;
  }
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const p = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(p) ? p : null;
}

export function findElectronBinary(opts: { download: boolean }): ElectronBinary {
  let electronDir: string;
  try {
    electronDir = path.dirname(createRequire(__filename).resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed (run npm install)' };
  }
  const found = installedBinary(electronDir);
  if (found) return { ok: true, path: found };
  if (!opts.download) return { ok: false, reason: 'the Electron binary has not been downloaded' };
  // The package's own installer, quietly: its output is a stack trace when there is no network.
  const res = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    stdio: 'pipe',
    timeout: DOWNLOAD_TIMEOUT_MS,
    encoding: 'utf8',
  });
  const again = installedBinary(electronDir);
  if (again) return { ok: true, path: again };
  const detail = `${res.stderr ?? ''}`.split('\n').find((l) => /error/i.test(l))?.trim();
  return {
    ok: false,
    reason: `the Electron binary could not be downloaded${detail ? ` (${detail.slice(0, 160)})` : ''}`,
  };
}
