// Follow a value: its definition and uses in this phase, and where the same ID exists across phases,
// with the plain warning that identity by ID is a guess (IDs are recycled).
import type { SsaHistoryResult, SsaPhaseSummary } from '../../../../shared/contract/ssa';

interface Props {
  history: SsaHistoryResult;
  phases: SsaPhaseSummary[];
  onPhase: (i: number) => void;
  onValue: (id: string) => void;
  onLine: (line: number) => void;
}

export function ValuePanel({ history: h, phases, onPhase, onValue, onLine }: Props) {
  const name = (i: number | null) => (i === null ? '—' : (phases[i]?.name ?? String(i)));
  return (
    <div className="ssa-value-panel" data-testid="ssa-value-panel">
      <h3>{h.id}</h3>
      <div className="caveat">{h.caveat}</div>
      {h.def ? (
        <div>
          <b>defined</b> in {h.def.block}: <span className="pre">{h.def.text}</span>
          {h.def.line !== null && (
            <button className="icon-button" onClick={() => onLine(h.def!.line!)}>
              line {h.def.line}
            </button>
          )}
          {h.def.dead && <span className="tag">dead</span>}
        </div>
      ) : (
        <div className="muted">not in this phase</div>
      )}
      <div>
        <b>uses</b> ({h.uses.length}):
        {h.uses.map((u, k) => (
          <div key={k} className="ssa-row" onClick={() => onValue(u.id)}>
            {u.block} <span className="pre">{u.text}</span>
          </div>
        ))}
      </div>
      <div>
        <b>first</b> {name(h.firstPhase)} · <b>last</b> {name(h.lastPhase)}
      </div>
      {h.suspectReuse.length > 0 && (
        <div className="caveat">The op under {h.id} changes at {h.suspectReuse.map((i) => name(i)).join(', ')}: probably another value reusing the ID.</div>
      )}
      <div className="ssa-presence">
        {h.presence.map((p, i) => (
          <div key={i} className={`ssa-row${p ? '' : ' absent'}`} onClick={() => onPhase(i)}>
            <span className="muted">{name(i)}</span> {p ? `${p.block} ${p.text}${p.dead ? ' (dead)' : ''}` : '—'}
          </div>
        ))}
      </div>
    </div>
  );
}
