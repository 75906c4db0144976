// "Compare sizes": two of the analysed binaries (built for analysis, opened, or kept by runs) → which
// packages and symbols grew or shrank, the biggest change first, with totals. Sizes are nm's; a symbol that
// appeared says why the after-binary has it when that binary's run recorded the linker's graph.
import { useEffect, useState } from 'react';
import type { GopsyApi } from '../../../../shared/api';
import type { BinarySummary, SizeDiffResult } from '../../../../shared/contract/binary';
import { formatBytesFine } from '../../../../shared/format';
import { DeltaRows, FileSizeDiff, signedBytes as signed } from './FileSizeDiff';
import { SymbolDeltaRows } from './SymbolDeltaRows';

interface Props {
  api: GopsyApi;
  /** The binary shown now: the list of candidates is reloaded when it changes. */
  currentId: string;
  /** Opens the Why panel for a symbol of binary `id` (a symbol that appeared in the after-binary). */
  onWhy: (symbol: string, id: string) => void;
}

/** Symbol rows shown; the backend sends up to 500. */
const SYMBOL_ROWS = 100;

export function SizeDiffView({ api, currentId, onWhy }: Props) {
  const [binaries, setBinaries] = useState<BinarySummary[]>([]);
  const [before, setBefore] = useState('');
  const [after, setAfter] = useState('');
  const [diff, setDiff] = useState<(SizeDiffResult & { after: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.call('binary.list', {}).then(
      (list) => {
        if (!live) return;
        setBinaries(list);
        // Default: the one analysed before the current one → the current one.
        const others = list.filter((b) => b.id !== currentId);
        setAfter(currentId);
        setBefore((prev) => (list.some((b) => b.id === prev) && prev !== currentId ? prev : (others.at(-1)?.id ?? '')));
      },
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [api, currentId]);

  if (binaries.length < 2) return <p className="muted" data-testid="size-diff">Analyse a second binary (build again, open one, or one a run kept) to compare sizes.</p>;

  const compare = () => {
    setError(null);
    api.call('binary.diff', { before, after }).then((d) => setDiff({ ...d, after }), (err: Error) => setError(err.message));
  };
  const total = diff ? diff.totalAfter - diff.totalBefore : 0;
  return (
    <section className="size-diff" data-testid="size-diff">
      <h4>Compare sizes</h4>
      <div className="row-tools">
        <BinaryPicker which="Before" value={before} onChange={setBefore} binaries={binaries} />
        <BinaryPicker which="After" value={after} onChange={setAfter} binaries={binaries} />
        <button type="button" disabled={!before || !after || before === after} onClick={compare}>
          Compare sizes
        </button>
      </div>
      {error && <div className="banner error">{error}</div>}
      {diff && (
        <>
          <div data-testid="size-diff-total">
            Symbols: {formatBytesFine(diff.totalBefore)} → {formatBytesFine(diff.totalAfter)} ({signed(total)}); {diff.packages.length} packages and{' '}
            {diff.symbols.length >= 500 ? 'at least 500' : diff.symbols.length} symbols changed.
          </div>
          {diff.file && <FileSizeDiff file={diff.file} />}
          {diff.packages.length === 0 ? (
            <p className="muted">No package changed size.</p>
          ) : (
            <div className="size-diff-grid">
              <DeltaRows title="package (nm symbols)" rows={diff.packages} testId="size-diff-packages" />
              <SymbolDeltaRows rows={diff.symbols.slice(0, SYMBOL_ROWS)} whyNote={diff.whyNote} onWhy={(symbol) => onWhy(symbol, diff.after)} />
            </div>
          )}
        </>
      )}
    </section>
  );
}

function BinaryPicker(props: { which: 'Before' | 'After'; value: string; onChange: (id: string) => void; binaries: BinarySummary[] }) {
  return (
    <label>
      {props.which}{' '}
      <select aria-label={`${props.which} binary`} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.binaries.map((b) => (
          <option key={b.id} value={b.id}>
            {b.name} — {b.location}
          </option>
        ))}
      </select>
    </label>
  );
}
