// A page of the binary's symbols, sortable by size, name or package, filtered by a substring.
import { useEffect, useState } from 'react';
import type { GopsyApi } from '../../../../shared/api';
import type { SymbolRow } from '../../../../shared/contract/binary';
import { formatBytesFine } from '../../../../shared/format';

const PAGE = 100;
type Sort = 'size' | 'name' | 'package';

interface Props {
  api: GopsyApi;
  id: string;
  onSymbol: (name: string) => void;
  /** "Why is this here?" for a symbol or a package. */
  onWhy?: (target: string) => void;
}

export function SymbolsTable({ api, id, onSymbol, onWhy }: Props) {
  const [sort, setSort] = useState<Sort>('size');
  const [filter, setFilter] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ total: number; rows: SymbolRow[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api
      .call('binary.symbols', { id, offset, limit: PAGE, sort, ...(filter ? { filter } : {}) })
      .then((p) => live && (setPage(p), setError(null)))
      .catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [api, id, offset, sort, filter]);

  const header = (key: Sort, label: string) => (
    <th>
      <button className="link-button" aria-pressed={sort === key} onClick={() => (setSort(key), setOffset(0))}>
        {label}
        {sort === key ? ' ▾' : ''}
      </button>
    </th>
  );

  return (
    <div className="symbols-table" data-testid="symbols-table">
      <div className="row-tools">
        <input placeholder="Filter symbols" value={filter} onChange={(e) => (setFilter(e.target.value), setOffset(0))} aria-label="Filter symbols" />
        {page && (
          <span className="muted">
            {page.total === 0 ? 'no symbols' : `${offset + 1}–${Math.min(offset + PAGE, page.total)} of ${page.total}`}
          </span>
        )}
        <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          Previous
        </button>
        <button disabled={!page || offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
          Next
        </button>
      </div>
      {error && <div className="banner error">{error}</div>}
      <table>
        <thead>
          <tr>
            {header('size', 'Size')}
            <th>Type</th>
            {header('name', 'Symbol')}
            {header('package', 'Package')}
            {onWhy && <th />}
          </tr>
        </thead>
        <tbody>
          {page?.rows.map((r) => (
            <tr key={`${r.name}@${r.address}`}>
              <td className="num">{formatBytesFine(r.size)}</td>
              <td title={r.memoryOnly ? 'in .bss: memory when the program runs, no bytes in the file' : undefined}>
                {r.type}
                {r.memoryOnly && <span className="muted"> (bss)</span>}
              </td>
              <td>
                {r.type === 'T' || r.type === 't' ? (
                  <button className="link-button mono" title="Disassemble" onClick={() => onSymbol(r.name)}>
                    {r.name}
                  </button>
                ) : (
                  <span className="mono">{r.name}</span>
                )}
              </td>
              <td className="mono muted">
                {onWhy && !r.package.startsWith('(') ? (
                  <button className="link-button mono muted" title={`Why is ${r.package} in the binary?`} onClick={() => onWhy(r.package)}>
                    {r.package}
                  </button>
                ) : (
                  r.package
                )}
              </td>
              {onWhy && (
                <td>
                  <button className="link-button" data-testid="why-symbol" title={`Why is ${r.name} in the binary?`} onClick={() => onWhy(r.name)}>
                    Why?
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
