// What a phase's block and value counts mean, in one place for the CLI and the view: reachable blocks
// and live values, the ones the compiler's text dumps print (print.go: dumpFile's printer leaves dead
// ones out); ssa.html prints the dead ones too, marked dead-block / dead-value, counted apart here.
import type { SsaPhase } from '../../shared/ssa';

export interface PhaseCounts {
  /** Reachable blocks. */
  blocks: number;
  /** Live values in reachable blocks. */
  values: number;
  /** Unreachable blocks (only ssa.html shows them). */
  deadBlocks: number;
  /** Dead values, including those of unreachable blocks (only ssa.html shows them). */
  deadValues: number;
}

export const COUNTS_MEANING = 'blocks: reachable ones; values: live ones (what the text dumps print); dead ones, which only ssa.html shows, are counted apart';

export function phaseCounts(p: Pick<SsaPhase, 'blocks'>): PhaseCounts {
  const c: PhaseCounts = { blocks: 0, values: 0, deadBlocks: 0, deadValues: 0 };
  for (const b of p.blocks) {
    if (b.dead) c.deadBlocks++;
    else c.blocks++;
    for (const v of b.values) {
      if (b.dead || v.dead) c.deadValues++;
      else c.values++;
    }
  }
  return c;
}
