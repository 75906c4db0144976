// The Debug view beside the source editor: start a session, step, and read goroutines, the call
// stack, variables, watches and the program's output. Editor marks live in App (decorations.ts).
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { DebugConfig, DebugVariable, Goroutine, StackFrame } from '../../../../shared/api';
import { loadState, saveState } from '../../state/persist';
import type { ViewProps } from '../viewProps';
import { debugStoreFor } from './debugStore';
import { LaunchForm } from './LaunchForm';
import { VariableNode } from './VariableTree';
import { godebugStore } from '../runtime/store';
import { withGodebug } from './godebugEnv';

const GOROUTINE_PAGE = 50;
type Control = 'continue' | 'pause' | 'next' | 'stepIn' | 'stepOut';

interface Scope {
  name: string;
  variables: DebugVariable[];
}

export function DebugView({ api, workspace, openSource }: ViewProps) {
  const store = debugStoreFor(api);
  const { state, output, error } = useSyncExternalStore(store.subscribe, store.snapshot);
  const [dlvProblem, setDlvProblem] = useState<string | null>(null);
  const [goroutines, setGoroutines] = useState<{ list: Goroutine[]; total: number; userTotal: number }>({ list: [], total: 0, userTotal: 0 });
  const [page, setPage] = useState(0);
  const [hideRuntime, setHideRuntime] = useState(true);
  const [threadId, setThreadId] = useState<number | null>(null);
  const [frames, setFrames] = useState<StackFrame[]>([]);
  const [frameId, setFrameId] = useState<number | null>(null);
  const [scopes, setScopes] = useState<Scope[]>([]);
  const watchKey = `debug.watches:${workspace?.root ?? ''}`;
  const [watches, setWatches] = useState<string[]>(() => loadState(watchKey, []));
  const [watchValues, setWatchValues] = useState<Record<string, DebugVariable | string>>({});
  const [newWatch, setNewWatch] = useState('');
  const [evalText, setEvalText] = useState('');
  const [evalLog, setEvalLog] = useState<Array<{ expr: string; result: DebugVariable | string }>>([]);
  const stopped = state.status === 'stopped';
  const active = state.status === 'starting' || state.status === 'running' || stopped;
  const fail = useCallback((err: unknown) => store.setError((err as Error).message), [store]);

  useEffect(() => {
    void api.call('debug.dlvInfo', {}).then((i) => setDlvProblem(i.ok ? null : (i.problem ?? 'Delve is not available.')), fail);
  }, [api, fail]);
  useEffect(() => saveState(watchKey, watches), [watchKey, watches]);

  // A new stop: follow the goroutine that stopped (adjusting state while rendering, as React advises).
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state.status === 'stopped' && state.threadId !== undefined) setThreadId(state.threadId);
    if (state.status !== 'stopped') {
      setFrames([]);
      setScopes([]);
      setFrameId(null);
    }
  }

  useEffect(() => {
    if (!stopped) return;
    api
      .call('debug.goroutines', { start: page * GOROUTINE_PAGE, count: GOROUTINE_PAGE, hideRuntime })
      .then((r) => setGoroutines({ list: r.goroutines, total: r.total, userTotal: r.userTotal }), fail);
  }, [api, stopped, page, hideRuntime, state, fail]);

  useEffect(() => {
    if (!stopped || threadId === null) return;
    api.call('debug.stack', { threadId, levels: 50 }).then((r) => {
      setFrames(r.frames);
      setFrameId(r.frames[0]?.id ?? null);
    }, fail);
  }, [api, stopped, threadId, state, fail]);

  useEffect(() => {
    if (frameId === null) return;
    let cancelled = false;
    void (async () => {
      try {
        const list = await api.call('debug.scopes', { frameId });
        const loaded = await Promise.all(
          list.map(async (s) => ({ name: s.name, variables: s.expensive || !s.reference ? [] : await api.call('debug.variables', { reference: s.reference, count: 500 }) })),
        );
        if (!cancelled) setScopes(loaded);
        const values: Record<string, DebugVariable | string> = {};
        for (const w of watches) {
          values[w] = await api.call('debug.evaluate', { expression: w, frameId, context: 'watch' }).catch((e: Error) => e.message);
        }
        if (!cancelled) setWatchValues(values);
      } catch (err) {
        if (!cancelled) fail(err);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [api, frameId, watches, fail]);

  const [envNote, setEnvNote] = useState<string | null>(null);
  const start = (config: DebugConfig) => {
    store.setError(null);
    const applied = withGodebug(config, godebugStore(api).selected);
    setEnvNote(applied.note);
    api.call('debug.start', { config: applied.config }).catch(fail);
  };
  const control = useCallback(
    (c: Control) => {
      const method = `debug.${c}` as const;
      api.call(method, threadId !== null ? { threadId } : {}).catch(fail);
    },
    [api, threadId, fail],
  );
  const rebuild = () => void api.call('debug.rebuildUnoptimized', {}).catch(fail);

  // VS Code's keys, while the Debug view is open.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const keys: Record<string, Control | undefined> = { F5: 'continue', F10: 'next', F11: e.shiftKey ? 'stepOut' : 'stepIn', F6: 'pause' };
      const c = keys[e.key];
      if (!c) return;
      e.preventDefault();
      control(c);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [control]);

  const evaluate = async () => {
    if (!evalText.trim()) return;
    const result = await api
      .call('debug.evaluate', { expression: evalText, context: 'repl', ...(frameId !== null ? { frameId } : {}) })
      .catch((e: Error) => e.message);
    setEvalLog((l) => [...l.slice(-49), { expr: evalText, result }]);
    setEvalText('');
  };

  const where = state.location ? `${state.location.path}:${state.location.line}` : '';
  return (
    <div className="debug-view" data-testid="debug-view">
      {dlvProblem && (
        <div className="banner error" role="alert" data-testid="dlv-problem">
          {dlvProblem}
        </div>
      )}
      {(error || state.problem) && (
        <div className="banner error" role="alert" data-testid="debug-error">
          {error ?? state.problem}
        </div>
      )}
      <LaunchForm api={api} onStart={start} disabled={!workspace || state.status === 'starting'} />
      {envNote && (
        <p className="muted" data-testid="debug-env-note">
          {envNote}
        </p>
      )}
      <section>
        <h3>
          Session{' '}
          <span className="debug-status" data-testid="debug-status">
            {state.status}
            {state.reason ? ` (${state.reason})` : ''} {where}
            {state.status === 'ended' && state.exitCode !== undefined ? ` exit ${state.exitCode}` : ''}
          </span>
        </h3>
        <div className="debug-controls">
          <button disabled={!stopped} onClick={() => control('continue')} title="Continue (F5)" data-testid="debug-continue">
            ▶ Continue
          </button>
          <button disabled={state.status !== 'running'} onClick={() => control('pause')} title="Pause (F6)">
            ‖ Pause
          </button>
          <button disabled={!stopped} onClick={() => control('next')} title="Step over (F10)" data-testid="debug-next">
            ⤼ Over
          </button>
          <button disabled={!stopped} onClick={() => control('stepIn')} title="Step into (F11)">
            ↓ Into
          </button>
          <button disabled={!stopped} onClick={() => control('stepOut')} title="Step out (Shift+F11)">
            ↑ Out
          </button>
          <button disabled={!active} onClick={() => void api.call('debug.restart', {}).catch(fail)} title="Restart">
            ⟲ Restart
          </button>
          <button disabled={!active} onClick={() => void api.call('debug.stop', {}).catch(fail)} title="Stop (ends dlv and the program)" data-testid="debug-stop">
            ■ Stop
          </button>
        </div>
      </section>
      <section>
        <h3>Call stack</h3>
        <ul className="debug-list" data-testid="debug-stack">
          {frames.map((f) => (
            <li key={f.id} className={f.id === frameId ? 'selected' : ''}>
              <button
                onClick={() => {
                  setFrameId(f.id);
                  if (f.location) openSource({ path: f.location.path, line: f.location.line });
                }}
                title={f.location ? `${f.location.path}:${f.location.line}` : ''}
              >
                {f.name} <span className="muted">{f.location ? `${f.location.path.split('/').pop()}:${f.location.line}` : ''}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h3>Variables</h3>
        <ul className="var-tree" data-testid="debug-variables">
          {scopes.map((s) => (
            <li key={s.name}>
              <div className="muted">{s.name}</div>
              <ul className="var-tree">
                {s.variables.map((v, i) => (
                  <VariableNode key={`${v.name}#${i}`} api={api} variable={v} onRebuild={rebuild} />
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h3>Watch</h3>
        <ul className="var-tree" data-testid="debug-watches">
          {watches.map((w) => {
            const v = watchValues[w];
            return (
              <li key={w} className="var-row">
                <button className="icon-button" aria-label={`Remove watch ${w}`} onClick={() => setWatches(watches.filter((x) => x !== w))}>
                  ×
                </button>
                {v && typeof v !== 'string' ? (
                  <ul className="var-tree">
                    <VariableNode api={api} variable={{ ...v, name: w }} onRebuild={rebuild} />
                  </ul>
                ) : (
                  <span>
                    <span className="var-name">{w}</span> <span className="muted">{v ?? ''}</span>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
        <form
          className="config-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (newWatch.trim() && !watches.includes(newWatch.trim())) setWatches([...watches, newWatch.trim()]);
            setNewWatch('');
          }}
        >
          <input aria-label="New watch expression" placeholder="add a watch, e.g. it.Qty" value={newWatch} onChange={(e) => setNewWatch(e.target.value)} />
        </form>
      </section>
      <section>
        <h3>
          Goroutines{' '}
          <span className="muted">
            {goroutines.userTotal} user / {goroutines.total} shown
          </span>
          <label>
            <input type="checkbox" checked={hideRuntime} onChange={(e) => (setHideRuntime(e.target.checked), setPage(0))} /> hide runtime
          </label>
        </h3>
        <ul className="debug-list" data-testid="debug-goroutines">
          {goroutines.list.map((g) => (
            <li key={g.id} className={g.id === threadId ? 'selected' : ''}>
              <button className={g.user ? '' : 'runtime'} onClick={() => setThreadId(g.id)} title={g.name}>
                {g.name}
              </button>
            </li>
          ))}
        </ul>
        {goroutines.total > GOROUTINE_PAGE && (
          <div className="config-row">
            <button disabled={page === 0} onClick={() => setPage(page - 1)}>
              ‹
            </button>
            <span className="muted">
              page {page + 1} of {Math.ceil(goroutines.total / GOROUTINE_PAGE)}
            </span>
            <button disabled={(page + 1) * GOROUTINE_PAGE >= goroutines.total} onClick={() => setPage(page + 1)}>
              ›
            </button>
          </div>
        )}
      </section>
      <section>
        <h3>Evaluate</h3>
        {evalLog.map((e, i) => (
          <div key={i} className="var-row">
            <span className="var-name">{e.expr}</span> ={' '}
            <span className="var-value">{typeof e.result === 'string' ? e.result : e.result.value}</span>
          </div>
        ))}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void evaluate();
          }}
        >
          <input aria-label="Evaluate" placeholder="expression (in the selected frame)" value={evalText} onChange={(e) => setEvalText(e.target.value)} style={{ width: '100%' }} />
        </form>
      </section>
      <section>
        <h3>Program output</h3>
        <pre className="debug-output" data-testid="debug-output">
          {output}
        </pre>
      </section>
    </div>
  );
}
