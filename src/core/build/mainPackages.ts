// Names the compiles of `main` packages by import path. -bench labels every command's compile `main`
// (the compiler's -p), so a module with several commands has main, main (2)… numbered in the order the
// compiles ended; comparing those numbers compares different commands. The action graph knows each
// compile's import path, its `-p`, when it started and how long the compiler ran: the compiler appends
// its -bench lines as it ends, so blocks follow the compiles' ends, and a compile's own timing (the
// block's total) fits inside the compiler's run time (CmdReal), which tells apart compiles that ended
// within a few ms of each other (gopls: golang.org/x/tools/gopls and unusedparams/cmd, 8 ms apart).
import type { BuildAction, PackagePhases } from '../../shared/build';

const MAIN_BLOCK = /^main(?: \(\d+\))?$/;

/** True for a compile the action graph shows ran the compiler with `-p main`. */
export function compilesMain(a: BuildAction): boolean {
  if (a.mode !== 'build' || !a.cmd || a.cacheHit) return false;
  // The go command puts the whole compile line in one Cmd string; split it to find `-p main`.
  const words = a.cmd.flatMap((c) => c.split(/\s+/));
  return words.some((w, i) => w === '-p' && words[i + 1] === 'main');
}

/** The Go files a compile was given: the go command passes them, absolute, after -pack. */
export function compileGoFiles(a: BuildAction): string[] {
  const words = (a.cmd ?? []).flatMap((c) => c.split(/\s+/));
  const at = words.indexOf('-pack');
  return at < 0 ? [] : words.slice(at + 1).filter((w) => w.endsWith('.go'));
}

/** A file's lines as the compiler's fe:parse counts them: its newlines plus one. */
export function compilerLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export interface NamedMains {
  phases: PackagePhases[];
  /** Set when the main compiles could not be told apart (they keep their numbered names). */
  note?: string;
}

/** Compiles that end closer together than this may have written their -bench lines in either order. */
const TIE_MS = 250;

/** When the compiler process ended: the action's start plus the compiler's run time (else when the action ended). */
const endOf = (a: BuildAction) => (a.startMs !== undefined && a.cmdMs !== undefined ? a.startMs + a.cmdMs : (a.doneMs ?? 0));

/**
 * Pairs each -bench block with a compile. First by source lines, where the sources could be read: a
 * block's fe:parse lines equal its package's, and one package alone has that count. Then, in file
 * order, among the compiles not yet paired that ended within TIE_MS of the earliest, the one whose
 * compiler ran at least the block's total and least beyond it (tiny commands compiled at once can end
 * in either order, which only the lines tell apart).
 */
function pairBlocks(blocks: PackagePhases[], mains: BuildAction[], lines: ReadonlyMap<string, number>): BuildAction[] {
  const left = [...mains].sort((x, y) => endOf(x) - endOf(y));
  const paired = new Map<PackagePhases, BuildAction>();
  for (const b of blocks) {
    const same = left.filter((a) => b.lines !== undefined && lines.get(a.package) === b.lines);
    const blocksWithCount = blocks.filter((o) => o.lines === b.lines).length;
    if (same.length === 1 && blocksWithCount === 1) {
      paired.set(b, same[0]!);
      left.splice(left.indexOf(same[0]!), 1);
    }
  }
  return blocks.map((b) => {
    const known = paired.get(b);
    if (known) return known;
    const first = endOf(left[0]!);
    const near = left.filter((a) => endOf(a) - first <= TIE_MS);
    const totalMs = b.totalNs / 1e6;
    const fits = near.filter((a) => a.cmdMs !== undefined && a.cmdMs >= totalMs).sort((x, y) => x.cmdMs! - y.cmdMs!);
    const chosen = fits[0] ?? near[0]!;
    left.splice(left.indexOf(chosen), 1);
    return chosen;
  });
}

/** `lines`: each main package's source lines (compilerLines of its compileGoFiles), where they could be read. */
export function nameMainCompiles(phases: PackagePhases[], actions: BuildAction[] | null, lines: ReadonlyMap<string, number> = new Map()): NamedMains {
  const blocks = phases.filter((p) => MAIN_BLOCK.test(p.package));
  if (blocks.length === 0) return { phases };
  const why = (s: string) => ({ phases, note: `The ${blocks.length} compiles of main packages are numbered in build order, not named: ${s}` });
  if (!actions) return blocks.length > 1 ? why('the run has no action graph.') : { phases };
  const mains = actions.filter(compilesMain);
  if (mains.length !== blocks.length) {
    return why(`the action graph shows ${mains.length} compiles with -p main, the -bench file ${blocks.length}.`);
  }
  const paired = pairBlocks(blocks, mains, lines);
  const names = new Map(blocks.map((b, i) => [b, paired[i]!.package] as const));
  if (new Set(names.values()).size !== blocks.length) return why('two of them have the same import path.');
  return { phases: phases.map((p) => (names.has(p) ? { ...p, package: names.get(p)! } : p)) };
}
