// The remarks table grouped by file, then function, with counts per kind on each group row.
import type { Remark } from '../../../../shared/remarks';
import { KIND_LABELS } from './kindFilter';

const countText = (rows: Remark[]) => {
  const c = new Map<string, number>();
  for (const r of rows) c.set(KIND_LABELS[r.kind], (c.get(KIND_LABELS[r.kind]) ?? 0) + 1);
  return [...c].map(([k, n]) => `${k} ${n}`).join(' · ');
};

function group<T>(rows: T[], key: (r: T) => string): Array<[string, T[]]> {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return [...m];
}

export function RemarksTable({ rows, selected, onSelect }: { rows: Remark[]; selected: Remark | null; onSelect: (r: Remark) => void }) {
  return (
    <table className="remarks-table" data-testid="remarks-table">
      <tbody>
        {group(rows, (r) => r.path ?? r.file).map(([file, inFile]) => [
          <tr key={`f:${file}`} className="group-file">
            <td colSpan={4}>
              {file} <span className="muted">{inFile.length} · {countText(inFile)}</span>
            </td>
          </tr>,
          ...group(inFile, (r) => r.function ?? '(package level)').flatMap(([fn, inFn]) => [
            <tr key={`g:${file}:${fn}`} className="group-func">
              <td colSpan={4}>
                {fn} <span className="muted">{countText(inFn)}</span>
              </td>
            </tr>,
            ...inFn.map((r, i) => (
              <tr
                key={`${file}:${fn}:${i}`}
                className={`remark-row${selected === r ? ' selected' : ''}`}
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
            )),
          ]),
        ])}
      </tbody>
    </table>
  );
}
