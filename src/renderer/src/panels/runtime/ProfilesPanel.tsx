// The profile editor (with completion from the selected toolchain's catalog, live validation), the
// catalog itself, and the project's own GODEBUG defaults (go.mod, go.work, //go:debug).
import { useEffect, useState, useSyncExternalStore } from 'react';
import { ENV_VALUE_RE, type Finding, type GodebugCatalog, type GopsyApi, type ProjectGodebugDefaults } from '../../../../shared/api';
import type { GodebugStore } from './store';
import { FindingList } from './FindingList';
import { errorMessage } from '../../../../shared/rpc';

/** Suggestions for the field being typed: setting names, then known values. */
function suggestions(spec: string, catalog: GodebugCatalog | null): string[] {
  if (!catalog) return [];
  const parts = spec.split(',');
  const last = parts.pop() ?? '';
  const prefix = parts.length ? `${parts.join(',')},` : '';
  if (last.includes('=')) {
    const key = last.slice(0, last.indexOf('='));
    const s = catalog.settings.find((x) => x.name === key);
    const vals = [...new Set([...(s?.values ?? []), ...(s?.old ? [s.old] : []), '0', '1'])];
    return vals.map((v) => `${prefix}${key}=${v}`);
  }
  return catalog.settings.filter((s) => s.name.startsWith(last) && s.source !== 'removed').map((s) => `${prefix}${s.name}=`);
}

export function ProfilesPanel({ api, store }: { api: GopsyApi; store: GodebugStore }) {
  useSyncExternalStore(store.subscribe, store.getVersion);
  const [catalog, setCatalog] = useState<GodebugCatalog | null>(null);
  const [defaults, setDefaults] = useState<ProjectGodebugDefaults | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [godebug, setGodebug] = useState('');
  const [compile, setCompile] = useState('');
  const [toGo, setToGo] = useState(false);
  const [findings, setFindings] = useState<Finding[]>([]);
  const [filter, setFilter] = useState('');

  useEffect(() => {
    api.call('godebug.catalog', {}).then(setCatalog, (e) => setError(errorMessage(e)));
    api.call('godebug.projectDefaults', {}).then(setDefaults, (e) => setError(errorMessage(e)));
  }, [api]);

  const charsetOk = ENV_VALUE_RE.test(godebug) && ENV_VALUE_RE.test(compile);
  useEffect(() => {
    if (!charsetOk) return;
    let live = true;
    const t = setTimeout(() => {
      api
        .call('godebug.validate', { godebug, ...(compile ? { gocompiledebug: compile } : {}) })
        .then((r) => live && setFindings(r.findings), (e) => live && setError(errorMessage(e)));
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [api, godebug, compile, charsetOk]);

  const save = async () => {
    const id = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'profile';
    try {
      const list = await api.call('godebug.saveProfile', {
        profile: { id, name: name || id, godebug, ...(compile ? { gocompiledebug: compile } : {}), ...(toGo ? { applyToGoCommand: true } : {}) },
      });
      store.setProfiles(list);
      store.select(id);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const edit = (id: string) => {
    const p = store.profiles.find((x) => x.id === id);
    if (!p) return;
    setName(p.builtin ? `${p.name} (copy)` : p.name);
    setGodebug(p.godebug);
    setCompile(p.gocompiledebug ?? '');
    setToGo(!!p.applyToGoCommand);
  };
  const remove = async (id: string) => {
    try {
      store.setProfiles(await api.call('godebug.deleteProfile', { id }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const shown = (catalog?.settings ?? []).filter((s) => !filter || s.name.includes(filter) || s.package.includes(filter));
  return (
    <div className="rt-panel profiles" data-testid="profiles-panel">
      {error && <div className="banner error">{error}</div>}
      <h3>Profiles</h3>
      <table className="rt-table">
        <tbody>
          {store.profiles.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td><code>{p.godebug}</code>{p.gocompiledebug && <> · GOCOMPILEDEBUG=<code>{p.gocompiledebug}</code></>}</td>
              <td className="muted">{p.builtin ? 'built-in' : 'this project'}</td>
              <td>
                <button onClick={() => edit(p.id)}>{p.builtin ? 'Copy' : 'Edit'}</button>{' '}
                {!p.builtin && <button onClick={() => void remove(p.id)}>Delete</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Edit a profile</h3>
      <div className="editor-form">
        <label>name <input value={name} onChange={(e) => setName(e.target.value)} data-testid="profile-name" /></label>
        <label>
          GODEBUG{' '}
          <input list="godebug-suggest" size={50} value={godebug} onChange={(e) => setGodebug(e.target.value.trim())} data-testid="profile-godebug" spellCheck={false} />
        </label>
        <datalist id="godebug-suggest">
          {suggestions(godebug, catalog).slice(0, 80).map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <label>
          GOCOMPILEDEBUG{' '}
          <input list="compile-suggest" size={30} value={compile} onChange={(e) => setCompile(e.target.value.trim())} data-testid="profile-compile" spellCheck={false} />
        </label>
        <datalist id="compile-suggest">
          {(catalog?.compileDebug ?? []).map((k) => (
            <option key={k.name} value={`${k.name}=1`}>{k.help}</option>
          ))}
        </datalist>
        <label><input type="checkbox" checked={toGo} onChange={(e) => setToGo(e.target.checked)} /> also for the go command itself</label>
        <button onClick={() => void save()} disabled={!charsetOk || !godebug && !compile}>Save for this project</button>
      </div>
      {!charsetOk && <div className="banner error">Only letters, digits and _ . , = / : + @ # - are allowed.</div>}
      <FindingList findings={findings} testId="editor-findings" />
      {catalog && findings.length === 0 && godebug && <div className="ok-line">No findings for {catalog.goVersion}.</div>}

      <h3>Project defaults</h3>
      {defaults ? (
        <div data-testid="project-defaults">
          <div>go line: <code>{defaults.goVersion ?? '(none)'}</code></div>
          {defaults.lines.map((l, i) => (
            <div key={i}>
              <code>{l.file}:{l.line}</code> {l.kind === 'godebug' ? 'godebug' : '//go:debug'} <code>{l.key}={l.value}</code>
              {l.kind === 'go:debug-ignored' && <span className="muted"> (not package main: ignored by the go command)</span>}
            </div>
          ))}
          {defaults.defaultGodebug.map((d) => (
            <div key={d.package} className="muted">DefaultGODEBUG of {d.package}: <code>{d.value || '(empty)'}</code></div>
          ))}
          <FindingList findings={defaults.findings} />
          {defaults.problem && <div className="muted">{defaults.problem}</div>}
        </div>
      ) : (
        <div className="muted">reading…</div>
      )}

      <h3>
        Catalog {catalog && <span className="muted">from {catalog.goVersion} ({catalog.settings.length} settings, {catalog.compileDebug.length} compiler -d keys)</span>}
      </h3>
      {catalog?.notes.map((n) => <div key={n} className="muted">{n}</div>)}
      <input placeholder="filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <table className="rt-table" data-testid="catalog-table">
        <thead>
          <tr><th>setting</th><th>source</th><th>package</th><th>default / change</th><th>what it does</th></tr>
        </thead>
        <tbody>
          {shown.map((s) => (
            <tr key={s.name}>
              <td><code>{s.name}</code></td>
              <td>{s.source}</td>
              <td>{s.package}</td>
              <td>
                {s.defaultValue !== undefined && `default ${s.defaultValue}`}
                {s.changed !== undefined && ` changed in go1.${s.changed} (old ${s.old})`}
                {s.removedIn !== undefined && `removed in go1.${s.removedIn}`}
                {s.values && ` values ${s.values.join(', ')}`}
              </td>
              <td>{s.description ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
