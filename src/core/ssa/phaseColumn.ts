// The pass columns of ssa.html: what HTMLWriter.WritePhase writes, one column per run of passes that
// changed the function (an <h2> title per pass), holding Func.HTML: each block a <ul> (startBlock: its
// id and preds; its values, each an <li> of Value.LongHTML; endBlock: Block.LongHTML), then the "name"
// rows of the named values. A column without blocks is one we do not know: kept as text.
import type { SsaBlock, SsaFunction, SsaPhase } from '../../shared/ssa';
import { classToken, passNs, type ColumnReader } from './columnReader';
import { longHtml, markStmt, readBlockEnd, readSpan, valueOf, type LongHtml } from './longHtml';
import type { ValueLine } from './valueLine';

export type OnPhase = (phase: SsaPhase, index: number, fnName: string) => void;

export class PhaseColumn implements ColumnReader {
  private handed = 0;
  private phase: SsaPhase | null = null;
  /** The column's text while it has shown no block: an unknown column is kept as this text. */
  private otherText = '';
  private block: SsaBlock | null = null;
  /** Inside a block's start <li>: its block spans are the preds. Not reset when a column ends. */
  private inStart = false;
  private value: (LongHtml & { dead: boolean }) | null = null;
  private blockEnd: LongHtml | null = null;
  private named: LongHtml | null = null;

  /** retain=false: phases are only handed to onPhase, not kept in fn (see SsaHtmlParser). */
  constructor(
    private readonly fn: SsaFunction,
    private readonly onPhase: OnPhase | undefined,
    private readonly retain: boolean,
  ) {}

  /** Phases handed on so far (kept or not). */
  get count(): number {
    return this.handed;
  }

  begin(title: string): void {
    this.otherText = '';
    this.phase = { name: title, passes: [], timings: [], blocks: [], names: [] };
  }

  /** An <h2> of the column: one of the passes it shows, with its time. */
  pass(title: string, stats: string): void {
    if (!this.phase) return;
    this.phase.passes.push(title.trim());
    this.phase.timings.push(passNs(stats));
  }

  open(name: string, cls: string): void {
    const phase = this.phase!;
    if (name === 'ul' && cls.includes('ssa-print-func')) {
      const id = classToken(cls, 'b') ?? `b?${phase.blocks.length}`;
      this.block = { id, kind: '', preds: [], succs: [], controls: [], aux: '', line: null, values: [], dead: cls.includes('dead-block') };
      phase.blocks.push(this.block);
      return;
    }
    if (name === 'li') {
      if (cls.includes('ssa-start-block')) this.inStart = true;
      else if (cls.includes('ssa-end-block')) this.blockEnd = longHtml();
      else if (cls.includes('ssa-long-value')) this.value = { ...longHtml(), dead: cls.includes('dead-value') };
      else if (!cls && !this.block) this.named = longHtml(); // "name x[T]: v1" rows follow the blocks
      return;
    }
    if (name === 'span') {
      const c = this.value ?? this.blockEnd ?? this.named;
      if (c) readSpan(c, cls);
      else if (this.inStart && this.block && !cls.includes('line-number') && cls.includes('ssa-block')) {
        const b = classToken(cls, 'b');
        if (b && b !== this.block.id) this.block.preds.push(b);
      }
    } else if (name === 'b' || name === 's') markStmt(this.value ?? this.blockEnd, name);
  }

  close(name: string, cls: string): void {
    if (name === 'span' && cls.includes('line-number')) {
      const c = this.value ?? this.blockEnd;
      if (c) c.inLine = false;
    } else if (name === 'li') {
      if (this.inStart) this.inStart = false;
      else if (this.blockEnd) this.endBlock();
      else if (this.value) this.endValue();
      else if (this.named) this.endNamed();
    } else if (name === 'ul' && cls.includes('ssa-print-func')) {
      this.endValue();
      this.block = null;
    }
  }

  /** Whether a value line read whole would be read here as its tags would be (see valueLine.ts). */
  acceptsValueLine(): boolean {
    return this.block !== null && !this.inStart && this.value === null && this.blockEnd === null;
  }

  /** A value line read whole: what opening its <li>, reading its spans and closing it would do. */
  valueLine(line: ValueLine): void {
    this.block!.values.push(valueOf(line, line.dead));
  }

  wantsText(): boolean {
    return (this.phase !== null && this.phase.blocks.length === 0) || !!(this.value ?? this.blockEnd ?? this.named);
  }

  text(text: string): void {
    // Only a column that has shown no block yet may turn out unknown; appending every text of every
    // column would build a string as large as the file.
    if (this.phase && this.phase.blocks.length === 0) this.otherText += text;
    const c = this.value ?? this.blockEnd ?? this.named;
    if (!c) return;
    if (c.inLine) c.lineMark += text;
    else c.text += text;
  }

  end(truncated: boolean): void {
    const phase = this.phase!;
    if (truncated) phase.partial = true;
    this.endValue();
    if (phase.blocks.length > 0) {
      if (phase.passes.length === 0) phase.passes = [phase.name];
      if (this.retain) this.fn.phases.push(phase);
      // Counted apart from the call: `onPhase?.(…, n++)` skips the increment when there is no listener.
      const index = this.handed++;
      this.onPhase?.(phase, index, this.fn.name);
    } else {
      // Every SSA function has an entry block: a column without blocks is something we do not know.
      const lines = this.otherText.split('\n').map((l) => l.trimEnd()).filter(Boolean);
      this.fn.other.push({ name: phase.name, lines });
      this.fn.warnings.push(`Unknown column "${phase.name}" (a newer Go?): shown as plain text.`);
    }
    this.phase = null;
    this.block = null;
    this.value = null;
    this.blockEnd = null;
    this.named = null;
  }

  private endValue(): void {
    const c = this.value;
    if (!c || !this.block) return;
    this.value = null;
    this.block.values.push(valueOf(c, c.dead));
  }

  private endBlock(): void {
    const c = this.blockEnd!;
    this.blockEnd = null;
    if (this.block) readBlockEnd(c, this.block);
  }

  private endNamed(): void {
    const c = this.named!;
    this.named = null;
    const m = /^\s*name (.*?):\s*(?:v\d+\s*)*$/s.exec(c.text);
    if (m && this.phase) this.phase.names.push({ slot: m[1]!.trim(), values: c.values });
  }
}
