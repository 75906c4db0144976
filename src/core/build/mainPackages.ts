// Names the compiles of `main` packages by import path. -bench labels every command's compile `main`
// (the compiler's -p), so a module with several commands has main, main (2)… numbered in the order the
// compiles ended; comparing those numbers compares different commands. The action graph knows each
// compile's import path, its `-p` and when it ended: the k-th `main` block of the -bench file is the
// k-th `-p main` compile to end.
import type { BuildAction, PackagePhases } from '../../shared/build';

const MAIN_BLOCK = /^main(?: \(\d+\))?$/;

/** True for a compile the action graph shows ran the compiler with `-p main`. */
function compilesMain(a: BuildAction): boolean {
  if (a.mode !== 'build' || !a.cmd || a.cacheHit) return false;
  // The go command puts the whole compile line in one Cmd string; split it to find `-p main`.
  const words = a.cmd.flatMap((c) => c.split(/\s+/));
  return words.some((w, i) => w === '-p' && words[i + 1] === 'main');
}

export interface NamedMains {
  phases: PackagePhases[];
  /** Set when the main compiles could not be told apart (they keep their numbered names). */
  note?: string;
}

export function nameMainCompiles(phases: PackagePhases[], actions: BuildAction[] | null): NamedMains {
  const blocks = phases.filter((p) => MAIN_BLOCK.test(p.package));
  if (blocks.length === 0) return { phases };
  const why = (s: string) => ({ phases, note: `The ${blocks.length} compiles of main packages are numbered in build order, not named: ${s}` });
  if (!actions) return blocks.length > 1 ? why('the run has no action graph.') : { phases };
  const mains = actions.filter(compilesMain).sort((x, y) => (x.doneMs ?? 0) - (y.doneMs ?? 0));
  if (mains.length !== blocks.length) {
    return why(`the action graph shows ${mains.length} compiles with -p main, the -bench file ${blocks.length}.`);
  }
  const names = new Map(blocks.map((b, i) => [b, mains[i]!.package] as const));
  if (new Set(names.values()).size !== blocks.length) return why('two of them have the same import path.');
  return { phases: phases.map((p) => (names.has(p) ? { ...p, package: names.get(p)! } : p)) };
}
