// The SSA view's top bar: the package and build to list, a kept capture to open (a folder, or what
// the open bundle carries), the jobs running, and the name and format of the capture shown.
import type { SsaSnapshot, SsaStore } from './ssaStore';
import { JobStatus } from './JobStatus';
import type { SsaJob } from './useSsaJobs';
import { runFolder } from '../../../../shared/runLayout';

/** SSA the open bundle carries: a run's capture or one the SSA view saved with the session. */
export interface BundleSsa {
  from: { run: string } | { capture: string };
  file: string;
  label: string;
}

interface Props {
  store: SsaStore;
  snap: SsaSnapshot;
  bundleSsa: BundleSsa[];
  jobs: SsaJob[];
  onOpenFolder: () => void;
  onOpenFromBundle: (i: number) => void;
  onCancelJob: (job: string) => void;
}

export function SsaPicker({ store, snap: { pkg, packages, test, openDir, busy, summary }, bundleSsa, jobs, onOpenFolder, onOpenFromBundle, onCancelJob }: Props) {
  return (
    <div className="ssa-picker">
      <label>
        Package{' '}
        <select value={pkg} onChange={(e) => store.set({ pkg: e.target.value })} data-testid="ssa-package">
          {packages.map((p) => (
            <option key={p.dir} value={p.dir}>
              {p.importPath}
            </option>
          ))}
        </select>
      </label>
      <label title="functions of _test.go files are compiled in the test binary">
        <input type="checkbox" checked={test} onChange={(e) => store.set({ test: e.target.checked })} /> test build
      </label>
      <input
        placeholder="or a folder with ssa.html"
        title="a kept capture or an unpacked bundle: ssa.html and/or .dump files, inside the project"
        value={openDir}
        onChange={(e) => store.set({ openDir: e.target.value })}
        data-testid="ssa-open-dir"
      />
      <button onClick={onOpenFolder} disabled={!openDir}>
        Open capture
      </button>
      {bundleSsa.length > 0 && (
        <select value="" onChange={(e) => onOpenFromBundle(Number(e.target.value))} title="SSA the open bundle carries: captured by its build runs or in the SSA view (read-only, nothing is compiled)" data-testid="ssa-bundle-open">
          <option value="">from the bundle…</option>
          {bundleSsa.map((b, i) => (
            <option key={`${'run' in b.from ? runFolder(b.from.run) : `ssa/${b.from.capture}`}/${b.file}`} value={i}>
              {b.label}
            </option>
          ))}
        </select>
      )}
      {busy && <span className="muted">{busy}</span>}
      {jobs.map((j) => (
        <JobStatus key={j.job} job={j} onCancel={() => onCancelJob(j.job)} />
      ))}
      {summary && (
        <span className="ssa-title" data-testid="ssa-function">
          {summary.name} {summary.done ? '' : '(reading…)'} {summary.partial && <span className="tag warn">partial</span>}
          {summary.formats.length > 1 && (
            <select value={summary.format} onChange={(e) => store.set({ format: e.target.value as 'html' | 'dumps' })} title="ssa.html or the per-pass text dumps">
              {summary.formats.map((f) => (
                <option key={f} value={f}>
                  {f === 'html' ? 'ssa.html' : 'text dumps'}
                </option>
              ))}
            </select>
          )}
        </span>
      )}
    </div>
  );
}
