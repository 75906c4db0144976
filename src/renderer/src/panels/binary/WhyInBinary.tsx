// "Why is this here?": the chain of references through which the linker kept a symbol or a package of
// the binary (its run's -dumpdep graph), each step a link to its source line where it has one, the
// culprits on the chain and, for a package, the import chain that brought it into the build.
import { useEffect, useState } from 'react';
import type { GopsyApi } from '../../../../shared/api';
import type { BinaryWhy } from '../../../../shared/contract/binaryWhy';
import type { SourceTarget } from '../viewProps';
import './whyInBinary.css';

interface Props {
  api: GopsyApi;
  id: string;
  /** A symbol or package picked elsewhere in the view (a symbol row, the table's package column). */
  asked: string | null;
  openSource: (t: SourceTarget) => void;
}

export function WhyInBinary({ api, id, asked, openSource }: Props) {
  const [target, setTarget] = useState('');
  const [why, setWhy] = useState<BinaryWhy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const ask = (t: string) => {
    if (!t.trim()) return;
    setBusy(true);
    setError(null);
    api
      .call('binary.why', { id, target: t.trim() })
      .then((w) => (setWhy(w), setError(null)))
      .catch((err: Error) => (setWhy(null), setError(err.message)))
      .finally(() => setBusy(false));
  };

  useEffect(() => {
    if (!asked) return;
    setTarget(asked);
    ask(asked);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- asks again only when a new target is picked
  }, [asked, id]);

  const place = (name: string) => {
    const src = why?.sources?.[name];
    if (!src) return <span className="mono">{name}</span>;
    const inProject = !src.path.startsWith('/');
    return (
      <>
        <button className="link-button mono" data-testid="why-step-link" title={`${src.path}:${src.line}`} onClick={() => openSource(src)}>
          {name}
        </button>{' '}
        <span className="muted mono">
          {inProject ? '' : '(GOROOT) '}
          {src.path.slice(src.path.lastIndexOf('/') + 1)}:{src.line}
        </span>
      </>
    );
  };

  return (
    <div className="why-in-binary" data-testid="why-in-binary">
      <form
        className="row-tools"
        onSubmit={(e) => {
          e.preventDefault();
          ask(target);
        }}
      >
        <input value={target} onChange={(e) => setTarget(e.target.value)} placeholder="symbol or package, e.g. main.T.Method or net/http" aria-label="Symbol or package" size={40} />
        <button type="submit" disabled={busy || !target.trim()}>
          Why is this here?
        </button>
        {busy && <span className="muted">Reading the linker's graph…</span>}
      </form>
      {error && (
        <div className="banner" role="status" data-testid="why-message">
          {error}
        </div>
      )}
      {why && (
        <div data-testid="why-result">
          <p>
            <span className="mono">{why.target}</span> is in the binary
            {why.kind === 'package' ? (
              <>
                : the linker kept <span className="mono">{why.symbol}</span>
              </>
            ) : null}{' '}
            through this chain of references ({why.chain.length} step{why.chain.length === 1 ? '' : 's'} from a root):
          </p>
          <ol className="why-chain" data-testid="why-chain">
            <li>
              {place(why.root)} <span className="muted">root</span>
            </li>
            {why.chain.map((s, i) => (
              <li key={i}>→ {place(s.to)}</li>
            ))}
          </ol>
          {why.culprits.length > 0 && (
            <ul className="why-culprits" data-testid="why-culprits">
              {why.culprits.map((c) => (
                <li key={`${c.kind}:${c.symbol}`}>
                  <strong>{c.kind}</strong> {c.text}
                </li>
              ))}
            </ul>
          )}
          {why.packageImportChain && (
            <p data-testid="why-imports">
              Imported through <span className="mono">{why.packageImportChain.join(' → ')}</span>
            </p>
          )}
        </div>
      )}
    </div>
  );
}
