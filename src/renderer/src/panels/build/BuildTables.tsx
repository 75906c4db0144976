// The tables beside the timeline: the slowest actions, time per package and where the build waited.
// Sortable (click a header), filterable (package text, mode, ran/cached); a row selects its bar.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { BuildAnalysis } from '../../../../shared/build';
import { ms } from './format';

type TableId = 'actions' | 'packages' | 'waits';
type Dir = 'asc' | 'desc';

interface Props {
  analysis: BuildAnalysis;
  selectedId: number | undefined;
  onSelect: (actionId: number) => void;
  /** Shows a stretch of the build in the timeline (a wait). */
  onShowRange: (fromMs: number, toMs: number) => void;
}

/** Rows drawn at most (a filter narrows the rest); 1,500 DOM rows would cost more than they tell. */
const ROW_LIMIT = 300;

interface Column<R> {
  key: string;
  title: string;
  num?: boolean;
  value: (r: R) => number | string;
  cell?: (r: R) => ReactNode;
  tip?: string;
}

export function BuildTables({ analysis, selectedId, onSelect, onShowRange }: Props) {
  const [table, setTable] = useState<TableId>('actions');
  const [text, setText] = useState('');
  const [mode, setMode] = useState('');
  const [ran, setRan] = useState<'all' | 'ran' | 'cached'>('all');
  const byId = useMemo(() => new Map(analysis.actions.map((a) => [a.actionId, a])), [analysis]);
  const critical = useMemo(() => new Set(analysis.criticalPath), [analysis]);
  const modes = useMemo(() => [...new Set(analysis.actions.map((a) => a.mode))].sort(), [analysis]);
  const needle = text.trim().toLowerCase();
  const keep = (pkg: string, cached: boolean, m?: string) =>
    (!needle || pkg.toLowerCase().includes(needle)) && (ran === 'all' || (ran === 'cached') === cached) && (!mode || m === undefined || m === mode);
  // A package row selects its compile (or its longest action); a wait selects what it waited on.
  const pkgAction = useMemo(() => {
    const m = new Map<string, number>();
    const best = new Map<string, number>();
    for (const a of analysis.actions) {
      const key = a.package || '(no package)';
      const score = (a.mode === 'build' ? 1e12 : 0) + a.durationMs;
      if (score > (best.get(key) ?? -1)) {
        best.set(key, score);
        m.set(key, a.actionId);
      }
    }
    return m;
  }, [analysis]);
  const name = (id: number) => {
    const a = byId.get(id);
    return a ? `${a.package || '(no package)'}${a.mode === 'build' ? '' : ` (${a.mode})`}` : `#${id}`;
  };

  const tabs: Array<[TableId, string]> = [
    ['actions', `Slowest actions (${analysis.actions.length})`],
    ['packages', `Per package (${analysis.packages.length})`],
    ['waits', `Where it waited (${analysis.waits.length})`],
  ];
  return (
    <div className="build-tables" data-testid="build-tables">
      <div className="build-tables-bar">
        <div className="view-tabs" role="tablist">
          {tabs.map(([id, title]) => (
            <button key={id} role="tab" aria-selected={table === id} className={table === id ? 'active' : ''} onClick={() => setTable(id)}>
              {title}
            </button>
          ))}
        </div>
        <input type="search" placeholder="Filter packages…" aria-label="Filter by package" value={text} onChange={(e) => setText(e.target.value)} data-testid="build-table-filter" />
        {table === 'actions' && (
          <select aria-label="Mode" value={mode} onChange={(e) => setMode(e.target.value)}>
            <option value="">every mode</option>
            {modes.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        )}
        {table !== 'waits' && (
          <select aria-label="Cache" value={ran} onChange={(e) => setRan(e.target.value as typeof ran)}>
            <option value="all">ran and cached</option>
            <option value="ran">ran only</option>
            <option value="cached">cache hits only</option>
          </select>
        )}
      </div>
      {table === 'actions' && (
        <SortedTable
          testId="table-actions"
          rows={analysis.actions.filter((a) => keep(a.package, a.cacheHit, a.mode))}
          rowKey={(a) => a.actionId}
          selected={(a) => a.actionId === selectedId}
          onRow={(a) => onSelect(a.actionId)}
          initial={{ key: 'duration', dir: 'desc' }}
          columns={[
            { key: 'package', title: 'package', value: (a) => a.package, cell: (a) => <>{a.package || '(no package)'}{critical.has(a.actionId) && <span className="crit-mark" title="on the critical path"> ◆</span>}</> },
            { key: 'mode', title: 'mode', value: (a) => a.mode },
            { key: 'duration', title: 'duration', num: true, value: (a) => a.durationMs, cell: (a) => ms(a.durationMs) },
            { key: 'start', title: 'started at', num: true, value: (a) => a.startMs, cell: (a) => ms(a.startMs) },
            { key: 'queued', title: 'waited for a worker', num: true, value: (a) => a.queuedMs ?? 0, cell: (a) => (a.queuedMs ? ms(a.queuedMs) : ''), tip: 'Ready (every dependency done) but no worker free: TimeStart − TimeReady' },
            { key: 'cache', title: 'cache', value: (a) => (a.failed ? 'failed' : a.cacheHit ? 'hit' : a.mode === 'build' ? 'compiled' : ''), cell: (a) => (a.failed ? 'failed' : a.cacheHit ? 'hit' : a.mode === 'build' ? 'compiled' : '') },
          ]}
        />
      )}
      {table === 'packages' && (
        <SortedTable
          testId="table-packages"
          rows={analysis.packages.filter((p) => keep(p.package, p.cacheHit))}
          rowKey={(p) => p.package}
          selected={(p) => selectedId !== undefined && byId.get(selectedId)?.package === p.package}
          onRow={(p) => {
            const id = pkgAction.get(p.package);
            if (id !== undefined) onSelect(id);
          }}
          initial={{ key: 'total', dir: 'desc' }}
          columns={[
            { key: 'package', title: 'package', value: (p) => p.package },
            { key: 'compile', title: 'compile', num: true, value: (p) => p.compileMs, cell: (p) => ms(p.compileMs) },
            { key: 'link', title: 'link', num: true, value: (p) => p.linkMs, cell: (p) => (p.linkMs ? ms(p.linkMs) : '') },
            { key: 'other', title: 'other', num: true, value: (p) => p.otherMs, cell: (p) => ms(p.otherMs), tip: 'cache checks, vet, cgo and the rest' },
            { key: 'total', title: 'total', num: true, value: (p) => p.totalMs, cell: (p) => ms(p.totalMs) },
            { key: 'cache', title: 'cache', value: (p) => (p.cacheHit ? 'hit' : 'compiled') },
          ]}
        />
      )}
      {table === 'waits' && (
        <>
          <p className="muted small">
            Fewer than {analysis.workers} actions ran for {ms(analysis.wallMs - analysis.allBusyMs)} of the {ms(analysis.wallMs)} wall time. Listed: the stretches when fewer ran and
            nothing else was ready, so the build waited for the actions then running (its dependencies); a row shows that stretch. In all,{' '}
            {ms(analysis.idleWorkerMs)} of worker time sat idle; on average {(analysis.queuedMs / Math.max(analysis.wallMs, 1e-9)).toFixed(1)} actions were ready and waiting for a free worker.
          </p>
          <SortedTable
            testId="table-waits"
            rows={analysis.waits.filter((w) => !needle || w.waitingOn.some((id) => name(id).toLowerCase().includes(needle)))}
            rowKey={(w) => w.startMs}
            selected={(w) => selectedId !== undefined && w.waitingOn[0] === selectedId}
            onRow={(w) => {
              if (w.waitingOn[0] !== undefined) onSelect(w.waitingOn[0]);
              onShowRange(w.startMs, w.startMs + w.durationMs);
            }}
            initial={{ key: 'duration', dir: 'desc' }}
            columns={[
              { key: 'start', title: 'from', num: true, value: (w) => w.startMs, cell: (w) => ms(w.startMs) },
              { key: 'duration', title: 'for', num: true, value: (w) => w.durationMs, cell: (w) => ms(w.durationMs) },
              { key: 'running', title: 'running', num: true, value: (w) => w.running, cell: (w) => `${w.running.toFixed(1)} of ${analysis.workers}`, tip: 'actions running on average during the wait' },
              { key: 'on', title: 'waiting on', value: (w) => w.waitingOn.map(name).join(', ') },
            ]}
          />
        </>
      )}
    </div>
  );
}

function SortedTable<R>(props: {
  testId: string;
  rows: R[];
  rowKey: (r: R) => string | number;
  columns: Column<R>[];
  selected: (r: R) => boolean;
  onRow: (r: R) => void;
  initial: { key: string; dir: Dir };
}) {
  const { rows, columns, initial } = props;
  const [sort, setSort] = useState(initial);
  const sorted = useMemo(() => {
    const col = columns.find((c) => c.key === sort.key) ?? columns[0]!;
    const sign = sort.dir === 'asc' ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = col.value(a);
      const y = col.value(b);
      return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
    });
    // columns are rebuilt every render; the sort only depends on their keys and the rows
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, sort]);
  const shown = sorted.slice(0, ROW_LIMIT);
  const selRef = useRef<HTMLTableRowElement>(null);
  const selectedKey = shown.find(props.selected);
  // A bar clicked in the timeline brings its row into view.
  useEffect(() => {
    selRef.current?.scrollIntoView({ block: 'nearest' });
  }, [selectedKey]);
  return (
    <div className="build-table-scroll">
      <table className="data-table" data-testid={props.testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                className={`sortable ${c.num ? 'num' : ''} ${sort.key === c.key ? 'sorted' : ''}`}
                title={c.tip}
                aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                onClick={() => setSort((s) => ({ key: c.key, dir: s.key === c.key && s.dir === 'desc' ? 'asc' : s.key === c.key ? 'desc' : c.num ? 'desc' : 'asc' }))}
              >
                {c.title}
                {sort.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => {
            const sel = props.selected(r);
            return (
              <tr key={props.rowKey(r)} ref={sel ? selRef : undefined} className={`clickable ${sel ? 'selected' : ''}`} onClick={() => props.onRow(r)} data-testid="build-table-row">
                {columns.map((c) => (
                  <td key={c.key} className={c.num ? 'num' : undefined}>
                    {c.cell ? c.cell(r) : c.value(r)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {sorted.length > shown.length && (
        <p className="muted small">
          {sorted.length - shown.length} more rows: narrow the filter to see them.
        </p>
      )}
      {sorted.length === 0 && <p className="muted small">No rows match.</p>}
    </div>
  );
}
