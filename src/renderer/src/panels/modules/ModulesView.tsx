// The Modules view: where GOPROXY, GOSUMDB, GOFLAGS... come from; go mod verify and go mod graph on
// demand; "why is this package in my build?"; and a box that explains pasted module or linker errors.
import { useEffect, useState } from 'react';
import type { ModulePanel, ModVerifyResponse } from '../../../../shared/contract/binary';
import type { LinkProblem, ModuleErrorExplanation } from '../../../../shared/contract/binaryTypes';
import type { Result } from '../../../../shared/api';
import type { ViewProps } from '../viewProps';
import { ModuleExplanations } from './ModuleExplanations';
import '../binary/binary.css';
import { errorMessage } from '../../../../shared/rpc';
import { useBusyAction } from '../../hooks/useBusyAction';


export function ModulesView({ api, workspace }: ViewProps) {
  const [panel, setPanel] = useState<ModulePanel | null>(null);
  const [verify, setVerify] = useState<ModVerifyResponse | null>(null);
  const [graph, setGraph] = useState<Result<'modules.graph'> | null>(null);
  const [target, setTarget] = useState('');
  const [chain, setChain] = useState<Result<'modules.importChain'> | null>(null);
  const [paste, setPaste] = useState('');
  const [explained, setExplained] = useState<{ modules: ModuleErrorExplanation[]; link: LinkProblem[] } | null>(null);
  const { busy, error, setError, run } = useBusyAction();

  useEffect(() => {
    if (!workspace) return;
    api.call('modules.panel', {}).then(setPanel, (err: unknown) => setError(errorMessage(err)));
  }, [api, workspace, setError]);


  const findChain = (t: string) => {
    setTarget(t);
    void run('Listing packages…', async () => setChain(await api.call('modules.importChain', { target: t })));
  };

  if (!workspace) return <div className="modules-view muted">Open a project first.</div>;
  return (
    <div className="modules-view" data-testid="modules-view">
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
      {busy && <div className="muted">{busy}</div>}
      <section>
        <h3>Module resolution settings</h3>
        <table data-testid="env-provenance">
          <thead>
            <tr>
              <th>Variable</th>
              <th>Value</th>
              <th>From</th>
            </tr>
          </thead>
          <tbody>
            {panel?.env.map((r) => (
              <tr key={r.key}>
                <td className="mono">{r.key}</td>
                <td className="mono wrap">{r.value || <span className="muted">(empty)</span>}</td>
                <td>
                  {r.source}
                  {r.detail && <span className="muted"> ({r.detail})</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h3>Checks</h3>
        <div className="row-tools">
          <button disabled={!!busy} onClick={() => void run('go mod verify…', async () => setVerify(await api.call('modules.verify', {})))}>
            Run go mod verify
          </button>
          <button disabled={!!busy} onClick={() => void run('go mod graph…', async () => setGraph(await api.call('modules.graph', {})))}>
            Load module graph
          </button>
        </div>
        {verify && (
          <div data-testid="verify-result">
            <div className={verify.ok ? 'ok-text' : 'bad-text'}>{verify.ok ? 'All modules verified.' : `go mod verify failed (exit ${verify.exitCode}).`}</div>
            <pre className="tool-output">{verify.output}</pre>
            <ModuleExplanations items={verify.problems} />
          </div>
        )}
        {graph && (
          <div data-testid="module-graph">
            {graph.error && <pre className="tool-output">{graph.error}</pre>}
            <div className="muted">
              {graph.selected.length} modules selected, {graph.edges.length} requirement edges
            </div>
            <ul>
              {graph.selected.map((m) => (
                <li key={m.path} className="mono">
                  {m.path} <strong>{m.version}</strong>{' '}
                  <span className="muted">
                    required by{' '}
                    {graph.edges
                      .filter((e) => e.to.startsWith(m.path + '@'))
                      .map((e) => e.from)
                      .join(', ')}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
      <section>
        <h3>Why is this package in my build?</h3>
        <form
          className="row-tools"
          onSubmit={(e) => {
            e.preventDefault();
            findChain(target);
          }}
        >
          <input value={target} onChange={(e) => setTarget(e.target.value)} placeholder="import path, e.g. sort" aria-label="Package import path" size={40} />
          <button type="submit" disabled={!!busy || !target.trim()}>
            Find import chain
          </button>
        </form>
        {chain && (
          <div data-testid="import-chain">
            {chain.error && <div className="bad-text">{chain.error}</div>}
            {chain.chain ? (
              chain.chain.map((p, i) => (
                <span key={p}>
                  {i > 0 && ' → '}
                  <button className="link-button mono" onClick={() => findChain(p)}>
                    {p}
                  </button>
                </span>
              ))
            ) : (
              <span className="muted">
                {target} is not imported by {chain.root}.
              </span>
            )}
          </div>
        )}
      </section>
      <section>
        <h3>Explain an error</h3>
        <textarea value={paste} onChange={(e) => setPaste(e.target.value)} placeholder="Paste go command output (checksum mismatch, missing go.sum entry, linker errors…)" aria-label="Error text" />
        <div className="row-tools">
          <button disabled={!paste.trim()} onClick={() => void run('Explaining…', async () => setExplained(await api.call('modules.explain', { text: paste })))}>
            Explain
          </button>
        </div>
        {explained && (
          <div data-testid="explained">
            {explained.modules.length + explained.link.length === 0 && <div className="muted">No module or linker error recognised in that text.</div>}
            <ModuleExplanations items={explained.modules} />
            {explained.link.map((p, i) => (
              <div key={i} className="link-problem">
                {p.kind} symbol <code>{p.symbol}</code>
                {p.package && ` in package ${p.package}`}: <span className="mono">{p.message}</span>
              </div>
            ))}
          </div>
        )}
      </section>
    </div>
  );
}
