// Progress of an SSA build, read from the lines gopsy's toolexec wrapper appends for each tool it runs
// ("start compile PKG", "end compile PKG"): only tools that really run are logged, so packages the go
// cache already holds never show up. The text a user reads while the build runs is made here too.
import type { SsaProgress as BuildProgress } from '../../shared/contract/ssa';

export type { BuildProgress };

/** Counts finished compiles and the packages whose tools run now, from the wrapper's log text. */
export function readToolLog(text: string): { compiled: number; running: string[] } {
  const open = new Map<string, number>();
  let compiled = 0;
  for (const line of text.split('\n')) {
    const m = /^(start|end) (\S+) (.+)$/.exec(line);
    if (!m) continue;
    const key = `${m[2]} ${m[3]}`;
    if (m[1] === 'start') open.set(key, (open.get(key) ?? 0) + 1);
    else {
      const n = (open.get(key) ?? 1) - 1;
      if (n > 0) open.set(key, n);
      else open.delete(key);
      if (m[2] === 'compile') compiled++;
    }
  }
  return { compiled, running: [...new Set([...open.keys()].map((k) => k.slice(k.indexOf(' ') + 1)))] };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

/** One line on what runs now: step, counts, the package being compiled, elapsed time. */
export function progressText(p: BuildProgress): string {
  if (p.step === 'sources') return `${p.title}: reading the package graph (go list -deps)… ${seconds(p.elapsedMs)}`;
  if (p.step === 'read') return `${p.title}: reading the compiler's output… ${seconds(p.elapsedMs)}`;
  const now = p.running.length ? ` · now: ${p.running.slice(0, 2).join(', ')}${p.running.length > 2 ? ` +${p.running.length - 2}` : ''}` : '';
  const of = p.total ? ` of the ${p.total} in the build (cached ones are not compiled again)` : '';
  return `${p.title}: ${p.compiled} packages compiled${of}${now} · ${seconds(p.elapsedMs)}`;
}
