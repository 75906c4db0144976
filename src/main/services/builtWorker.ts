// Where a worker thread's bundle is: electron-vite writes each worker entry (electron.vite.config.ts)
// next to the main and CLI bundles, and the module asking may sit in a shared chunk one folder below.
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The built `name` (e.g. 'ssaWorker.js') seen from the module at `dir`/`file` (its __dirname and
 * __filename), or null when running the sources (tests), where the caller works in its own thread.
 * A build without it is an error naming `what`, never a silent fallback onto the backend's main thread.
 */
export function builtWorkerFile(name: string, dir: string, file: string, what: string): string | null {
  for (const d of [dir, path.dirname(dir)]) {
    const candidate = path.join(d, name);
    if (existsSync(candidate)) return candidate;
  }
  if (file.endsWith('.ts')) return null;
  throw new Error(`${what} (${name}) is missing next to ${dir}: the build is incomplete`);
}
