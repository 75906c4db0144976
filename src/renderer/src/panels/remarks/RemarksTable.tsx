// The remarks table grouped by file, then function, with counts per kind on each group row.
// Up to a few thousand rows at once (a whole std file): grouping is linear and memoised, a row
// re-renders only when its own selection state changes, and a long list is drawn in chunks (the first
// at once, the rest on later frames) so the window never stalls on one long task.
import { memo, useEffect, useMemo, useState } from 'react';
import type { Remark } from '../../../../shared/remarks';
import { KIND_LABELS } from './kindFilter';

const FIRST_CHUNK = 250;
const CHUNK = 250;

const countText = (rows: Remark[]) => {
  const c = new Map<string, number>();
  for (const r of rows) c.set(KIND_LABELS[r.kind], (c.get(KIND_LABELS[r.kind]) ?? 0) + 1);
  return [...c].map(([k, n]) => `${k} ${n}`).join(' · ');
};

function group<T>(rows: T[], key: (r: T) => string): Array<[string, T[]]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return [...m];
}

const RemarkRow = memo(function RemarkRow({
  remark: r,
  selected,
  onSelect,
}: {
  remark: Remark;
  selected: boolean;
  onSelect: (r: Remark) => void;
}) {
  return (
    <tr
      className={`remark-row${selected ? ' selected' : ''}`}
      data-testid="remark-row"
      onClick={() => onSelect(r)}
    >
      <td className="pos">
        {r.line}:{r.column}
      </td>
      <td>
        <span className={`kind-chip remark-${r.kind}`}>{KIND_LABELS[r.kind]}</span>
      </td>
      <td className="msg">{r.message}</td>
      <td className="muted">{r.flow.length > 0 ? `${r.flow.length} flow steps` : ''}</td>
    </tr>
  );
});

export function RemarksTable({
  rows,
  selected,
  onSelect,
}: {
  rows: Remark[];
  selected: Remark | null;
  onSelect: (r: Remark) => void;
}) {
  const files = useMemo(
    () =>
      group(rows, (r) => r.path ?? r.file).map(([file, inFile]) => ({
        file,
        counts: countText(inFile),
        size: inFile.length,
        functions: group(inFile, (r) => r.function ?? '(package level)').map(([fn, inFn]) => ({
          fn,
          counts: countText(inFn),
          rows: inFn,
        })),
      })),
    [rows],
  );
  // How many rows are drawn so far; a new list starts again from the first chunk.
  const [drawn, setDrawn] = useState({ rows, count: FIRST_CHUNK });
  const count = drawn.rows === rows ? drawn.count : FIRST_CHUNK;
  if (drawn.rows !== rows) setDrawn({ rows, count: FIRST_CHUNK });
  useEffect(() => {
    if (count >= rows.length) return;
    const t = setTimeout(() => setDrawn((d) => (d.rows === rows ? { rows, count: d.count + CHUNK } : d)), 0);
    return () => clearTimeout(t);
  }, [rows, count]);
  let budget = count;
  return (
    <table className="remarks-table" data-testid="remarks-table" aria-busy={count < rows.length}>
      <tbody>
        {files.map(
          ({ file, counts, size, functions }) =>
            budget > 0 && [
              <tr key={`f:${file}`} className="group-file">
                <td colSpan={4}>
                  {file}{' '}
                  <span className="muted">
                    {size} · {counts}
                  </span>
                </td>
              </tr>,
              ...functions.flatMap(({ fn, counts: fnCounts, rows: inFn }) => {
                if (budget <= 0) return [];
                const shown = inFn.slice(0, budget);
                budget -= shown.length;
                return [
                  <tr key={`g:${file}:${fn}`} className="group-func">
                    <td colSpan={4}>
                      {fn} <span className="muted">{fnCounts}</span>
                    </td>
                  </tr>,
                  ...shown.map((r, i) => (
                    <RemarkRow
                      key={`${file}:${fn}:${i}`}
                      remark={r}
                      selected={selected === r}
                      onSelect={onSelect}
                    />
                  )),
                ];
              }),
            ],
        )}
      </tbody>
    </table>
  );
}
