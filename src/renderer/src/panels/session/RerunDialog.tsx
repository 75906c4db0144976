// "Re-run here" for an opened bundle: shows a recorded build run's go command and environment as the
// bundle holds them, asks for every redacted value (supply it or drop the setting) and for the project
// folder, and runs nothing until the user confirms. The run then is a normal build run of that project.
import { useEffect, useState } from 'react';
import type { GopsyApi, RunSummary } from '../../../../shared/api';
import type { RerunInfo, RerunValue } from '../../../../shared/contract/bundle';
import { errorMessage } from '../../../../shared/rpc';
import { ErrorBanner, Modal, ModalActions } from '../../dialogs/Modal';

interface Props {
  api: GopsyApi;
  bundleId: string;
  onStarted: (run: RunSummary) => void;
  onCancel: () => void;
}

/** A redacted setting: typed by the user, or dropped from the command. */
type Answer = { value: string; drop: boolean };

export function RerunDialog({ api, bundleId, onStarted, onCancel }: Props) {
  const [info, setInfo] = useState<RerunInfo | null>(null);
  const [runId, setRunId] = useState('');
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [useCurrent, setUseCurrent] = useState(true);
  const [folder, setFolder] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [acceptRisks, setAcceptRisks] = useState(false);

  useEffect(() => {
    let live = true;
    api.call('bundle.rerunInfo', { id: bundleId }).then(
      (i) => {
        if (!live) return;
        setInfo(i);
        setRunId(i.runs.at(-1)?.runId ?? '');
        setUseCurrent(!!i.current?.matches);
      },
      (err) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [api, bundleId]);

  const run = info?.runs.find((r) => r.runId === runId) ?? null;
  const redacted = run?.settings.filter((s) => s.redacted) ?? [];
  const unanswered = redacted.filter((s) => !answers[s.key]?.drop && !answers[s.key]?.value.trim());
  const answer = (key: string, a: Partial<Answer>) => setAnswers((x) => ({ ...x, [key]: { value: '', drop: false, ...x[key], ...a } }));
  const where = useCurrent && info?.current?.matches ? info.current.root : folder.trim();

  const confirm = async () => {
    if (!run) return;
    setBusy(true);
    setError(null);
    const values: Record<string, RerunValue> = {};
    for (const s of redacted) values[s.key] = answers[s.key]?.drop ? null : (answers[s.key]?.value ?? '');
    try {
      const started = await api.call('bundle.rerun', {
        id: bundleId,
        runId: run.runId,
        values,
        ...(useCurrent && info?.current?.matches ? {} : { folder: folder.trim() }),
        acceptRisks,
      });
      onStarted(started);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal id="rerun" title="Re-run here" onCancel={onCancel} wide testId="rerun-dialog">
      {!info && !error && <p className="muted">Reading the recorded runs…</p>}
      {info && info.runs.length === 0 && <p className="muted">This bundle holds no build run that can run again.</p>}
      {info && run && (
        <>
          <p className="muted">
            Runs only this recorded go command, on this machine, as a new build run of the project you choose. Paths into the
            run&apos;s folder point at the new run. Nothing runs until you confirm.
          </p>
          {info.runs.length > 1 && (
            <label>
              Recorded run
              <select value={runId} onChange={(e) => setRunId(e.target.value)} data-testid="rerun-pick">
                {info.runs.map((r) => (
                  <option key={r.runId} value={r.runId}>
                    {r.profileName}, {r.status}, {r.startedAt.slice(0, 19).replace('T', ' ')}
                  </option>
                ))}
              </select>
            </label>
          )}
          <h3>
            Recorded command ({run.profileName}, {run.status}
            {run.goVersion ? `, ${run.goVersion}` : ''})
          </h3>
          <pre className="entry-text rerun-command" data-testid="rerun-command">
            {run.shellLine}
          </pre>
          <h3>Environment set by the run</h3>
          {Object.keys(run.env).length === 0 ? (
            <p className="muted">None beyond this machine&apos;s own.</p>
          ) : (
            <ul className="redactions" data-testid="rerun-env">
              {Object.entries(run.env).map(([k, v]) => (
                <li key={k}>
                  {k}={v}
                </li>
              ))}
            </ul>
          )}
          {redacted.length > 0 && (
            <div className="banner warn" data-testid="rerun-redacted">
              <p>
                {redacted.length === 1 ? 'This value was' : 'These values were'} redacted when the bundle was saved. Supply the
                value or drop the setting:
              </p>
              {redacted.map((s) => (
                <div key={s.key} className="rerun-redacted">
                  <label>
                    {s.key.replace(/^env:/, '')} (recorded: {s.value})
                    <input
                      value={answers[s.key]?.value ?? ''}
                      disabled={answers[s.key]?.drop}
                      onChange={(e) => answer(s.key, { value: e.target.value })}
                      spellCheck={false}
                      aria-label={`value of ${s.key.replace(/^env:/, '')}`}
                    />
                  </label>
                  <label className="check">
                    <input type="checkbox" checked={!!answers[s.key]?.drop} onChange={(e) => answer(s.key, { drop: e.target.checked })} />
                    drop {s.key.replace(/^env:/, '')}
                  </label>
                </div>
              ))}
            </div>
          )}
          {run.warnings.map((w) => (
            <div key={w} className="banner warn" role="alert">
              {w}
            </div>
          ))}
          {run.warnings.length > 0 && (
            <label className="check" data-testid="rerun-accept-risks">
              <input type="checkbox" checked={acceptRisks} onChange={(e) => setAcceptRisks(e.target.checked)} /> I have read the
              warnings above and want to run it anyway
            </label>
          )}
          <h3>Project folder</h3>
          {info.current?.matches && (
            <label className="check">
              <input type="radio" checked={useCurrent} onChange={() => setUseCurrent(true)} />
              the open project, {info.current.root} ({info.current.modulePath})
            </label>
          )}
          {info.current?.matches && (
            <label className="check">
              <input type="radio" checked={!useCurrent} onChange={() => setUseCurrent(false)} />
              another folder
            </label>
          )}
          {(!useCurrent || !info.current?.matches) && (
            <label>
              A folder of {info.modulePath ?? 'the recorded module'} on the machine running gopsy
              <input value={folder} onChange={(e) => setFolder(e.target.value)} spellCheck={false} placeholder="/home/you/src/project" data-testid="rerun-folder" />
            </label>
          )}
        </>
      )}
      <ErrorBanner error={error} testId="rerun-error" />
      <ModalActions onCancel={onCancel}>
        <button type="button" onClick={() => void confirm()} disabled={busy || !run || unanswered.length > 0 || !where || (run.warnings.length > 0 && !acceptRisks)} data-testid="rerun-confirm">
          {busy ? 'Starting…' : 'Run this command'}
        </button>
      </ModalActions>
    </Modal>
  );
}
