// The remarks table: grouped by file, then function (with counts per kind on each group row), or one
// flat list sorted by a column. Windowed: only the rows in view are in the DOM, so the 2,000 rows of a
// page (a whole std file) cost what twenty do.
import { memo, useMemo, useState } from 'react';
import type { Remark } from '../../../../shared/remarks';
import { VirtualRows } from '../ssa/VirtualRows';
import { KIND_LABELS } from './kindFilter';

const ROW_HEIGHT = 20;

export type RemarkSort = 'place' | 'kind' | 'message' | 'function' | 'flow';
const SORT_TITLES: Record<RemarkSort, string> = {
  place: 'place',
  kind: 'kind',
  message: 'message',
  function: 'function',
  flow: 'flow',
};

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

type Line = { t: 'file'; file: string; text: string } | { t: 'func'; fn: string; text: string } | { t: 'remark'; r: Remark };

const fileOf = (r: Remark) => r.path ?? r.file;

/** The table's lines: group heads and remarks by place, or the remarks alone sorted by a column. */
function tableLines(rows: Remark[], sort: RemarkSort, descending: boolean): Line[] {
  if (sort === 'place') {
    const out: Line[] = [];
    for (const [file, inFile] of group(rows, fileOf)) {
      out.push({ t: 'file', file, text: `${inFile.length} · ${countText(inFile)}` });
      for (const [fn, inFn] of group(inFile, (r) => r.function ?? '(package level)')) {
        out.push({ t: 'func', fn, text: countText(inFn) });
        for (const r of inFn) out.push({ t: 'remark', r });
      }
    }
    return descending ? out.reverse() : out;
  }
  const key: Record<Exclude<RemarkSort, 'place'>, (a: Remark, b: Remark) => number> = {
    kind: (a, b) => KIND_LABELS[a.kind].localeCompare(KIND_LABELS[b.kind]),
    message: (a, b) => a.message.localeCompare(b.message),
    function: (a, b) => (a.function ?? '').localeCompare(b.function ?? ''),
    flow: (a, b) => a.flow.length - b.flow.length,
  };
  const byPlace = (a: Remark, b: Remark) => fileOf(a).localeCompare(fileOf(b)) || a.line - b.line || a.column - b.column;
  const cmp = key[sort];
  const sorted = [...rows].sort((a, b) => (descending ? -1 : 1) * cmp(a, b) || byPlace(a, b));
  return sorted.map((r) => ({ t: 'remark', r }));
}

const RemarkRow = memo(function RemarkRow({
  remark: r,
  flat,
  selected,
  onSelect,
}: {
  remark: Remark;
  /** No group heads above it: the row says its file and function itself. */
  flat: boolean;
  selected: boolean;
  onSelect: (r: Remark) => void;
}) {
  const where = `${fileOf(r)}:${r.line}:${r.column}${r.function ? ` (in ${r.function})` : ''}`;
  return (
    <div
      className={`remark-row${selected ? ' selected' : ''}${flat ? ' flat' : ''}`}
      data-testid="remark-row"
      onClick={() => onSelect(r)}
      title={`${where}\n${r.message}`}
    >
      <span className="pos">{flat ? `${fileOf(r).slice(fileOf(r).lastIndexOf('/') + 1)}:${r.line}` : `${r.line}:${r.column}`}</span>
      <span className="kind">
        <span className={`kind-chip remark-${r.kind}`}>{KIND_LABELS[r.kind]}</span>
      </span>
      <span className="msg">{r.message}</span>
      <span className="muted flow">{r.flow.length > 0 ? `${r.flow.length} flow` : ''}</span>
    </div>
  );
});

export function RemarksTable({ rows, selected, onSelect }: { rows: Remark[]; selected: Remark | null; onSelect: (r: Remark) => void }) {
  const [sort, setSort] = useState<{ by: RemarkSort; descending: boolean }>({ by: 'place', descending: false });
  const lines = useMemo(() => tableLines(rows, sort.by, sort.descending), [rows, sort]);
  const flat = sort.by !== 'place';
  const sortBy = (by: RemarkSort) => setSort((s) => ({ by, descending: s.by === by ? !s.descending : false }));
  return (
    <div className="remarks-grid" data-testid="remarks-table" data-sort={sort.by}>
      <div className="remarks-head" role="row">
        {(['place', 'kind', 'message', 'function', 'flow'] as RemarkSort[]).map((by) => (
          <button
            key={by}
            className={`sort-${by}${sort.by === by ? ' sorted' : ''}`}
            onClick={() => sortBy(by)}
            title={by === 'place' ? 'Group by file and function, in source order' : `Sort by ${SORT_TITLES[by]}`}
            aria-sort={sort.by === by ? (sort.descending ? 'descending' : 'ascending') : 'none'}
            data-testid={`remarks-sort-${by}`}
          >
            {SORT_TITLES[by]}
            {sort.by === by ? (sort.descending ? ' ▼' : ' ▲') : ''}
          </button>
        ))}
      </div>
      <VirtualRows
        count={lines.length}
        rowHeight={ROW_HEIGHT}
        render={(i) => {
          const l = lines[i]!;
          if (l.t === 'file')
            return (
              <div className="group-file" title={l.file}>
                {l.file} <span className="muted">{l.text}</span>
              </div>
            );
          if (l.t === 'func')
            return (
              <div className="group-func" title={l.fn}>
                {l.fn} <span className="muted">{l.text}</span>
              </div>
            );
          return <RemarkRow remark={l.r} flat={flat} selected={selected === l.r} onSelect={onSelect} />;
        }}
      />
    </div>
  );
}
