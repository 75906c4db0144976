// The Build view: pick a profile, see the exact command, run it (live output), cancel it, and open any
// run of the project: timeline, compiler phases, command log, problems. The runs an opened bundle
// carries are listed below them and open the same way, read-only (a replay: nothing runs).
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BuildProfile, CommandPreview, RunDetail, RunSummary } from '../../../../shared/api';
import type { BundleRun, BundleRunDetail } from '../../../../shared/contract/bundle';
import type { ViewProps } from '../viewProps';
import { ms } from './format';
import { showErrorsInEditor } from './editorProblems';
import { RunPanel, type Tab } from './RunPanel';
import { bundleName, firstReplayRun, useOpenBundle } from '../../hooks/useOpenBundle';
import { BundleSourceAt } from '../session/BundleSourceAt';
import { ProfileEditor } from './ProfileEditor';
import { explainApiOf } from './useRebuildExplanation';
import { draftOf, profileOf, type ProfileDraft } from './profileDraft';
import { requestCompare } from '../../workbenchBus';
import { StaleNotice } from '../../editor/StaleNotice';
import { useLayout } from '../../state/layout';
import { Splitter } from '../../Splitter';
import './build.css';
import { useShowing, useStorageDeleted } from '../../storage/useShowing';
import { errorMessage } from '../../../../shared/rpc';

/** A path the sender's toolchain printed, relative to the sender's project (as the bundle saved its sources). */
function senderRelative(root: string, p: string): string {
  const r = root.replace(/[\\/]+$/, '');
  return p.startsWith(`${r}/`) ? p.slice(r.length + 1) : p.replace(/^\.\//, '');
}

export function BuildView({ api, workspace, openSource }: ViewProps) {
  const [profiles, setProfiles] = useState<BuildProfile[]>([]);
  const [profileName, setProfileName] = useState('Diagnose failure');
  const [preview, setPreview] = useState<CommandPreview | null>(null);
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<RunDetail | null>(null);
  const [live, setLive] = useState<Record<string, string>>({});
  const [tab, setTab] = useState<Tab>('timeline');
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<ProfileDraft | null>(null);
  const [sideWidth, setSideWidth] = useLayout('buildSideWidth');
  // Replay of the open bundle's runs: the list, the one selected (its folder name), its detail, and the
  // bundle source a problem points at.
  const bundle = useOpenBundle(api);
  // build.explain and build.explainAction, for the Why rebuilt tab of the project's runs.
  const explainApi = useMemo(() => explainApiOf(api), [api]);
  // build.compileCost, for the Compile cost tab of the project's runs.
  const compileCost = useCallback((id: string) => api.call('build.compileCost', { id }), [api]);
  // build.testCache, for the Test cache tab of the project's 'run-tests' runs.
  const testCache = useCallback((id: string, against?: string) => api.call('build.testCache', { id, ...(against ? { against } : {}) }), [api]);
  const [bundleRuns, setBundleRuns] = useState<{ bundleId: string; runs: BundleRun[] } | null>(null);
  const [replaySel, setReplaySel] = useState<string | null>(null);
  const [replay, setReplay] = useState<{ bundleId: string; run: string; data: BundleRunDetail } | null>(null);
  const [replaySource, setReplaySource] = useState<{ path: string; line: number } | null>(null);
  /** The saved profile being edited (a rename replaces it), or null for a new profile or a copy. */
  const [editing, setEditing] = useState<string | null>(null);
  const selectedProfile = profiles.find((p) => p.name === profileName) ?? profiles[0];
  const checked = draft ? profileOf(draft) : null;
  // Saving replaces a profile of the same name: only the one being edited may keep its name.
  const clash = draft && profiles.find((p) => p.name === draft.name.trim() && p.name !== editing);
  if (checked && clash) {
    checked.errors.name = clash.builtIn ? 'that is a built-in profile’s name' : 'a saved profile has this name (edit that one instead)';
    checked.profile = null;
  }
  // While editing, the preview (and Run) follow the draft once it is valid.
  const profile = checked ? (checked.profile ?? undefined) : selectedProfile;

  const refreshRuns = useCallback(() => api.call('build.runs', {}).then(setRuns, (e) => setError(errorMessage(e))), [api]);
  // The selected run stays in storage while it is shown; runs deleted from storage leave the list.
  useShowing(api, 'build', [selected]);
  useStorageDeleted(api, refreshRuns);

  useEffect(() => {
    if (!workspace) return;
    api.call('build.profiles', {}).then(setProfiles, (e) => setError(errorMessage(e)));
    void refreshRuns();
  }, [api, workspace, refreshRuns]);

  const profileKey = profile ? JSON.stringify(profile) : '';
  useEffect(() => {
    if (!profileKey) return; // the old preview is hidden while the draft is invalid
    let stale = false;
    // Debounced: the preview follows typing in the editor.
    const t = setTimeout(() => {
      api.call('build.preview', { profile: JSON.parse(profileKey) as BuildProfile }).then(
        (p) => !stale && setPreview(p),
        (e) => !stale && setError(errorMessage(e)),
      );
    }, 150);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [api, profileKey]);

  const saveDraft = async () => {
    const next = checked?.profile;
    if (!next) return;
    try {
      let list = await api.call('build.saveProfile', { profile: next });
      if (editing && editing !== next.name) list = await api.call('build.deleteProfile', { name: editing });
      setProfiles(list);
      setProfileName(next.name);
      setDraft(null);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const edit = (p: BuildProfile, name: string, own: string | null) => {
    setDraft({ ...draftOf(p, name), ...(own ? {} : { description: '' }) });
    setEditing(own);
  };
  const deleteSelected = async () => {
    if (!selectedProfile || selectedProfile.builtIn) return;
    try {
      setProfiles(await api.call('build.deleteProfile', { name: selectedProfile.name }));
      setProfileName('Diagnose failure');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  useEffect(() => {
    const offOut = api.on('build.output', ({ id, data }) => setLive((l) => ({ ...l, [id]: ((l[id] ?? '') + data.replace(/\r\n/g, '\n')).slice(-200_000) })));
    const offStatus = api.on('build.status', (s) => {
      setRuns((rs) => [s, ...rs.filter((r) => r.id !== s.id)].sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id)));
    });
    return () => {
      offOut();
      offStatus();
    };
  }, [api]);

  useEffect(() => {
    if (!bundle) return;
    let stale = false;
    api.call('bundle.runs', { id: bundle.id }).then(
      (rs) => {
        if (stale) return;
        setBundleRuns({ bundleId: bundle.id, runs: rs });
        // A run picked in another bundle is not one of this one's: this one's newest instead (with no
        // project open), or none.
        const first = firstReplayRun(rs, !!workspace);
        setReplaySel((cur) => (cur && rs.some((r) => r.run === cur) ? cur : first));
      },
      (e) => !stale && setError(errorMessage(e)),
    );
    return () => {
      stale = true;
    };
  }, [api, bundle, workspace]);

  // Only a run this bundle lists (right after another bundle opened, the pick may still be the old one's).
  const replayListed = !!bundle && !!replaySel && bundleRuns?.bundleId === bundle.id && bundleRuns.runs.some((r) => r.run === replaySel);
  useEffect(() => {
    if (!bundle || !replaySel || !replayListed) return;
    let stale = false;
    api.call('bundle.run', { id: bundle.id, run: replaySel }).then(
      (data) => {
        if (stale) return;
        setReplay({ bundleId: bundle.id, run: replaySel, data });
        setReplaySource(null);
        if (data.detail.errors.length > 0) setTab('problems');
      },
      (e) => !stale && setError(errorMessage(e)),
    );
    return () => {
      stale = true;
    };
  }, [api, bundle, replaySel, replayListed]);

  const shownBundleRuns = bundle && bundleRuns?.bundleId === bundle.id ? bundleRuns.runs : [];
  const replayShown = bundle && replaySel && replay?.bundleId === bundle.id && replay.run === replaySel ? replay : null;
  const selectProject = (id: string) => {
    setReplaySel(null);
    setSelected(id);
  };
  const selectReplay = (run: string) => {
    setSelected(null);
    setReplaySel(run);
  };

  const selectedRun = runs.find((r) => r.id === selected);
  useEffect(() => {
    if (!selected || selectedRun?.status === 'running') return; // artefacts are complete only at the end
    let stale = false;
    api.call('build.run', { id: selected }).then(
      (d) => {
        if (stale) return;
        setDetail(d);
        if (d.errors.length > 0) setTab('problems');
        showErrorsInEditor(workspace?.root, d.errors);
      },
      (e) => setError(errorMessage(e)),
    );
    return () => {
      stale = true;
    };
  }, [api, selected, selectedRun?.status, workspace?.root]);

  const start = async (again?: BuildProfile) => {
    const p = again ?? profile;
    if (!p) return;
    try {
      const s = await api.call('build.start', { profile: p });
      selectProject(s.id);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  // A run made before a save: the same profile again (the selected one when that profile is gone).
  const rerun = (name: string) => start(profiles.find((p) => p.name === name));

  if (!workspace && !bundle) return <p className="muted build-view">Open a project to capture builds.</p>;
  return (
    <div className="build-view" data-testid="build-view" style={{ gridTemplateColumns: `minmax(0, ${sideWidth}px) 4px minmax(0, 1fr)` }}>
      <section className="build-side">
        {!workspace && <p className="muted small">No project is open: the bundle’s recorded runs can be replayed below.</p>}
        {workspace && (
          <>
            <div className="build-controls">
              <select aria-label="Build profile" value={selectedProfile?.name ?? ''} disabled={!!draft} onChange={(e) => setProfileName(e.target.value)}>
                {profiles.map((p) => (
                  <option key={p.name}>{p.name}</option>
                ))}
              </select>
              <button onClick={() => void start()} disabled={!profile} data-testid="build-run">
                Run
              </button>
              <button onClick={() => profile && requestCompare({ profile })} disabled={!profile} title="Build this profile with the current go and with another Go version, and compare" data-testid="profile-another-version">
                Another Go version…
              </button>
              {selectedRun?.status === 'running' && (
                <button onClick={() => void api.call('build.cancel', { id: selectedRun.id }).catch((e) => setError(errorMessage(e)))}>Cancel</button>
              )}
            </div>
            <div className="build-controls" data-testid="profile-actions">
              {draft ? (
                <>
                  <button onClick={() => void saveDraft()} disabled={!checked?.profile} data-testid="profile-save">
                    Save profile
                  </button>
                  <button onClick={() => setDraft(null)}>Discard</button>
                </>
              ) : (
                <>
                  <button onClick={() => selectedProfile && edit(selectedProfile, '', null)} data-testid="profile-new">
                    New profile…
                  </button>
                  {selectedProfile && (
                    <button
                      onClick={() =>
                        selectedProfile.builtIn ? edit(selectedProfile, `${selectedProfile.name} (copy)`, null) : edit(selectedProfile, selectedProfile.name, selectedProfile.name)
                      }
                    >
                      {selectedProfile.builtIn ? 'Copy…' : 'Edit…'}
                    </button>
                  )}
                  {selectedProfile && !selectedProfile.builtIn && <button onClick={() => void deleteSelected()}>Delete</button>}
                </>
              )}
            </div>
            {draft && checked && <ProfileEditor draft={draft} errors={checked.errors} onChange={setDraft} />}
            {!draft && selectedProfile?.description && <p className="muted small">{selectedProfile.description}</p>}
            {draft && !checked?.profile && <p className="muted small">Fix the fields above to see the command.</p>}
            {preview && profile && (
              <div className="preview">
                <pre data-testid="build-preview">{preview.shellLine}</pre>
                <button onClick={() => void navigator.clipboard?.writeText(preview.shellLine)}>Copy command</button>
                <span className="muted small"> (&lt;run&gt; is the run directory)</span>
              </div>
            )}
          </>
        )}
        {error && (
          <div className="banner error" role="alert">
            {error} <button onClick={() => setError(null)}>Dismiss</button>
          </div>
        )}
        <table className="data-table runs" data-testid="build-runs">
          <thead>
            <tr>
              <th>status</th>
              <th>profile</th>
              <th className="num">duration</th>
              <th>toolchain</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} className={`clickable ${r.id === selected ? 'selected' : ''}`} onClick={() => selectProject(r.id)} data-testid="build-run-row">
                <td className={`status-${r.status}`}>
                  {r.status}
                  {r.exitCode !== undefined && r.status !== 'succeeded' ? ` (${r.exitCode})` : ''}
                </td>
                <td>{r.profileName}</td>
                <td className="num">{ms(r.durationMs)}</td>
                <td>{r.goVersion ?? ''}</td>
              </tr>
            ))}
            {bundle && shownBundleRuns.length > 0 && (
              <tr className="runs-group">
                <td colSpan={4} title={bundle.file}>
                  <span className="badge">read-only</span> recorded in {bundleName(bundle)}.gopsy
                </td>
              </tr>
            )}
            {bundle &&
              shownBundleRuns.map((r) => (
                <tr
                  key={`bundle:${r.run}`}
                  className={`clickable ${r.run === replaySel ? 'selected' : ''}`}
                  onClick={() => selectReplay(r.run)}
                  title={r.commandLine}
                  data-testid="bundle-run-row"
                >
                  <td className={`status-${r.status}`}>
                    {r.status}
                    {r.exitCode !== undefined && r.status !== 'succeeded' ? ` (${r.exitCode})` : ''}
                  </td>
                  <td>
                    {bundleName(bundle)} ▸ {r.profileName}
                  </td>
                  <td className="num">{ms(r.durationMs)}</td>
                  <td>{r.goVersion ?? ''}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </section>
      <Splitter direction="horizontal" size={sideWidth} min={200} max={900} sign={1} onResize={setSideWidth} />
      <section className="build-main">
        {selectedRun && !(bundle && replaySel) && selectedRun.status !== 'running' && (
          <StaleNotice api={api} since={Date.parse(selectedRun.startedAt)} what="this build started" refreshLabel={`Run ${selectedRun.profileName} again`} onRefresh={() => void rerun(selectedRun.profileName)} />
        )}
        {!selectedRun && !(bundle && replaySel) && <p className="muted">Run a profile, or pick a run on the left.</p>}
        {bundle && replaySel && !replayShown && <p className="muted">Reading the run from the bundle (every entry is checked against its sha256)…</p>}
        {replayShown && bundle && (
          <>
            <RunPanel
              detail={replayShown.data.detail}
              tab={tab}
              setTab={setTab}
              openSource={(t) => setReplaySource({ path: senderRelative(replayShown.data.detail.manifest.project, t.path), line: t.line })}
              replay={{ label: `${bundleName(bundle)} ▸ run ${replayShown.run}`, console: replayShown.data.console, consoleTruncated: replayShown.data.consoleTruncated }}
            />
            {replaySource && tab === 'problems' && <BundleSourceAt api={api} bundleId={bundle.id} path={replaySource.path} line={replaySource.line} />}
          </>
        )}
        {selectedRun?.status === 'running' && <pre className="live-output" data-testid="build-live">{live[selectedRun.id] ?? ''}</pre>}
        {detail && selectedRun && detail.manifest.id === selectedRun.id && selectedRun.status !== 'running' && (
          <RunPanel detail={detail} tab={tab} setTab={setTab} openSource={openSource} explain={{ api: explainApi, runs }} compileCost={compileCost} testCache={testCache} />
        )}
      </section>
    </div>
  );
}
