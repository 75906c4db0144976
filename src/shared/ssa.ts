// The SSA data model: what the ssa.html parser and the text-dump parser both produce (src/core/ssa),
// what the backend keeps and pages out, and what the renderer draws. Plain data, JSON-safe.

export interface SsaValue {
  /** "v12". IDs are recycled by the compiler: the same ID in two phases may be a different value. */
  id: string;
  op: string;
  /** The type between < >, e.g. "int" or "*Item,bool,mem"; "" when the line has none. */
  type: string;
  /** Argument value IDs in order. */
  args: string[];
  /** auxint and aux as printed: "[8] {s}"; "" when none. */
  aux: string;
  /** Source line (innermost position for inlined code); null when the compiler printed (?). */
  line: number | null;
  /** '+' is_stmt, '-' not_stmt, '' default. */
  stmt: '+' | '-' | '';
  /** Register after regalloc (" : AX"). */
  reg?: string;
  /** What follows the args: register, tmp=, (names). */
  extra: string;
  /** The value is dead (only ssa.html shows dead values; text dumps omit them). */
  dead: boolean;
}

export interface SsaSucc {
  id: string;
  /** true: the likely successor; false: the unlikely one; absent: no prediction. */
  likely?: boolean;
}

export interface SsaBlock {
  id: string;
  kind: string;
  preds: string[];
  succs: SsaSucc[];
  /** Control values ("If v11" → ["v11"]). */
  controls: string[];
  /** auxint/aux of the block, as printed. */
  aux: string;
  /** 'likely' / 'unlikely' as printed after the successors. */
  branch?: 'likely' | 'unlikely';
  line: number | null;
  values: SsaValue[];
  dead: boolean;
}

export interface SsaNameRow {
  /** LocalSlot text, e.g. "s[*Store]" (unescaped in ssa.html: treat as text). */
  slot: string;
  values: string[];
}

export interface SsaPhase {
  /** Column title ("short circuit  +  decompose user  +  opt") or the pass name for text dumps. */
  name: string;
  /** The passes merged into this column (all but the last changed nothing). */
  passes: string[];
  /** Time spent in each pass (ns) where the dump has it; null where it has none. */
  timings: Array<number | null>;
  blocks: SsaBlock[];
  names: SsaNameRow[];
  /** Text dumps only: true when this pass's output equals the previous one (the pass changed nothing). */
  unchanged?: boolean;
  /** The column ended early (truncated input): what is there is shown, marked partial. */
  partial?: boolean;
  /** Only the first blocks, shown while the whole phase is parsed: ask for the phase again to get it all. */
  preview?: boolean;
}

export interface SsaSourceFile {
  file: string;
  lines: Array<{ line: number; text: string }>;
}

export interface SsaAstLine {
  line: number | null;
  text: string;
}

export interface SsaProgLine {
  /** Program counter index ("00006" → 6); absent on pseudo rows (# file, # live at ...). */
  pc?: number;
  line: number | null;
  stmt: '+' | '-' | '';
  text: string;
  /** The value or block this instruction came from. */
  value?: string;
  block?: string;
  /** The source file in effect (from the last "# file" row). */
  file?: string;
}

/** A column gopsy does not know (a newer Go): kept as plain text lines. */
export interface SsaOtherColumn {
  name: string;
  lines: string[];
}

export interface SsaFunction {
  /** As printed by the compiler: "(*Store).Add,1" in ssa.html, "(*Store).Add" in text dumps. */
  name: string;
  /** Text dumps: the function's type from the header line. */
  signature?: string;
  format: 'html' | 'dumps';
  phases: SsaPhase[];
  sources: SsaSourceFile[];
  ast: SsaAstLine[];
  genssa: SsaProgLine[];
  other: SsaOtherColumn[];
  /** Something was missing or cut: the view says so. */
  partial: boolean;
  /** Plain-language notes about the input (truncation, unknown columns...). */
  warnings: string[];
}

/** What changed from one phase to another, by ID. */
export interface PhaseDiff {
  addedValues: string[];
  removedValues: string[];
  changedValues: string[];
  addedBlocks: string[];
  removedBlocks: string[];
  changedBlocks: string[];
}

export interface ValueHistory {
  id: string;
  /** In the asked phase: where it is defined and who uses it (values and block controls). */
  def: { block: string; text: string; line: number | null; dead: boolean } | null;
  uses: Array<{ id: string; block: string; text: string }>;
  /** Per phase, the value with this ID (null where there is none). */
  presence: Array<{ phase: number; block: string; text: string; dead: boolean } | null>;
  firstPhase: number | null;
  lastPhase: number | null;
  /** Phases where the op or type under this ID changed: likely another value reusing the ID. */
  suspectReuse: number[];
  caveat: string;
}
