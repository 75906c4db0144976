// Variables as a lazily expanded tree: children are asked for only when a node opens, in pages, so
// a map with a million entries costs one page. Values are text, never markup.
import { useState } from 'react';
import type { DebugVariable, GopsyApi } from '../../../../shared/api';

const PAGE = 100;

interface NodeProps {
  api: GopsyApi;
  variable: DebugVariable;
  onRebuild: () => void;
}

export function VariableNode({ api, variable, onRebuild }: NodeProps) {
  const [open, setOpen] = useState(false);
  const [children, setChildren] = useState<DebugVariable[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const expandable = variable.reference > 0;

  const load = async (start: number) => {
    try {
      // Indexed children (slices, arrays, maps) come in pages; named ones (struct fields) at once.
      const page = await api.call('debug.variables', {
        reference: variable.reference,
        ...(variable.indexed ? { start, count: PAGE } : { count: 1000 }),
      });
      setChildren((c) => [...(start === 0 ? [] : (c ?? [])), ...page]);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const toggle = () => {
    if (!expandable) return;
    if (!open && !loaded) {
      setLoaded(true);
      void load(0);
    }
    setOpen(!open);
  };

  const more = variable.indexed && children && children.length < variable.indexed;
  return (
    <li data-testid="variable" data-name={variable.name}>
      <div className="var-row" onClick={toggle} role={expandable ? 'button' : undefined}>
        <span className="twisty">{expandable ? (open ? '▾' : '▸') : ''}</span>
        <span className="var-name">{variable.name}</span>
        <span className={variable.unavailable ? 'var-value var-unavailable' : 'var-value'} title={variable.value} data-testid="variable-value">
          {variable.value}
        </span>
        {variable.type && (
          <span className="var-type" title={variable.type}>
            {variable.type}
          </span>
        )}
      </div>
      {variable.unavailable && (
        <div className="var-unavailable">
          Delve cannot read this value (optimised away or not in a register here).{' '}
          <button onClick={onRebuild}>Rebuild without optimisations (-gcflags=all=-N -l) and restart</button>
        </div>
      )}
      {open && (
        <ul className="var-tree">
          {error && <li className="var-unavailable">{error}</li>}
          {children?.map((c, i) => <VariableNode key={`${c.name}#${i}`} api={api} variable={c} onRebuild={onRebuild} />)}
          {more && (
            <li>
              <button onClick={() => void load(children.length)}>
                more ({children.length} of {variable.indexed})
              </button>
            </li>
          )}
        </ul>
      )}
    </li>
  );
}
