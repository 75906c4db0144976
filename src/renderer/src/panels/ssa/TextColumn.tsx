// The sources, AST and genssa columns as plain text rows with their source lines; clicking a line opens it.
import type { ReactNode } from 'react';
import { VirtualRows } from './VirtualRows';

export interface TextRow {
  line: number | null;
  text: string;
  /** A file header row (sources) or a value/block reference (genssa). */
  head?: boolean;
  ref?: string;
  pc?: number;
}

export function TextColumn({ rows, onLine, onRef, testId }: { rows: TextRow[]; onLine: (line: number, i: number) => void; onRef?: (id: string) => void; testId: string }) {
  const render = (i: number): ReactNode => {
    const r = rows[i]!;
    return (
      <div className={`ssa-row text${r.head ? ' head' : ''}`}>
        {r.pc !== undefined && <span className="muted">{String(r.pc).padStart(5, '0')} </span>}
        {r.ref && (
          <span className="ssa-vref" onClick={() => onRef?.(r.ref!)}>
            {r.ref.padEnd(6)}
          </span>
        )}
        <span className="ssa-line" onClick={() => r.line !== null && onLine(r.line, i)}>
          {r.line === null ? '' : `${r.line}`.padStart(5)}
        </span>{' '}
        <span className="pre">{r.text}</span>
      </div>
    );
  };
  return <VirtualRows count={rows.length} rowHeight={19} render={render} testId={testId} />;
}
