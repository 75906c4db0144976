// The symbols of a size comparison, the biggest change first; a symbol that appeared shows beside it why
// the after-binary has it (the root of its chain in the run's -dumpdep graph, the culprits on it) and a
// "Why?" link that opens the whole chain in the Why panel.
import type { SizeDiffResult } from '../../../../shared/contract/binary';
import { formatBytesFine } from '../../../../shared/format';
import { signedBytes } from './FileSizeDiff';

interface Props {
  rows: SizeDiffResult['symbols'];
  /** Why the appeared symbols have no reason (no graph recorded for the after-binary…). */
  whyNote?: string | undefined;
  onWhy: (symbol: string) => void;
}

export function SymbolDeltaRows({ rows, whyNote, onWhy }: Props) {
  const anyWhy = rows.some((r) => r.why);
  return (
    <div>
      <table data-testid="size-diff-symbols">
        <thead>
          <tr>
            <th>symbol</th>
            <th className="num">before</th>
            <th className="num">after</th>
            <th className="num">change</th>
            {anyWhy && <th>why it appeared</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.name}>
              <td className="mono wrap size-diff-symbol">{d.name}</td>
              <td className="num">{formatBytesFine(d.before)}</td>
              <td className="num">{formatBytesFine(d.after)}</td>
              <td className={`num ${d.delta > 0 ? 'bad-text' : 'ok-text'}`}>{signedBytes(d.delta)}</td>
              {anyWhy && (
                <td data-testid={d.why ? 'size-diff-why' : undefined}>
                  {d.why && (
                    <>
                      <span className="muted">
                        from <span className="mono">{d.why.root}</span>, {d.why.steps} step{d.why.steps === 1 ? '' : 's'}
                      </span>
                      {d.why.culprits.map((c) => (
                        <span key={c} className="why-culprit-tag">
                          {c}
                        </span>
                      ))}{' '}
                      <button type="button" className="link-button" data-testid="size-diff-why-link" onClick={() => onWhy(d.name)}>
                        Why?
                      </button>
                    </>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {whyNote && (
        <p className="muted" data-testid="size-diff-why-note">
          Why new symbols appeared: {whyNote}
        </p>
      )}
    </div>
  );
}
