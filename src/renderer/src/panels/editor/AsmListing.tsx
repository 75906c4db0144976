// The listing of the instructions panel: function headers, source lines, remarks and instructions in
// rows of one height, with jumps inside a function drawn as arrows in the left gutter. Hovering a row
// reports its source line; rows of the hot line (hovered here or in the editor) are highlighted.
import { useMemo } from 'react';
import type { LinesAsm } from '../../../../shared/contract/linesAsm';
import { asmRows, jumpArrows, MAX_LANES, type AsmRow } from './linesAsmModel';

export const ROW_HEIGHT = 18;
const LANE_WIDTH = 7;
const GUTTER = MAX_LANES * LANE_WIDTH + 8;

interface Props {
  result: LinesAsm;
  hotLine: number | null;
  onHover: (line: number | null) => void;
  /** Opens the genssa column of the SSA browser for the function at a line of this file. */
  onGenssa: (line: number) => void;
  onOpen: (path: string, line: number) => void;
}

const hex = (n: number, binary: boolean) => (binary ? n.toString(16) : String(n).padStart(5, '0'));

function Row({ row, result, binary, onGenssa, onOpen }: { row: AsmRow; result: LinesAsm; binary: boolean } & Pick<Props, 'onGenssa' | 'onOpen'>) {
  switch (row.kind) {
    case 'function': {
      const b = row.block;
      const first = b.instructions[0]!.line;
      return (
        <div className="asm-fn" data-testid="asm-function">
          <span className="mono">{b.function}</span>
          {b.kind === 'inlinedInto' ? (
            <span className="muted"> · these lines inlined into it ({b.file})</span>
          ) : (
            <button className="link-button" title="Compile this function's SSA and show its genssa column" data-testid="asm-genssa" onClick={() => onGenssa(first)}>
              genssa
            </button>
          )}
          <span className="muted"> · {b.instructions.length} instructions</span>
        </div>
      );
    }
    case 'source':
      return (
        <div className="asm-src mono" data-testid="asm-line">
          <span className="asm-lineno">{row.line}</span>
          <span className="asm-src-text">{row.text}</span>
        </div>
      );
    case 'remark':
      return (
        <div className={`asm-remark asm-remark-${row.remark.kind}`} data-testid="asm-remark" title={row.remark.message}>
          <span className="asm-lineno">{row.line}</span>
          <span className="asm-remark-kind">{row.remark.kind}</span> {row.remark.message}
        </div>
      );
    case 'insn': {
      const i = row.insn;
      return (
        <div className={`asm-insn mono${i.inlinedFrom ? ' inlined' : ''}`} data-testid="asm-insn" data-line={row.line}>
          <span className="asm-addr muted">{hex(i.address, binary)}</span>
          <span className="asm-text">{i.text}</span>
          {i.inlinedFrom && (
            <button className="link-button asm-from" title="Inlined code: open where it came from" onClick={() => onOpen(i.inlinedFrom!.file, i.inlinedFrom!.line)}>
              ← {i.inlinedFrom.file}:{i.inlinedFrom.line}
            </button>
          )}
          {i.jump !== undefined && !result.blocks[row.block]!.instructions.some((x) => x.address === i.jump) && (
            <span className="muted asm-out"> (target outside these lines)</span>
          )}
        </div>
      );
    }
  }
}

export function AsmListing({ result, hotLine, onHover, onGenssa, onOpen }: Props) {
  const rows = useMemo(() => asmRows(result), [result]);
  const arrows = useMemo(() => jumpArrows(rows), [rows]);
  const binary = result.origin.kind === 'binary';
  const y = (row: number) => row * ROW_HEIGHT + ROW_HEIGHT / 2;
  return (
    <div className="asm-listing" data-testid="asm-listing" style={{ paddingLeft: GUTTER }} onMouseLeave={() => onHover(null)}>
      <svg className="asm-arrows" width={GUTTER} height={rows.length * ROW_HEIGHT} data-testid="asm-arrows" aria-hidden>
        <defs>
          <marker id="asm-arrowhead" markerWidth="6" markerHeight="6" refX="5" refY="3" orient="auto">
            <path d="M0,0 L6,3 L0,6 z" className="asm-arrowhead" />
          </marker>
        </defs>
        {arrows.map((a) => {
          const x = GUTTER - 6 - a.lane * LANE_WIDTH;
          const hot = hotLine !== null && [a.from, a.to].some((r) => rows[r]!.kind === 'insn' && (rows[r] as { line: number }).line === hotLine);
          return (
            <path
              key={`${a.from}-${a.to}`}
              className={`asm-arrow${a.to < a.from ? ' back' : ''}${hot ? ' hot' : ''}`}
              d={`M${GUTTER - 1},${y(a.from)} H${x} V${y(a.to)} H${GUTTER - 2}`}
              markerEnd="url(#asm-arrowhead)"
            />
          );
        })}
      </svg>
      {rows.map((row) => {
        const line = row.kind === 'function' ? null : row.line;
        return (
          <div
            key={row.key}
            className={`asm-row${line !== null && line === hotLine ? ' hot' : ''}`}
            style={{ height: ROW_HEIGHT }}
            onMouseEnter={() => onHover(line)}
          >
            <Row row={row} result={result} binary={binary} onGenssa={onGenssa} onOpen={onOpen} />
          </div>
        );
      })}
    </div>
  );
}
