// "Why rebuilt": why a run's actions ran instead of coming from the cache, against an earlier run. The
// answer in one sentence, the root causes (each filters the list), the actions that ran with their
// reasons, and one action's cache-key inputs beside the earlier run's. Everything is React text: no
// markup from the toolchain's output is ever rendered.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ActionVerdict } from '../../../../shared/contract/explain';
import { GopsyError, errorMessage } from '../../../../shared/rpc';
import type { ActionInputs, ExplainResult } from './useRebuildExplanation';
import { ActionInputsView, type RawRecord } from './ActionInputsView';
import {
  HOW_TO_RECORD,
  causeGroups,
  comparedWith,
  explainErrorText,
  queryActions,
  reasonText,
  summarySentence,
  type ActionQuery,
  type AgainstChoice,
  type SortKey,
} from './whyRebuiltModel';

/** Rows drawn at first and added per "show more": a build of gopls has about 1,500 actions. */
const PAGE = 200;
/** Problems listed before "show all". */
const PROBLEMS_SHOWN = 5;

interface Props {
  /** The run's explanation, against `against` or the backend's choice; called again when it changes. */
  load: () => Promise<ExplainResult>;
  /** One action's inputs in both runs. */
  loadAction: (against: string, key: string) => Promise<ActionInputs>;
  /** Earlier runs to compare with instead, newest first. */
  againstChoices: AgainstChoice[];
  /** The run picked to compare with; null: the latest earlier run that recorded its inputs. */
  against: string | null;
  onPickAgainst: (id: string | null) => void;
  /** The run's profile recorded the inputs (capture.rebuildReasons): otherwise there is nothing to load. */
  recorded: boolean;
  rawRecord: RawRecord;
}

type Outcome = { state: 'failed'; title: string; advice?: string | undefined } | { state: 'done'; result: ExplainResult };

export function WhyRebuilt({ load, loadAction, againstChoices, against, onPickAgainst, recorded, rawRecord }: Props) {
  // What the current loader gave (an outcome of an earlier loader means: still loading).
  const [outcome, setOutcome] = useState<{ of: Props['load']; outcome: Outcome } | null>(null);
  useEffect(() => {
    if (!recorded) return;
    let stale = false;
    load().then(
      (result) => !stale && setOutcome({ of: load, outcome: { state: 'done', result } }),
      (e) => !stale && setOutcome({ of: load, outcome: { state: 'failed', ...explainErrorText(e instanceof GopsyError ? e.code : undefined, errorMessage(e)) } }),
    );
    return () => {
      stale = true;
    };
  }, [load, recorded]);
  const loaded = outcome?.of === load ? outcome.outcome : null;

  const picker = (
    <label className="wr-against">
      compare with{' '}
      <select aria-label="Compare with run" value={against ?? ''} onChange={(e) => onPickAgainst(e.target.value || null)} data-testid="why-against">
        <option value="">the latest earlier run that recorded its inputs</option>
        {againstChoices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );

  if (!recorded)
    return (
      <div className="why-rebuilt" data-testid="why-rebuilt">
        <div className="banner warn" role="status">
          This run did not record its actions’ cache-key inputs, so it cannot say why they ran. {HOW_TO_RECORD}
        </div>
      </div>
    );
  if (!loaded) return <p className="muted">Comparing every action’s inputs with the earlier run…</p>;
  if (loaded.state === 'failed')
    return (
      <div className="why-rebuilt" data-testid="why-rebuilt">
        <div className="banner warn" role="alert" data-testid="why-error">
          {loaded.title} {loaded.advice}
        </div>
        {againstChoices.length > 0 && picker}
      </div>
    );
  const { result } = loaded;
  const x = result.explanation;
  return (
    <div className="why-rebuilt" data-testid="why-rebuilt">
      {x.ok ? (
        <p className="wr-answer" data-testid="why-answer">
          {summarySentence(x)}
        </p>
      ) : (
        <div className="banner warn" role="alert" data-testid="why-error">
          These two runs cannot be compared: {x.error}.
        </div>
      )}
      <div className="wr-compared muted small">
        {comparedWith(result.id, result.against)} · {picker}
      </div>
      {x.ok && x.problems.length > 0 && <Problems problems={x.problems} />}
      {x.ok && <Explained key={`${result.id}:${result.against}`} result={result} loadAction={loadAction} rawRecord={rawRecord} />}
    </div>
  );
}

/** Incomplete or garbled records: the actions they touch are "unknown", and the user is told why. */
function Problems({ problems }: { problems: string[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? problems : problems.slice(0, PROBLEMS_SHOWN);
  return (
    <div className="banner warn" role="status" data-testid="why-problems">
      Some records are incomplete, so the actions they touch could not be compared (listed as unknown):
      <ul className="wr-problems">
        {shown.map((p, i) => (
          <li key={i}>{p}</li>
        ))}
      </ul>
      {shown.length < problems.length && (
        <button className="link" onClick={() => setAll(true)}>
          show all {problems.length}
        </button>
      )}
    </div>
  );
}

function Explained({ result, loadAction, rawRecord }: { result: ExplainResult; loadAction: Props['loadAction']; rawRecord: RawRecord }) {
  const x = result.explanation;
  const groups = useMemo(() => (x.ok ? causeGroups(x) : []), [x]);
  const [query, setQuery] = useState<ActionQuery>({ text: '', cause: null, sort: null });
  const list = useMemo(() => (x.ok ? queryActions(x, query) : []), [x, query]);
  const ranCount = useMemo(() => (x.ok ? queryActions(x, { text: '', cause: null, sort: null }).length : 0), [x]);
  const [limit, setLimit] = useState(PAGE);
  const [cursor, setCursor] = useState(0);
  const [open, setOpen] = useState<ActionVerdict | null>(null);
  const cursorRef = useRef<HTMLTableRowElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const shown = list.slice(0, limit);
  const at = Math.min(cursor, Math.max(shown.length - 1, 0));
  useEffect(() => {
    cursorRef.current?.scrollIntoView({ block: 'nearest' });
  }, [at]);
  if (!x.ok) return null;

  const narrow = (q: Partial<ActionQuery>) => {
    setQuery((cur) => ({ ...cur, ...q }));
    setLimit(PAGE);
    setCursor(0);
  };
  const sortBy = (key: SortKey) =>
    narrow({ sort: query.sort?.key !== key ? { key, dir: 'asc' } : query.sort.dir === 'asc' ? { key, dir: 'desc' } : null });
  const onKey = (e: KeyboardEvent) => {
    const last = shown.length - 1;
    const move = (to: number) => {
      e.preventDefault();
      setCursor(Math.max(0, Math.min(last, to)));
    };
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'PageDown') move(at + 20);
    else if (e.key === 'PageUp') move(at - 20);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(last);
    else if (e.key === 'Enter' && shown[at]) {
      e.preventDefault();
      setOpen(shown[at]);
    } else if (e.key === 'Escape' && open) setOpen(null);
  };
  const arrow = (key: SortKey) => (query.sort?.key === key ? (query.sort.dir === 'asc' ? ' ▲' : ' ▼') : '');
  const ariaSort = (key: SortKey) => (query.sort?.key === key ? (query.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none');

  return (
    <>
      {groups.length > 0 && (
        <div className="wr-causes" data-testid="why-causes">
          <button className={`wr-cause ${query.cause === null ? 'active' : ''}`} aria-pressed={query.cause === null} onClick={() => narrow({ cause: null })}>
            every action that ran <b>{ranCount}</b>
          </button>
          {groups.map((g) => (
            <button
              key={g.key}
              className={`wr-cause kind-${g.kind} ${query.cause === g.key ? 'active' : ''}`}
              aria-pressed={query.cause === g.key}
              title={`Only the actions this explains (${g.kind})`}
              onClick={() => narrow({ cause: query.cause === g.key ? null : g.key })}
              data-testid="why-cause"
            >
              <span className="wr-kind">{g.kind}</span> {g.detail} → <b>{g.actions}</b>
            </button>
          ))}
        </div>
      )}
      {ranCount > 0 && (
        <>
          <div className="build-tables-bar">
            <input
              type="search"
              placeholder="Filter: package, mode, reason…"
              aria-label="Filter actions"
              value={query.text}
              onChange={(e) => narrow({ text: e.target.value })}
              onKeyDown={(e) => {
                // From the filter straight into the list.
                if (e.key === 'ArrowDown' || e.key === 'Enter') {
                  e.preventDefault();
                  listRef.current?.focus();
                }
              }}
              data-testid="why-filter"
            />
            <span className="muted small">
              {list.length} of {ranCount} actions · ↑↓ to move, Enter to see its inputs
            </span>
          </div>
          <div ref={listRef} className="build-table-scroll wr-list" tabIndex={0} onKeyDown={onKey} aria-label="Actions that ran" data-testid="why-actions">
            <table className="data-table">
              <thead>
                <tr>
                  <th>status</th>
                  <th className="sortable" aria-sort={ariaSort('package')} onClick={() => sortBy('package')}>
                    package{arrow('package')}
                  </th>
                  <th className="sortable" aria-sort={ariaSort('mode')} onClick={() => sortBy('mode')}>
                    mode{arrow('mode')}
                  </th>
                  <th>why it ran</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((a, i) => (
                  <tr
                    key={`${a.key}\u0000${i}`}
                    ref={i === at ? cursorRef : undefined}
                    className={`clickable ${i === at ? 'wr-cursor' : ''} ${open?.key === a.key ? 'selected' : ''}`}
                    onClick={() => {
                      setCursor(i);
                      setOpen(a);
                    }}
                    data-testid="why-action"
                  >
                    <td className={`wr-status-${a.status}`}>{a.status}</td>
                    <td>{a.package || '(no package)'}</td>
                    <td>{a.mode}</td>
                    <td>
                      {a.status === 'unknown' ? (
                        <span className="muted">could not be compared: {a.note ?? 'no reason recorded'}</span>
                      ) : (
                        a.reasons.map((r, j) => (
                          <div key={j} title={r.detail}>
                            {reasonText(a.package, r)}
                          </div>
                        ))
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {list.length > shown.length && (
              <button className="link wr-more" onClick={() => setLimit((l) => l + PAGE)}>
                show {Math.min(PAGE, list.length - shown.length)} more of the {list.length - shown.length} not shown
              </button>
            )}
            {list.length === 0 && <p className="muted small">No action matches.</p>}
          </div>
        </>
      )}
      {open && (
        <ActionInputsView
          key={open.key}
          verdict={open}
          id={result.id}
          against={result.against}
          loadAction={loadAction}
          rawRecord={rawRecord}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  );
}
