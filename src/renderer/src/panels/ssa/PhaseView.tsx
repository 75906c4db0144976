// One phase as rows (block header, values, block end), windowed. Values are text, never markup.
import { useMemo } from 'react';
import type { SsaBlock, SsaPhase, SsaValue } from '../../../../shared/ssa';
import { VirtualRows } from './VirtualRows';

type Row = { t: 'block'; b: SsaBlock } | { t: 'value'; b: SsaBlock; v: SsaValue } | { t: 'end'; b: SsaBlock };

export function phaseRows(p: SsaPhase): Row[] {
  const rows: Row[] = [];
  for (const b of p.blocks) {
    rows.push({ t: 'block', b });
    for (const v of b.values) rows.push({ t: 'value', b, v });
    rows.push({ t: 'end', b });
  }
  return rows;
}

const mark = (v: { line: number | null; stmt: string }) => (v.line === null ? '(?)' : `(${v.stmt}${v.line})`);

interface Props {
  phase: SsaPhase;
  rows: Row[];
  selected: string | null;
  highlightLine: number | null;
  query: string;
  scrollTo: number | null;
  onSelect: (id: string) => void;
  onLine: (line: number) => void;
  /** The hover text of a value's line: which file it is in (inlined code is in another). */
  lineTitle?: (line: number) => string;
}

export function PhaseView({ phase, rows, selected, highlightLine, query, scrollTo, onSelect, onLine, lineTitle }: Props) {
  const q = query.trim().toLowerCase();
  const matches = useMemo(() => {
    if (!q) return null;
    return new Set(
      rows.flatMap((r, i) =>
        r.t === 'value' && (r.v.id === q || r.v.op.toLowerCase().includes(q) || r.v.type.toLowerCase().includes(q) || `:${r.v.line}` === q) ? [i] : [],
      ),
    );
  }, [rows, q]);
  void phase;
  const render = (i: number) => {
    const r = rows[i]!;
    if (r.t === 'block') {
      return (
        <div className={`ssa-row block-head${r.b.dead ? ' dead' : ''}${selected === r.b.id ? ' selected' : ''}`} data-block={r.b.id}>
          <span className="ssa-bid" onClick={() => onSelect(r.b.id)}>{r.b.id}</span>:
          {r.b.preds.length > 0 && <span className="muted"> ← {r.b.preds.join(' ')}</span>}
          {r.b.dead && <span className="tag">dead</span>}
        </div>
      );
    }
    if (r.t === 'end') {
      return (
        <div className="ssa-row block-end">
          <span className="ssa-kind">{r.b.kind}</span> {r.b.aux}{' '}
          {r.b.controls.map((c) => (
            <span key={c} className={`ssa-vref${selected === c ? ' selected' : ''}`} onClick={() => onSelect(c)}>
              {c}{' '}
            </span>
          ))}
          {r.b.succs.length > 0 && '→ '}
          {r.b.succs.map((s) => (
            <span key={s.id} className={`ssa-bref${s.likely === true ? ' likely' : s.likely === false ? ' unlikely' : ''}`}>
              {s.id}{' '}
            </span>
          ))}
          {r.b.branch && <span className="muted">({r.b.branch})</span>}
        </div>
      );
    }
    const v = r.v;
    const cls = [
      'ssa-row value',
      v.dead ? 'dead' : '',
      selected === v.id ? 'selected' : '',
      selected && v.args.includes(selected) ? 'uses' : '',
      highlightLine !== null && v.line === highlightLine ? 'on-line' : '',
      matches?.has(i) ? 'match' : '',
    ].join(' ');
    return (
      <div className={cls} data-value={v.id}>
        <span className="ssa-line" onClick={() => v.line !== null && onLine(v.line)} title={v.line !== null && lineTitle ? lineTitle(v.line) : 'open this line in the source'}>
          {mark(v)}
        </span>{' '}
        <span className="ssa-vid" onClick={() => onSelect(v.id)}>{v.id}</span> = <span className="ssa-op">{v.op}</span>{' '}
        {v.type && <span className="ssa-type">&lt;{v.type}&gt;</span>} {v.aux && <span className="ssa-aux">{v.aux}</span>}{' '}
        {v.args.map((a, k) => (
          <span key={k} className={`ssa-vref${selected === a ? ' selected' : ''}`} onClick={() => onSelect(a)}>
            {a}{' '}
          </span>
        ))}
        {v.extra && <span className="muted">{v.extra}</span>}
      </div>
    );
  };
  return <VirtualRows count={rows.length} rowHeight={19} render={render} scrollTo={scrollTo} testId="ssa-phase" />;
}
