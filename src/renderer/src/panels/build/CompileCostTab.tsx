// The Compile cost tab of one project run: which functions took the compiler's SSA passes longest
// (build.compileCost over the run's compile-cost.txt): the answer first, then the slowest functions
// (filter, sort, "show more"; a click opens the source, another its SSA), each pass's slowest functions,
// and each package's share in its slowest. A function that dominates its package is flagged with its
// shape (huge switch, literal…) and the pass that explodes. Text only: nothing is rendered as markup.
import { useEffect, useMemo, useState } from 'react';
import type { CompileCostSummary } from '../../../../shared/contract/compileCost';
import { errorMessage } from '../../../../shared/rpc';
import type { SourceTarget } from '../viewProps';
import { requestShowSsa } from '../ssa/editorAction';
import {
  NOT_RECORDED,
  PAGE,
  answerSentence,
  dominates,
  dominatingNote,
  functionRows,
  nsText,
  packageNote,
  packageShare,
  packageTotals,
  qualified,
  shapeBadge,
  shownNote,
  sourceOf,
  ssaTargetOf,
  topPasses,
  type FunctionSort,
} from './compileCostModel';

interface Props {
  /** build.compileCost for this run. */
  load: () => Promise<CompileCostSummary>;
  openSource: (t: SourceTarget) => void;
  /** Only this package's functions (a compile bar of the timeline picked it); null: every package. */
  packageFilter?: string | null;
  onPackageFilter?: (pkg: string | null) => void;
}

type View = 'functions' | 'passes' | 'packages';

export function CompileCostTab({ load, openSource, packageFilter = null, onPackageFilter }: Props) {
  const [outcome, setOutcome] = useState<{ of: Props['load']; summary?: CompileCostSummary; error?: string } | null>(null);
  useEffect(() => {
    let stale = false;
    load().then(
      (summary) => !stale && setOutcome({ of: load, summary }),
      (e) => !stale && setOutcome({ of: load, error: errorMessage(e) }),
    );
    return () => {
      stale = true;
    };
  }, [load]);
  const loaded = outcome?.of === load ? outcome : null;
  if (!loaded) return <p className="muted">Reading the run’s SSA pass times…</p>;
  if (loaded.error !== undefined) return <p className="banner warn">The pass times could not be read: {loaded.error}</p>;
  const s = loaded.summary!;
  if (!s.recorded) return <p className="muted" data-testid="compile-cost-none">{NOT_RECORDED}</p>;
  return <CompileCost summary={s} openSource={openSource} pkg={packageFilter} onPkg={onPackageFilter} />;
}

interface CostProps {
  summary: CompileCostSummary;
  openSource: Props['openSource'];
  pkg: string | null;
  onPkg: Props['onPackageFilter'];
}

function CompileCost({ summary: s, openSource, pkg, onPkg }: CostProps) {
  const [view, setView] = useState<View>('functions');
  const totals = useMemo(() => packageTotals(s), [s]);
  const flagged = useMemo(() => s.functions.filter((f) => dominates(f, s, totals)).slice(0, 5), [s, totals]);
  return (
    <div className="compile-cost" data-testid="compile-cost">
      <p className="wr-answer" data-testid="compile-cost-answer">
        {answerSentence(s)}
      </p>
      <p className="muted small">
        {s.total.toLocaleString('en')} functions in {s.byPackage.length} packages, {nsText(s.totalNs)} of SSA passes in all (parsing, type checking and
        writing the object are not counted).
      </p>
      {flagged.map((f) => (
        <div key={`${f.package}\u0000${f.function}`} className="banner warn" role="status" data-testid="compile-cost-dominating">
          {qualified(f)} dominates its package: {dominatingNote(f, totals)}.
        </div>
      ))}
      <div className="view-tabs" role="tablist">
        {(
          [
            ['functions', 'Slowest functions'],
            ['passes', `By pass (${s.byPass.length})`],
            ['packages', `By package (${s.byPackage.length})`],
          ] as Array<[View, string]>
        ).map(([id, title]) => (
          <button key={id} role="tab" aria-selected={view === id} className={view === id ? 'active' : ''} onClick={() => setView(id)}>
            {title}
          </button>
        ))}
      </div>
      {view === 'functions' && <FunctionTable s={s} totals={totals} openSource={openSource} pkg={pkg} onPkg={onPkg} />}
      {view === 'passes' && (
        <table className="data-table" data-testid="compile-cost-passes">
          <thead>
            <tr>
              <th>pass</th>
              <th className="num">total</th>
              <th>slowest functions in it</th>
            </tr>
          </thead>
          <tbody>
            {s.byPass.map((p) => (
              <tr key={p.pass}>
                <td>{p.pass}</td>
                <td className="num">{nsText(p.totalNs)}</td>
                <td>{p.top.map((t) => `${qualified(t)} ${nsText(t.ns)}`).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view === 'packages' && (
        <table className="data-table" data-testid="compile-cost-packages">
          <thead>
            <tr>
              <th>package</th>
              <th className="num">SSA time</th>
              <th className="num">functions</th>
              <th className="num">in its 3 slowest</th>
            </tr>
          </thead>
          <tbody>
            {s.byPackage.map((p) => (
              <tr key={p.package}>
                <td className="pkg">{p.package}</td>
                <td className="num">{nsText(p.totalNs)}</td>
                <td className="num">{p.functions}</td>
                <td className="num">{Math.round(p.slowestShare * 100)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function FunctionTable({ s, totals, openSource, pkg, onPkg }: Omit<CostProps, 'summary'> & { s: CompileCostSummary; totals: Map<string, number> }) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<FunctionSort>('total');
  const [limit, setLimit] = useState(PAGE);
  const rows = useMemo(() => functionRows(s, query, sort, pkg), [s, query, sort, pkg]);
  const shown = rows.slice(0, limit);
  const note = shownNote(shown.length, rows.length, s);
  const head = (id: FunctionSort, title: string, num = false) => (
    <th className={`sortable ${num ? 'num' : ''} ${sort === id ? 'sorted' : ''}`} onClick={() => setSort(id)}>
      {title}
      {sort === id ? ' ▼' : ''}
    </th>
  );
  return (
    <>
      <input
        className="tree-filter"
        type="search"
        placeholder="Filter by package, function or file"
        aria-label="Filter functions"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setLimit(PAGE);
        }}
      />
      {pkg !== null && (
        <span className="cc-package-filter small" data-testid="compile-cost-package">
          <span>{packageNote(s, pkg)}</span>
          <button onClick={() => onPkg?.(null)} title="Show every package’s functions">
            All packages
          </button>
        </span>
      )}
      <div className="table-scroll">
        <table className="data-table" data-testid="compile-cost-functions">
          <thead>
            <tr>
              {head('package', 'package')}
              {head('function', 'function')}
              {head('total', 'SSA time', true)}
              {head('share', 'of package', true)}
              <th>slowest passes</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((f) => {
              const src = sourceOf(f.position);
              const ssa = ssaTargetOf(f.position);
              return (
                <tr key={`${f.package}\u0000${f.function}`} data-testid="compile-cost-row" className={dominates(f, s, totals) ? 'hot' : undefined}>
                  <td className="pkg" title={f.package}>
                    {f.package}
                  </td>
                  <td>
                    {src ? (
                      <button className="link" title={`Open ${f.position}`} onClick={() => openSource(src)}>
                        {f.function}
                      </button>
                    ) : (
                      <span title={f.position}>{f.function}</span>
                    )}
                    {ssa && (
                      <button className="link cc-ssa" title={`Compile ${qualified(f)} and show its SSA (the SSA view)`} onClick={() => requestShowSsa(ssa)} data-testid="compile-cost-ssa">
                        SSA
                      </button>
                    )}
                    {f.shape && (
                      <span className="cc-shape" title={f.shape.detail} data-testid="compile-cost-shape">
                        {shapeBadge(f.shape)}
                      </span>
                    )}
                  </td>
                  <td className="num">{nsText(f.totalNs)}</td>
                  <td className="num">{Math.round(packageShare(f, totals) * 100)}%</td>
                  <td>{topPasses(f).map((p) => `${p.name} ${nsText(p.ns)}`).join(', ')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {note && <p className="muted small">{note}</p>}
      {shown.length < rows.length && (
        <button className="wr-more" onClick={() => setLimit((n) => n + PAGE)}>
          Show {Math.min(PAGE, rows.length - shown.length)} more
        </button>
      )}
    </>
  );
}
