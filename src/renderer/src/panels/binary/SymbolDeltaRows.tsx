// The symbols of a size comparison, the biggest change first; a symbol that appeared shows beside it why
// the after-binary has it (the root of its chain in the run's -dumpdep graph, the culprits on it) and a
// "Why?" link that opens the whole chain in the Why panel.
import type { SizeDiffResult } from '../../../../shared/contract/binary';
import { DeltaRows } from './FileSizeDiff';

type Row = SizeDiffResult['symbols'][number];

interface Props {
  rows: Row[];
  /** Why the appeared symbols have no reason (no graph recorded for the after-binary…). */
  whyNote?: string | undefined;
  onWhy: (symbol: string) => void;
}

function WhyCell({ row, onWhy }: { row: Row; onWhy: (symbol: string) => void }) {
  const why = row.why;
  if (!why) return null;
  return (
    <span data-testid="size-diff-why">
      <span className="muted">
        from <span className="mono">{why.root}</span>, {why.steps} step{why.steps === 1 ? '' : 's'}
      </span>
      {why.culprits.map((c) => (
        <span key={c} className="why-culprit-tag">
          {c}
        </span>
      ))}{' '}
      <button type="button" className="link-button" data-testid="size-diff-why-link" onClick={() => onWhy(row.name)}>
        Why?
      </button>
    </span>
  );
}

export function SymbolDeltaRows({ rows, whyNote, onWhy }: Props) {
  const extra = rows.some((r) => r.why) ? { title: 'why it appeared', cell: (r: Row) => <WhyCell row={r} onWhy={onWhy} /> } : undefined;
  return (
    <div>
      <DeltaRows title="symbol" rows={rows} testId="size-diff-symbols" {...(extra ? { extra } : {})} />
      {whyNote && (
        <p className="muted" data-testid="size-diff-why-note">
          Why new symbols appeared: {whyNote}
        </p>
      )}
    </div>
  );
}
