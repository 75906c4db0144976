// One action's cache-key inputs beside the earlier run's, line by line: the changed lines highlighted,
// optionally only those, and where the raw record is for those who want the go command's own words.
import { useEffect, useState } from 'react';
import type { ActionVerdict } from '../../../../shared/contract/explain';
import { errorMessage } from '../../../../shared/rpc';
import type { ActionInputs } from './useRebuildExplanation';
import { absentText, reasonText, sideBySide } from './whyRebuiltModel';

/** The run artefact holding the printed inputs; `open` shows it (absent: its name is shown to find it by hand). */
export interface RawRecord {
  name: string;
  open?: (runId: string) => void;
}

interface Props {
  verdict: ActionVerdict;
  id: string;
  against: string;
  loadAction: (against: string, key: string) => Promise<ActionInputs>;
  rawRecord: RawRecord;
  onClose: () => void;
}

export function ActionInputsView({ verdict, id, against, loadAction, rawRecord, onClose }: Props) {
  const [inputs, setInputs] = useState<ActionInputs | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [onlyChanged, setOnlyChanged] = useState(false);
  useEffect(() => {
    let stale = false;
    loadAction(against, verdict.key).then(
      (r) => !stale && setInputs(r),
      (e) => !stale && setError(errorMessage(e)),
    );
    return () => {
      stale = true;
    };
  }, [loadAction, against, verdict.key]);

  const raw = (run: string, label: string) =>
    rawRecord.open ? (
      <button className="link" onClick={() => rawRecord.open?.(run)} title={`Open ${rawRecord.name} of run ${run}`}>
        {label}
      </button>
    ) : (
      <span title={`${rawRecord.name} in the folder of run ${run}`}>{label}</span>
    );
  const table = inputs ? sideBySide(inputs.lines, onlyChanged) : null;
  return (
    <section className="wr-detail" data-testid="why-detail" aria-label={`Inputs of ${verdict.key}`}>
      <div className="wr-detail-head">
        <b>{verdict.key}</b> <span className={`wr-status-${verdict.status}`}>{verdict.status}</span>{' '}
        <button onClick={onClose} title="Close (Esc in the list)">
          Close
        </button>
      </div>
      {verdict.reasons.map((r, i) => (
        <div key={i} className="small">
          {reasonText(verdict.package, r)}
        </div>
      ))}
      {verdict.note && <div className="small muted">{verdict.note}</div>}
      <div className="wr-detail-bar small">
        <label className="pe-check">
          <input type="checkbox" checked={onlyChanged} onChange={(e) => setOnlyChanged(e.target.checked)} data-testid="why-only-changed" /> only changed lines
        </label>
        <span className="muted">
          raw record: {raw(against, `${rawRecord.name} (earlier)`)} · {raw(id, `${rawRecord.name} (this run)`)}
        </span>
      </div>
      {error && (
        <div className="banner warn" role="alert">
          {error}
        </div>
      )}
      {!inputs && !error && <p className="muted small">Reading both runs’ inputs…</p>}
      {table && (
        <>
          <p className="muted small">
            {table.changed === 0 ? 'No input line differs' : `${table.changed} of ${inputs!.lines.length} input lines differ`}
            {table.hidden > 0 ? ` (${table.hidden} unchanged lines hidden)` : ''}.
          </p>
          <div className="build-table-scroll">
            <table className="data-table wr-inputs" data-testid="why-inputs">
              <thead>
                <tr>
                  <th>input</th>
                  <th>earlier run {against}</th>
                  <th>this run {id}</th>
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r, i) => (
                  <tr key={i} className={r.changed ? 'wr-changed' : undefined} data-changed={r.changed ? 'true' : undefined}>
                    <td className="wr-slot" title={r.kind}>
                      {r.slot}
                    </td>
                    <td className={r.earlier === null ? 'muted' : undefined}>{r.earlier ?? absentText('earlier')}</td>
                    <td className={r.later === null ? 'muted' : undefined}>{r.later ?? absentText('later')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
