// The Storage dialog: what gopsy keeps (the open project's runs and SSA captures, other projects, shared
// items and areas) with sizes, counts and dates; deleting selected items or all but the newest N; and
// the limits applied after each run. Items in use say why and cannot be selected.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { GopsyApi } from '../../../shared/api';
import { limitsText, type DeleteOutcome, type ProjectStorage, type StorageItem, type StorageLimits, type StorageRef, type StorageReport } from '../../../shared/contract/storage';
import { formatBytes } from '../../../shared/format';
import { ErrorBanner, Modal, ModalActions } from '../dialogs/Modal';
import { errorMessage } from '../../../shared/rpc';

const keyOf = (i: StorageItem) => `${i.kind}:${i.project ?? ''}:${i.id}`;
const when = (iso: string) => iso.slice(0, 19).replace('T', ' ');
const sum = (xs: StorageItem[]) => xs.reduce((n, i) => n + i.bytes, 0);
const KIND_LABEL: Record<StorageItem['kind'], string> = {
  run: 'build run',
  ssa: 'SSA capture',
  'bundle-run': 'replayed bundle runs',
  binary: 'analysis binary',
  'ssa-temp': 'function list',
  'ssa-cache': 'SSA build cache',
  received: 'received bundle',
};

function outcomeText(res: DeleteOutcome): string {
  const kept = res.kept.length > 0 ? ` Kept ${res.kept.length}: ${res.kept.map((k) => `${k.ref.id} (${k.reason})`).join('; ')}.` : '';
  return `Deleted ${res.deleted.length} item${res.deleted.length === 1 ? '' : 's'} (${formatBytes(res.freedBytes)}).${kept}`;
}

function ItemTable({ items, selected, onToggle }: { items: StorageItem[]; selected: ReadonlySet<string>; onToggle: (i: StorageItem) => void }) {
  if (items.length === 0) return <p className="muted">Nothing.</p>;
  return (
    <table className="storage-items">
      <thead>
        <tr>
          <th />
          <th>Made</th>
          <th>What</th>
          <th className="num">Size</th>
          <th className="num">Files</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={keyOf(i)} data-testid={`storage-row-${i.kind}-${i.id}`} className={i.inUse ? 'in-use' : ''}>
            <td>
              <input
                type="checkbox"
                aria-label={`Select ${KIND_LABEL[i.kind]} ${i.id}`}
                disabled={!!i.inUse}
                checked={selected.has(keyOf(i))}
                onChange={() => onToggle(i)}
              />
            </td>
            <td className="mono">{when(i.createdAt)}</td>
            <td>
              <span className="muted">{KIND_LABEL[i.kind]}</span> {i.label} <span className="muted mono">{i.id}</span>
            </td>
            <td className="num">{formatBytes(i.bytes)}</td>
            <td className="num">{i.files}</td>
            <td className="muted">{i.inUse ? `in use: ${i.inUse}` : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

function projectLine(p: ProjectStorage): string {
  const dates = p.oldest ? `; oldest ${when(p.oldest)}, newest ${when(p.newest!)}` : '';
  return `${count(p.runs.length, 'run')} (${formatBytes(sum(p.runs))}), ${count(p.ssa.length, 'SSA capture')} (${formatBytes(sum(p.ssa))})${dates}`;
}

function LimitsForm({ api, initial, onSaved }: { api: GopsyApi; initial: StorageLimits; onSaved: (text: string) => void }) {
  const [keepRuns, setKeepRuns] = useState(String(initial.keepRuns));
  const [keepSsa, setKeepSsa] = useState(String(initial.keepSsa));
  const [maxGiB, setMaxGiB] = useState(String(+(initial.maxBytes / 2 ** 30).toFixed(2)));
  const [error, setError] = useState<string | null>(null);
  const whole = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s) : NaN);
  const gib = Number(maxGiB);
  const valid = Number.isInteger(whole(keepRuns)) && Number.isInteger(whole(keepSsa)) && Number.isFinite(gib) && gib >= 0 && maxGiB.trim() !== '';
  const save = async () => {
    try {
      const l = await api.call('storage.setLimits', { keepRuns: whole(keepRuns), keepSsa: whole(keepSsa), maxBytes: Math.round(gib * 2 ** 30) });
      setError(null);
      onSaved(`Limits saved: the ${limitsText(l)}.`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <div className="storage-limits" data-testid="storage-limits">
      <p className="muted">
        Applied after each build run ends, oldest first; never to what is in use (a running build, what a view shows, a run a note is attached to). 0 means no limit.
      </p>
      <label className="inline">
        Runs kept per project <input data-testid="limit-runs" value={keepRuns} onChange={(e) => setKeepRuns(e.target.value)} size={5} />
      </label>
      <label className="inline">
        SSA captures kept per project <input data-testid="limit-ssa" value={keepSsa} onChange={(e) => setKeepSsa(e.target.value)} size={5} />
      </label>
      <label className="inline">
        At most (GiB, all projects) <input data-testid="limit-size" value={maxGiB} onChange={(e) => setMaxGiB(e.target.value)} size={6} />
      </label>
      <button type="button" disabled={!valid} onClick={() => void save()}>
        Save limits
      </button>
      <ErrorBanner error={error} />
    </div>
  );
}

export function StorageDialog({ api, onClose }: { api: GopsyApi; onClose: () => void }) {
  const [report, setReport] = useState<StorageReport | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [keep, setKeep] = useState('5');
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(
    () =>
      api.call('storage.report', {}).then(
        (r) => {
          setReport(r);
          // What was deleted meanwhile (or became in use) is no longer selectable.
          const free = new Set([...r.projects.flatMap((p) => [...p.runs, ...p.ssa]), ...r.shared].filter((i) => !i.inUse).map(keyOf));
          setSelected((cur) => new Set([...cur].filter((k) => free.has(k))));
        },
        (err) => setError(errorMessage(err)),
      ),
    [api],
  );
  useEffect(() => {
    void refresh();
    return api.on('storage.deleted', () => void refresh());
  }, [api, refresh]);

  const all = useMemo(() => (report ? [...report.projects.flatMap((p) => [...p.runs, ...p.ssa]), ...report.shared] : []), [report]);
  const chosen = all.filter((i) => selected.has(keyOf(i)));
  const toggle = (i: StorageItem) =>
    setSelected((cur) => {
      const next = new Set(cur);
      if (next.has(keyOf(i))) next.delete(keyOf(i));
      else next.add(keyOf(i));
      return next;
    });

  const run = async (job: () => Promise<DeleteOutcome>) => {
    setBusy(true);
    setError(null);
    try {
      setMessage(outcomeText(await job()));
      setSelected(new Set());
      await refresh();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const deleteSelected = () =>
    run(() => api.call('storage.delete', { items: chosen.map((i): StorageRef => ({ kind: i.kind, id: i.id, ...(i.project ? { project: i.project } : {}) })) }));
  const keepN = /^\d+$/.test(keep.trim()) ? Number(keep) : NaN;
  const current = report?.projects.find((p) => p.key === report.current);
  const pruneCount = current && Number.isInteger(keepN) ? [...current.runs.slice(keepN), ...current.ssa.slice(keepN)].filter((i) => !i.inUse).length : 0;
  const others = report?.projects.filter((p) => p.key !== report.current) ?? [];

  return (
    <Modal id="storage" title="Storage" onCancel={onClose} wide testId="storage-dialog">
      <ErrorBanner error={error} />
      {!report && !error && <p className="muted">Measuring the storage…</p>}
      {report && (
        <div className="storage-dialog">
          <p className="muted">
            {formatBytes(report.totalBytes)} in <span className="mono">{report.dir}</span>
          </p>
          {message && (
            <p role="status" data-testid="storage-message">
              {message}
            </p>
          )}
          {current ? (
            <section data-testid="storage-current">
              <h3>
                This project: {current.name} — {formatBytes(current.bytes)}
              </h3>
              <p className="muted">{projectLine(current)}</p>
              <div className="storage-actions">
                <label className="inline">
                  Keep the newest
                  <input data-testid="storage-keep" value={keep} onChange={(e) => setKeep(e.target.value)} size={4} />
                  runs and SSA captures
                </label>
                <button type="button" data-testid="storage-prune" disabled={busy || !Number.isInteger(keepN) || pruneCount === 0} onClick={() => void run(() => api.call('storage.prune', { keep: keepN, kinds: ['run', 'ssa'] }))}>
                  Delete the {pruneCount} older
                </button>
              </div>
              <h3>Build runs</h3>
              <ItemTable items={current.runs} selected={selected} onToggle={toggle} />
              <h3>SSA captures</h3>
              <ItemTable items={current.ssa} selected={selected} onToggle={toggle} />
            </section>
          ) : (
            <p className="muted">No project is open.</p>
          )}
          {others.length > 0 && (
            <section>
              <h3>Other projects</h3>
              {others.map((p) => (
                <details key={p.key} data-testid={`storage-project-${p.key}`}>
                  <summary>
                    {p.name} — {formatBytes(p.bytes)}: {projectLine(p)} <span className="muted mono">{p.root ?? ''}</span>
                  </summary>
                  <ItemTable items={[...p.runs, ...p.ssa]} selected={selected} onToggle={toggle} />
                </details>
              ))}
            </section>
          )}
          <section>
            <h3>Shared — {formatBytes(sum(report.shared))}</h3>
            <ItemTable items={report.shared} selected={selected} onToggle={toggle} />
            {report.areas.length > 0 && (
              <ul className="storage-areas">
                {report.areas.map((a) => (
                  <li key={a.name}>
                    <span className="mono">{a.name}</span> {formatBytes(a.bytes)} in {a.files} files: <span className="muted">{a.note}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section>
            <h3>Limits</h3>
            <LimitsForm api={api} initial={report.limits} onSaved={setMessage} />
          </section>
        </div>
      )}
      <ModalActions onCancel={onClose}>
        <button type="button" data-testid="storage-delete" disabled={busy || chosen.length === 0} onClick={() => void deleteSelected()}>
          Delete {chosen.length} selected ({formatBytes(sum(chosen))})
        </button>
      </ModalActions>
    </Modal>
  );
}
