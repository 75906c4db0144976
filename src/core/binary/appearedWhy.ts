// Why the symbols that appeared in a size diff are in the after-binary: for each (the biggest first, up
// to a limit so that a large diff stays fast) the root of its chain in the linker's -dumpdep graph, the
// chain's length and the culprits on it, from whyInGraph. Symbols the graph does not name are skipped.
import type { AppearedWhy } from '../../shared/contract/binaryWhy';
import type { ReachGraph } from './reachability';
import { whyInGraph } from './whyInBinary';

/** How many appeared symbols get a reason by default (the diff sends them biggest change first). */
export const APPEARED_WHY_LIMIT = 100;

export function appearedReasons(g: ReachGraph, symbols: Array<{ name: string; before: number; after: number }>, limit = APPEARED_WHY_LIMIT): Map<string, AppearedWhy> {
  const out = new Map<string, AppearedWhy>();
  for (const s of symbols) {
    if (out.size >= limit) break;
    // Only exact names: a suffix search over a large graph per row would make a big diff slow.
    if (s.before !== 0 || s.after === 0 || !g.ids.has(s.name)) continue;
    const answer = whyInGraph(g, s.name);
    if (!answer.ok) continue;
    const { root, chain, culprits } = answer.why;
    out.set(s.name, { root, steps: chain.length, culprits: culprits.map((c) => c.kind) });
  }
  return out;
}
