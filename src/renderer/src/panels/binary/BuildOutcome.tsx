// What the build for analysis did: the command, the link step's time and -ldflags=-v summary,
// linker problems (tied to a package) and module errors explained, and the raw output as text.
import type { BuildForAnalysis } from '../../../../shared/contract/binary';
import { ModuleExplanations } from '../modules/ModuleExplanations';

export function BuildOutcome({ build }: { build: BuildForAnalysis }) {
  const v = build.linkVerbose;
  return (
    <div className={`build-outcome ${build.ok ? 'ok' : 'failed'}`} data-testid="build-outcome">
      <div>
        <code>{build.commandLine}</code> → {build.ok ? 'linked' : `failed (exit ${build.exitCode})`}
        {build.linkMs !== undefined && <span className="muted"> · link step {build.linkMs} ms</span>}
        {v.symbols !== undefined && (
          <span className="muted">
            {' '}
            · {v.symbols} symbols, {v.reachable} reachable ({v.buildMode})
          </span>
        )}
      </div>
      {build.problems.map((p, i) => (
        <div key={i} className="link-problem" data-testid="link-problem">
          <strong>{p.kind === 'duplicate' ? 'Duplicate symbol' : 'Undefined symbol'}</strong> <code>{p.symbol}</code>
          {p.referencedBy && (
            <>
              {' '}
              referenced by <code>{p.referencedBy}</code>
            </>
          )}
          {p.definedIn && <> defined in {p.definedIn.join(' and ')}</>}
          {p.package && <span className="muted"> — package {p.package}</span>}
        </div>
      ))}
      <ModuleExplanations items={build.explanations} />
      {!build.ok && <pre className="tool-output">{build.output}</pre>}
    </div>
  );
}
