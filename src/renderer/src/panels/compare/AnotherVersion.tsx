// "Same build, another Go version": a run's own profile again with GOTOOLCHAIN=goX.Y.Z (or, from a
// profile, that profile with the current go and then with goX.Y.Z). The go command fetches the toolchain
// through the module proxy; the exact command is shown before it runs, the console output (download
// included) while it runs, and the comparison opens when it ends.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { BuildProfile, CommandPreview, GopsyApi } from '../../../../shared/api';
import { GO_VERSION } from '../../../../shared/compare';
import { errorMessage } from '../../../../shared/rpc';

/** A run to build again, or a profile to build twice (the current go first, as the baseline). */
export type AnotherBase = { run: string } | { profile: BuildProfile };

interface Props {
  api: GopsyApi;
  base: AnotherBase;
  /** The new run finished (baseRun: the run it is compared with); succeeded or not, the caller decides what to show. */
  onFinished: (runId: string, succeeded: boolean, baseRun: string) => void;
  onClose: () => void;
}

export function AnotherVersion({ api, base, onFinished, onClose }: Props) {
  const baseRun = 'run' in base ? base.run : null;
  const [profile, setProfile] = useState<BuildProfile | null>('profile' in base ? base.profile : null);
  const [baseVersion, setBaseVersion] = useState<string | undefined>();
  const [toolchains, setToolchains] = useState<{ current?: string; downloaded: string[] }>({ downloaded: [] });
  const [version, setVersion] = useState('');
  /** The preview and the profile it is for (a stale one is not shown while the next one loads). */
  const [preview, setPreview] = useState<{ key: string; p: CommandPreview } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [outputs, setOutputs] = useState<Record<string, string>>({});
  const runIdRef = useRef<string | null>(null);
  /** The run the new one is compared with: the given run, or (from a profile) the baseline built first. */
  const baseRef = useRef<string | null>(baseRun);
  /** From a profile: the baseline is building, and the version run starts when it succeeds. */
  const pendingRef = useRef<BuildProfile | null>(null);
  /** The latest startRun, for the status listener (which is set up once). */
  const startRef = useRef<(p: BuildProfile) => Promise<void>>(async () => {});
  const onFinishedRef = useRef(onFinished);
  useEffect(() => {
    onFinishedRef.current = onFinished;
  }, [onFinished]);

  useEffect(() => {
    let stale = false;
    if (baseRun)
      api.call('build.run', { id: baseRun }).then(
      (d) => {
        if (stale) return;
        setProfile(d.manifest.profile);
        setBaseVersion(d.manifest.goVersion);
      },
      (e) => !stale && setError(errorMessage(e)),
    );
    api.call('compare.toolchains', {}).then((t) => !stale && setToolchains(t), () => {});
    return () => {
      stale = true;
    };
  }, [api, baseRun]);

  // Output may arrive before build.start answers with the run's id (the toolchain download comes first).
  useEffect(() => {
    const offOut = api.on('build.output', ({ id, data }) => setOutputs((o) => ({ ...o, [id]: ((o[id] ?? '') + data.replace(/\r\n/g, '\n')).slice(-100_000) })));
    const offStatus = api.on('build.status', (s) => {
      if (s.id !== runIdRef.current || s.status === 'running') return;
      const next = pendingRef.current;
      if (next && s.status === 'succeeded') {
        // The baseline is built: now the same profile with the other Go.
        pendingRef.current = null;
        baseRef.current = s.id;
        void startRef.current(next);
        return;
      }
      pendingRef.current = null;
      setStatus(s.status);
      onFinishedRef.current(s.id, s.status === 'succeeded', baseRef.current ?? s.id);
    });
    return () => {
      offOut();
      offStatus();
    };
  }, [api]);
  const valid = GO_VERSION.test(version.trim());
  const withVersion = useMemo(
    () => (profile && valid ? { ...profile, env: { ...(profile.env ?? {}), GOTOOLCHAIN: version.trim() } } : null),
    [profile, valid, version],
  );
  const previewKey = withVersion ? JSON.stringify(withVersion) : '';
  // From a profile, the baseline's command is shown too: it runs first.
  const [basePreview, setBasePreview] = useState<CommandPreview | null>(null);
  useEffect(() => {
    if (baseRun || !profile) return;
    let stale = false;
    api.call('build.preview', { profile }).then(
      (p) => !stale && setBasePreview(p),
      (e) => !stale && setError(errorMessage(e)),
    );
    return () => {
      stale = true;
    };
  }, [api, baseRun, profile]);
  useEffect(() => {
    if (!withVersion) return;
    let stale = false;
    const t = setTimeout(() => {
      api.call('build.preview', { profile: withVersion }).then(
        (p) => !stale && setPreview({ key: JSON.stringify(withVersion), p }),
        (e) => !stale && setError(errorMessage(e)),
      );
    }, 150);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [api, withVersion]);

  const startRun = async (p: BuildProfile) => {
    try {
      const s = await api.call('build.start', { profile: p });
      runIdRef.current = s.id;
      setRunId(s.id);
      // A run that failed before it started (the toolchain could not be fetched) is already final.
      if (s.status !== 'running') {
        pendingRef.current = null;
        setStatus(s.status);
        onFinished(s.id, s.status === 'succeeded', baseRef.current ?? s.id);
      }
    } catch (e) {
      pendingRef.current = null;
      setStatus(null);
      setError(errorMessage(e));
    }
  };
  useEffect(() => {
    startRef.current = startRun;
  });
  const start = async () => {
    if (!withVersion || !profile) return;
    setError(null);
    setStatus('running');
    if (baseRef.current) return startRun(withVersion);
    pendingRef.current = withVersion; // from a profile: the baseline with the current go first
    return startRun(profile);
  };

  const output = runId ? (outputs[runId] ?? '') : '';
  const shown = preview && preview.key === previewKey ? preview.p : null;
  // gopsy's own lines say what went wrong with the toolchain in one sentence; an older Go than the
  // go.mod asks for is refused by the go command itself at the start of the build.
  const problem =
    status === 'failed'
      ? output
          .split('\n')
          .filter((l) => (l.startsWith('gopsy: ') && !l.includes('GOTOOLCHAIN=')) || /^go: go\.mod requires go >= /.test(l))
          .join('\n')
      : '';
  const suggestions = [...toolchains.downloaded.filter((v) => v !== baseVersion)];
  return (
    <div className="compare-another" role="dialog" aria-label="Same build, another Go version" data-testid="another-version">
      <h4>
        Same build, another Go version{' '}
        <span className="muted">
          {baseRun
            ? `— run ${baseRun} (${baseVersion ?? 'go version not recorded'}, profile “${profile?.name ?? '…'}”)`
            : `— profile “${profile?.name ?? '…'}”: built with the current go (${toolchains.current ?? '…'}) first, then with the version below`}
        </span>
      </h4>
      <div className="compare-controls">
        <label>
          Go version{' '}
          <input
            value={version}
            onChange={(e) => setVersion(e.target.value)}
            placeholder="go1.24.0"
            spellCheck={false}
            aria-invalid={version !== '' && !valid}
            data-testid="another-version-input"
            disabled={status === 'running'}
          />
        </label>
        {suggestions.length > 0 && <span className="muted small">downloaded:</span>}
        {suggestions.map((v) => (
          <button key={v} className="chip" onClick={() => setVersion(v)} disabled={status === 'running'}>
            {v}
          </button>
        ))}
        {toolchains.current && toolchains.current !== baseVersion && (
          <button className="chip" onClick={() => setVersion(toolchains.current!.split(' ')[0]!)} disabled={status === 'running'}>
            {toolchains.current.split(' ')[0]} (go on PATH)
          </button>
        )}
      </div>
      {version !== '' && !valid && <p className="banner warn">Write a Go release as GOTOOLCHAIN names it: go1.24.0, go1.25rc1, go1.20.</p>}
      {valid && !toolchains.downloaded.includes(version.trim()) && version.trim() !== toolchains.current?.split(' ')[0] && (
        <p className="muted small">{version.trim()} is not in the module cache: the go command downloads it through the module proxy first (go1.24.0 for linux/amd64 is an 83 MB zip).</p>
      )}
      {shown && (
        <div className="preview">
          {basePreview && !baseRun && (
            <>
              <span className="muted small">First, the baseline with the current go:</span>
              <pre data-testid="another-version-base-command">{basePreview.shellLine}</pre>
            </>
          )}
          <span className="muted small">The exact command (&lt;run&gt; is the new run’s directory):</span>
          <pre data-testid="another-version-command">{shown.shellLine}</pre>
        </div>
      )}
      <div className="compare-controls">
        <button onClick={() => void start()} disabled={!withVersion || status === 'running'} data-testid="another-version-run">
          Run with {valid ? version.trim() : 'that version'}
        </button>
        {status === 'running' && runId && <button onClick={() => void api.call('build.cancel', { id: runId }).catch((e) => setError(errorMessage(e)))}>Cancel</button>}
        <button onClick={onClose} disabled={status === 'running'}>
          Close
        </button>
        {status && <span className={`status-${status}`}>{status}</span>}
      </div>
      {problem && (
        <div className="banner error" role="alert" data-testid="another-version-error">
          {problem}
        </div>
      )}
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
      {runId && (
        <pre className="live-output compare-live" data-testid="another-version-output">
          {output}
        </pre>
      )}
    </div>
  );
}
