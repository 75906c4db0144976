// A table sortable by any column (click a header; again to reverse). Cells are plain text or React
// nodes built from text: nothing from an artefact is ever rendered as markup.
import { useMemo, useState, type ReactNode } from 'react';

export interface Column<T> {
  title: string;
  /** What the column sorts by; null sorts last. */
  value: (row: T) => string | number | null;
  render?: (row: T) => ReactNode;
  num?: boolean;
}

export function SortTable<T>({
  rows,
  columns,
  initialSort = 0,
  initialDesc = true,
  rowKey,
  testId,
  limit = 500,
}: {
  rows: readonly T[];
  columns: Array<Column<T>>;
  /** The column sorted at first; -1 keeps the rows' own order (compiler phase order, pass order). */
  initialSort?: number;
  initialDesc?: boolean;
  rowKey: (row: T, i: number) => string;
  testId?: string;
  limit?: number;
}) {
  const [sort, setSort] = useState({ col: initialSort, desc: initialDesc });
  const sorted = useMemo(() => {
    const col = columns[sort.col];
    if (!col) return [...rows];
    return [...rows].sort((a, b) => {
      const x = col.value(a);
      const y = col.value(b);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return sort.desc ? -c : c;
    });
  }, [rows, columns, sort]);
  return (
    <div className="compare-scroll">
      <table className="data-table compare-table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th
                key={c.title}
                className={`sortable ${c.num ? 'num' : ''} ${sort.col === i ? 'sorted' : ''}`}
                aria-sort={sort.col === i ? (sort.desc ? 'descending' : 'ascending') : 'none'}
                onClick={() => setSort((s) => ({ col: i, desc: s.col === i ? !s.desc : !!c.num }))}
              >
                {c.title}
                {sort.col === i ? (sort.desc ? ' ▼' : ' ▲') : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.slice(0, limit).map((r, i) => (
            <tr key={rowKey(r, i)}>
              {columns.map((c) => (
                <td key={c.title} className={c.num ? 'num' : undefined}>
                  {c.render ? c.render(r) : (c.value(r) ?? '—')}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {sorted.length > limit && <p className="muted small">{sorted.length - limit} more rows not shown (gopsy diff --json has all).</p>}
    </div>
  );
}
