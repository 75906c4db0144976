// Parses the dynamic loader's own account of its library search: the stderr of a program run with
// LD_DEBUG=libs (glibc). Each `find library=NAME [n]; searching` starts a search; `search path=DIRS
// (SOURCE)` and `search cache=FILE` say where it looks, `trying file=PATH` each candidate. glibc never
// prints "found": the library was found at the last tried file unless the loader then failed on that
// name ("error while loading shared libraries: NAME: …"), and `calling init: PATH` confirms a load.
import type { LibrarySearch } from '../../shared/contract/binaryTypes';

export interface LdDebugResult {
  searches: LibrarySearch[];
  /** The loader's fatal error, if it stopped the program. */
  loaderError?: string;
  /** The program's own stderr (every line that is not the loader's). */
  otherOutput: string;
}

/** glibc prefixes each line with the pid as `%5d:\t`; the tab keeps a program's own `12: …` lines out. */
const DEBUG_LINE = /^\s*(\d+):\t(.*)$/;

export function parseLdDebug(stderr: string): LdDebugResult {
  const searches: LibrarySearch[] = [];
  const inits = new Set<string>();
  const other: string[] = [];
  let pid: string | null = null;
  let current: LibrarySearch | null = null;
  let loaderError: string | undefined;
  for (const line of stderr.split('\n')) {
    const m = DEBUG_LINE.exec(line);
    if (!m) {
      if (/error while loading shared libraries:/.test(line)) loaderError = line.trim();
      else if (line !== '') other.push(line);
      continue;
    }
    // Children the program starts inherit LD_DEBUG; only the program's own loader is shown.
    pid ??= m[1]!;
    if (m[1] !== pid) continue;
    const body = m[2]!.trim();
    let f: RegExpExecArray | null;
    if ((f = /^find library=(\S+) \[\d+\]; searching$/.exec(body))) {
      current = { library: f[1]!, steps: [], tried: [], found: false };
      searches.push(current);
    } else if (!current) {
      if ((f = /^calling init: (.+)$/.exec(body))) inits.add(f[1]!);
    } else if ((f = /^search path=(.*?)\s+\(([^)]+)\)$/.exec(body))) {
      current.steps.push({ kind: 'path', source: f[2]!, dirs: f[1]!.split(':').filter(Boolean) });
    } else if ((f = /^search cache=(.+)$/.exec(body))) {
      current.steps.push({ kind: 'cache', source: f[1]!, dirs: [] });
    } else if ((f = /^trying file=(.+)$/.exec(body))) {
      current.tried.push(f[1]!);
    } else if (body === '') {
      current = null;
    } else if ((f = /^calling init: (.+)$/.exec(body))) {
      inits.add(f[1]!);
      current = null;
    }
  }
  for (const s of searches) {
    const failed = loaderError?.includes(`shared libraries: ${s.library}:`) ?? false;
    const last = s.tried.at(-1);
    if (!failed && last) {
      s.found = true;
      s.path = last;
    }
    if (s.path && inits.has(s.path)) s.initialised = true;
  }
  return { searches, otherOutput: other.join('\n'), ...(loaderError ? { loaderError } : {}) };
}
