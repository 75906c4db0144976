// The places outside the project that may be read, never written: the toolchain's GOROOT (the standard
// library) and the module cache (GOMODCACHE), as `go env` reports them for the project, resolved with
// realpath. A file is readable only when its own realpath is inside one of them: `..` and symlinks that
// lead elsewhere are refused like outside the project.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { GopsyError } from '../../shared/rpc';
import { moduleOfCachePath } from '../../core/modules/cacheOrigin';
import { goEnvValues } from './go/env';
import { isInside, toRelative } from './paths';

export interface ReadOnlyRoots {
  /** realpath of `go env GOROOT`, or '' when unknown. */
  goroot: string;
  /** realpath of `go env GOMODCACHE`, or ''. */
  gomodcache: string;
  /** `go env GOVERSION`, e.g. go1.26.8. */
  goVersion: string;
}

const real = (p: string) => (p ? realpath(p).catch(() => '') : Promise.resolve(''));

/** Asks `go env` in the project's folder (its go.mod may select another toolchain); null without go. */
export async function findReadOnlyRoots(cwd: string): Promise<ReadOnlyRoots | null> {
  const res = await goEnvValues(['GOROOT', 'GOMODCACHE', 'GOVERSION'], { cwd }).catch(() => null);
  if (!res || res.exitCode !== 0) return null;
  const [goroot = '', gomodcache = '', goVersion = ''] = res.values;
  return { goroot: await real(goroot), gomodcache: await real(gomodcache), goVersion };
}

/** What the editor's tab says a read-only file is, from its real path; null when it is in neither root. */
export function originOf(roots: ReadOnlyRoots, abs: string): string | null {
  if (roots.goroot && isInside(roots.goroot, abs)) return `Go stdlib ${roots.goVersion || ''}`.trim();
  if (roots.gomodcache && isInside(roots.gomodcache, abs)) {
    return moduleOfCachePath(toRelative(roots.gomodcache, abs)) ?? 'module cache';
  }
  return null;
}

/** The real path of an absolute path under one of the roots, and its origin; refuses anything else. */
export async function resolveReadOnly(roots: ReadOnlyRoots | null, p: string): Promise<{ abs: string; origin: string }> {
  if (p.includes('\0')) throw new GopsyError('bad-path', 'The path contains a NUL byte.');
  const refused = new GopsyError(
    'outside-project',
    `${p} is outside the project folder, the Go standard library (GOROOT) and the module cache (GOMODCACHE).`,
  );
  if (!roots || !path.isAbsolute(p)) throw refused;
  let abs: string;
  try {
    abs = await realpath(path.resolve(p));
  } catch {
    if (originOf(roots, path.resolve(p))) throw new GopsyError('not-found', `${p} does not exist.`);
    throw refused;
  }
  const origin = originOf(roots, abs);
  if (!origin) throw refused;
  return { abs, origin };
}
