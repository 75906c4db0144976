// "Why is this here?": the chain of references through which the linker kept a symbol or a package of
// the binary (its run's -dumpdep graph), each step a link to its source line where it has one, the
// culprits on the chain and, for a package, the import chain that brought it into the build.
import { useEffect, useRef, useState } from 'react';
import type { GopsyApi } from '../../../../shared/api';
import type { BinaryWhy } from '../../../../shared/contract/binaryWhy';
import type { SourceTarget } from '../viewProps';
import './whyInBinary.css';

interface Props {
  api: GopsyApi;
  id: string;
  /** A symbol or package picked elsewhere in the view (a symbol row, the table's package column, a treemap cell, a size diff's new symbol). */
  asked: { target: string } | null;
  openSource: (t: SourceTarget) => void;
}

export function WhyInBinary({ api, id, asked, openSource }: Props) {
  const [target, setTarget] = useState('');
  /** The question being asked (n tells two askings of the same target apart) and the last answer. */
  const [query, setQuery] = useState<{ target: string; n: number } | null>(null);
  const [answer, setAnswer] = useState<{ n: number; why?: BinaryWhy; error?: string } | null>(null);
  const [lastAsked, setLastAsked] = useState<{ target: string } | null>(null);
  const host = useRef<HTMLDivElement>(null);

  const ask = (t: string) => {
    if (t.trim()) setQuery({ target: t.trim(), n: (query?.n ?? 0) + 1 });
  };
  // A target picked elsewhere in the view (a new `asked`) fills the field and is asked at once.
  if (asked !== lastAsked) {
    setLastAsked(asked);
    if (asked) {
      setTarget(asked.target);
      ask(asked.target);
    }
  }
  // Asked from far above (the treemap, a size diff): bring the answer into view.
  useEffect(() => {
    if (asked) host.current?.scrollIntoView?.({ block: 'nearest' });
  }, [asked]);

  useEffect(() => {
    if (!query) return;
    let live = true;
    api
      .call('binary.why', { id, target: query.target })
      .then((why) => live && setAnswer({ n: query.n, why }))
      .catch((err: Error) => live && setAnswer({ n: query.n, error: err.message }));
    return () => {
      live = false;
    };
  }, [api, id, query]);

  const busy = query !== null && answer?.n !== query.n;
  const why = busy ? null : (answer?.why ?? null);
  const error = busy ? null : (answer?.error ?? null);

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
    <div className="why-in-binary" data-testid="why-in-binary" ref={host}>
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
