// The sections of a comparison: build timing, remarks, SSA per function (binary size: BinarySection). Each says
// its counts in its title and, plainly, what a side lacks.
import { useMemo, useState, type ReactNode } from 'react';
import type { RemarkChange, RunComparison, SsaFunctionDiff, TimingRow } from '../../../../shared/compare';
import type { ViewProps } from '../viewProps';
import { SortTable, type Column } from './SortTable';
import { msOf, ratioOf, signedMs } from './format';

export function Section({ id, title, counts, notes, children }: { id: string; title: string; counts: string; notes: string[]; children: ReactNode }) {
  return (
    <details open className="compare-section" data-testid={`compare-${id}`}>
      <summary>
        <b>{title}</b> <span className="muted">{counts}</span>
      </summary>
      {notes.map((n) => (
        <div key={n} className="banner warn" role="status">
          {n}
        </div>
      ))}
      {children}
    </details>
  );
}

const timingColumns = (first: string): Array<Column<TimingRow>> => [
  { title: first, value: (r) => r.name },
  { title: 'A', value: (r) => r.aNs, render: (r) => msOf(r.aNs), num: true },
  { title: 'B', value: (r) => r.bNs, render: (r) => msOf(r.bNs), num: true },
  { title: 'B − A', value: (r) => r.deltaNs, render: (r) => <span className={(r.deltaNs ?? 0) > 0 ? 'worse' : 'better'}>{signedMs(r.deltaNs)}</span>, num: true },
  { title: 'B / A', value: (r) => r.ratio, render: (r) => ratioOf(r.ratio), num: true },
];

export function TimingSection({ c }: { c: RunComparison }) {
  const t = c.timing;
  const [pkg, setPkg] = useState<string | null>(null);
  const detail = t.packagePhases.find((p) => p.package === pkg);
  const columns = useMemo(() => {
    const cols = timingColumns('package');
    cols[0] = { ...cols[0]!, render: (r) => <button className="link-button" onClick={() => setPkg(r.name)}>{r.name}</button> };
    return cols;
  }, []);
  const counts =
    t.a && t.b
      ? `${t.packages.length} packages · compile total (packages both compiled) ${msOf(t.totalA)} → ${msOf(t.totalB)} (${signedMs(t.totalB - t.totalA)})` +
        (t.wallA !== null && t.wallB !== null ? ` · go command ${(t.wallA / 1000).toFixed(1)} s → ${(t.wallB / 1000).toFixed(1)} s` : '')
      : 'not compared';
  return (
    <Section id="timing" title="Build timing" counts={counts} notes={t.notes}>
      {t.a && t.b && (
        <div className="compare-split">
          <div>
            <h4>Per compiler phase (packages both compiled)</h4>
            <SortTable rows={t.phases} columns={timingColumns('phase')} initialSort={-1} rowKey={(r) => r.name} testId="compare-phases" />
            {detail && (
              <>
                <h4>
                  {detail.package} per phase <button className="icon-button" onClick={() => setPkg(null)} aria-label="Close the package's phases">×</button>
                </h4>
                <SortTable rows={detail.phases} columns={timingColumns('phase')} initialSort={-1} rowKey={(r) => r.name} testId="compare-package-phases" />
              </>
            )}
          </div>
          <div>
            <h4>Per package (click one for its phases)</h4>
            <SortTable rows={t.packages} columns={columns} initialSort={3} rowKey={(r) => r.name} testId="compare-packages" />
          </div>
        </div>
      )}
    </Section>
  );
}

const CHANGE_LABEL: Record<RemarkChange['change'], string> = {
  heapNew: 'new heap allocation',
  heapGone: 'heap allocation gone',
  inlineStarted: 'now inlinable',
  inlineStopped: 'no longer inlinable',
  boundsNew: 'new bounds check',
  boundsGone: 'bounds check gone',
};

export function RemarksSection({ c, openSource }: { c: Pick<RunComparison, 'remarks'>; openSource: ViewProps['openSource'] }) {
  const r = c.remarks;
  const [projectOnly, setProjectOnly] = useState(true);
  const rows = useMemo(() => r.changes.filter((x) => !projectOnly || (x.b ?? x.a)?.path), [r.changes, projectOnly]);
  const n = projectOnly ? r.projectCounts : r.counts;
  const counts =
    r.a && r.b
      ? `${n.heapNew ?? 0} new / ${n.heapGone ?? 0} gone heap allocations · ${n.inlineStarted ?? 0} started / ${n.inlineStopped ?? 0} stopped inlining · ${n.boundsNew ?? 0} new / ${n.boundsGone ?? 0} gone bounds checks${projectOnly ? ' (in the project)' : ''}`
      : 'not compared';
  const columns: Array<Column<RemarkChange>> = [
    { title: 'change', value: (x) => CHANGE_LABEL[x.change], render: (x) => <span className={`change-${x.change}`}>{CHANGE_LABEL[x.change]}</span> },
    { title: 'function', value: (x) => x.function ?? '' },
    {
      title: 'where',
      value: (x) => {
        const at = x.b ?? x.a;
        return at ? `${at.path ?? at.file}:${String(at.line).padStart(6, '0')}` : '';
      },
      render: (x) => {
        const at = x.b ?? x.a;
        if (!at) return '';
        const text = `${at.path ?? at.file}:${at.line}`;
        return (
          <button className="link-button" title="Open in the editor" onClick={() => openSource({ path: at.path ?? at.file, line: at.line, byteColumn: at.column })}>
            {text}
          </button>
        );
      },
    },
    { title: 'message', value: (x) => (x.detailA || x.detailB ? `${x.detailA ?? '?'} → ${x.detailB ?? '?'}` : x.message) },
    { title: 'package', value: (x) => x.package ?? '' },
  ];
  return (
    <Section id="remarks" title="Remarks" counts={counts} notes={r.notes}>
      {r.a && r.b && (
        <>
          <p className="muted small">
            Matched by function, kind and message shape ({r.matched} on both sides, {r.moved} of them on another line); what is left on one side is the change.{' '}
            <label>
              <input type="checkbox" checked={projectOnly} onChange={(e) => setProjectOnly(e.target.checked)} data-testid="compare-project-only" /> only the
              project’s code ({r.changes.length - rows.length} more outside it)
            </label>
          </p>
          {rows.length === 0 ? (
            <p className="muted">No heap allocation, inlining or bounds-check change{projectOnly ? ' in the project’s code' : ''}.</p>
          ) : (
            <SortTable rows={rows} columns={columns} initialSort={0} initialDesc={false} rowKey={(x, i) => `${x.change}-${i}`} testId="compare-remark-rows" />
          )}
        </>
      )}
    </Section>
  );
}

function SsaFunctionBlock({ f, openSource }: { f: SsaFunctionDiff; openSource: ViewProps['openSource'] }) {
  const [onlyChanged, setOnlyChanged] = useState(true);
  const [pass, setPass] = useState<string | null>(null);
  const rows = f.passes.filter((p) => !onlyChanged || !p.same);
  const open = f.passes.find((p) => p.pass === pass);
  const columns: Array<Column<(typeof f.passes)[number]>> = [
    { title: '#', value: (p) => f.passes.indexOf(p), num: true },
    { title: 'pass', value: (p) => p.pass, render: (p) => <button className="link-button" onClick={() => setPass(p.pass)}>{p.pass}</button> },
    { title: 'values A', value: (p) => (p.inA ? p.valuesA : null), num: true },
    { title: 'values B', value: (p) => (p.inB ? p.valuesB : null), num: true },
    { title: 'blocks A', value: (p) => (p.inA ? p.blocksA : null), num: true },
    { title: 'blocks B', value: (p) => (p.inB ? p.blocksB : null), num: true },
    { title: 'lines only A', value: (p) => p.onlyA, num: true },
    { title: 'lines only B', value: (p) => p.onlyB, num: true },
    { title: 'by ID +/−/~', value: (p) => p.addedValues + p.removedValues + p.changedValues, render: (p) => `${p.addedValues}/${p.removedValues}/${p.changedValues}`, num: true },
  ];
  const changed = f.passes.filter((p) => !p.same).length;
  return (
    <div className="compare-ssa-fn" data-testid="compare-ssa-function">
      <h4>
        {f.function}{' '}
        {f.source && (
          <button className="link-button" onClick={() => openSource({ path: f.source!.file, line: f.source!.line })}>
            {f.source.file.split('/').pop()}:{f.source.line}
          </button>
        )}{' '}
        <span className="muted">
          {changed} of {f.passes.length} passes differ · genssa {f.genssaA} → {f.genssaB} instructions
        </span>
      </h4>
      <label className="small">
        <input type="checkbox" checked={onlyChanged} onChange={(e) => setOnlyChanged(e.target.checked)} /> only passes that differ
      </label>
      <div className="compare-split">
        <div>
          <SortTable rows={rows} columns={columns} initialSort={0} initialDesc={false} rowKey={(p) => p.pass} testId="compare-ssa-passes" />
        </div>
        <div>
          {open ? (
            <>
              <h4>After {open.pass} (value and block IDs blanked)</h4>
              <pre className="compare-lines" data-testid="compare-ssa-lines">
                {[...open.sampleOnlyA.map((l) => `A  ${l}`), ...open.sampleOnlyB.map((l) => `B  ${l}`)].join('\n') || 'The same on both sides.'}
              </pre>
            </>
          ) : (
            <p className="muted small">Click a pass to see lines that differ.</p>
          )}
          <h4>Generated code only on one side</h4>
          <pre className="compare-lines">
            {[...f.genssaOnlyA.map((l) => `A  ${l}`), ...f.genssaOnlyB.map((l) => `B  ${l}`)].join('\n') || 'The same instructions on both sides.'}
          </pre>
        </div>
      </div>
    </div>
  );
}

export function SsaSection({ c, openSource }: { c: Pick<RunComparison, 'ssa'>; openSource: ViewProps['openSource'] }) {
  const s = c.ssa;
  const counts = `${s.functions.length} function${s.functions.length === 1 ? '' : 's'} on both sides${s.onlyA.length ? ` · ${s.onlyA.length} only in A` : ''}${s.onlyB.length ? ` · ${s.onlyB.length} only in B` : ''}`;
  return (
    <Section id="ssa" title="SSA per function" counts={counts} notes={s.notes}>
      {s.functions.map((f) => (
        <SsaFunctionBlock key={f.function} f={f} openSource={openSource} />
      ))}
      {[...s.onlyA.map((k) => `only in A: ${k}`), ...s.onlyB.map((k) => `only in B: ${k}`)].map((t) => (
        <p key={t} className="muted small">
          {t}
        </p>
      ))}
      {s.functions.length > 0 && <p className="muted small">{s.caveat}</p>}
    </Section>
  );
}
