// Ctrl+P: any file of the project by a few letters of its path; Ctrl+T: a symbol of the workspace by
// name (gopls's workspace/symbol). Typing narrows the list, arrows choose, Enter opens, Escape closes.
// Symbol answers that arrive after the query changed are dropped (and cancelled in gopls).
import { useEffect, useMemo, useRef, useState } from 'react';
import type { GopsyApi } from '../../../../shared/api';
import type { LspWorkspaceSymbol } from '../../../../shared/contract/lsp';
import { errorMessage } from '../../../../shared/rpc';
import { ErrorBanner, Modal } from '../../dialogs/Modal';
import { fuzzyScore } from './quickOpenMatch';

export type QuickOpenMode = 'files' | 'symbols';

/** Rows shown at once. */
const SHOWN = 60;
const SYMBOL_DELAY_MS = 150;

export interface QuickOpenTarget {
  path: string;
  /** 0-based line and UTF-16 character (a symbol's place); a file opens where it was. */
  position?: { line: number; character: number };
}

const KIND_NAMES = ['', 'file', 'module', 'namespace', 'package', 'class', 'method', 'property', 'field', 'constructor', 'enum', 'interface', 'func', 'var', 'const', 'string', 'number', 'bool', 'array', 'object', 'key', 'null', 'enum member', 'struct', 'event', 'operator', 'type param'];

export function QuickOpen({ api, mode, onOpen, onClose }: { api: GopsyApi; mode: QuickOpenMode; onOpen: (t: QuickOpenTarget) => void; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [files, setFiles] = useState<{ files: string[]; truncated: boolean } | null>(null);
  const [symbols, setSymbols] = useState<LspWorkspaceSymbol[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const asked = useRef(0);
  useEffect(() => input.current?.focus(), []);

  useEffect(() => {
    if (mode !== 'files') return;
    api.call('workspace.files', {}).then(setFiles, (err) => setError(errorMessage(err)));
  }, [api, mode]);

  useEffect(() => {
    if (mode !== 'symbols') return;
    const seq = ++asked.current;
    const ticket = `q${seq}`;
    if (!query.trim()) return;
    const timer = setTimeout(() => {
      api.call('lsp.workspaceSymbols', { query, ticket }).then(
        (found) => seq === asked.current && (setSymbols(found), setError(null)),
        (err) => seq === asked.current && setError(errorMessage(err)),
      );
    }, SYMBOL_DELAY_MS);
    return () => {
      clearTimeout(timer);
      void api.call('lsp.cancel', { ticket }).catch(() => {});
    };
  }, [api, mode, query]);

  const rows = useMemo((): Array<{ key: string; label: string; detail: string; target: QuickOpenTarget }> => {
    if (mode === 'symbols') {
      if (!query.trim()) return [];
      return symbols.slice(0, SHOWN).map((s, i) => ({
        key: `${i}`,
        label: s.name,
        detail: `${KIND_NAMES[s.kind] ?? ''} · ${s.location.origin ? `${s.location.origin} · ` : ''}${s.location.path}:${s.location.range.start.line + 1}`,
        target: { path: s.location.path, position: s.location.range.start },
      }));
    }
    return (files?.files ?? [])
      .map((path) => ({ path, score: fuzzyScore(path, query) }))
      .filter((r): r is { path: string; score: number } => r.score !== null)
      .sort((a, b) => b.score - a.score)
      .slice(0, SHOWN)
      .map(({ path }) => ({ key: path, label: path.slice(path.lastIndexOf('/') + 1), detail: path, target: { path } }));
  }, [mode, symbols, files, query]);

  const choose = (i: number) => {
    const row = rows[i];
    if (!row) return;
    onClose();
    onOpen(row.target);
  };

  return (
    <Modal id="quick-open" title={mode === 'files' ? 'Go to File' : 'Go to Symbol in Workspace'} onCancel={onClose} testId="quick-open">
      <input
        ref={input}
        className="quick-open-input"
        value={query}
        placeholder={mode === 'files' ? 'a few letters of the file path' : 'a symbol name (gopls)'}
        aria-label={mode === 'files' ? 'file to open' : 'symbol to find'}
        onChange={(e) => {
          setQuery(e.target.value);
          setSelected(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setSelected((s) => Math.min(s + 1, rows.length - 1));
          else if (e.key === 'ArrowUp') setSelected((s) => Math.max(s - 1, 0));
          else if (e.key === 'Enter') choose(selected);
          else return;
          e.preventDefault();
        }}
      />
      <ErrorBanner error={error} />
      <ul className="quick-open-list" role="listbox">
        {rows.map((r, i) => (
          <li key={r.key} role="option" aria-selected={i === selected} className={i === selected ? 'selected' : ''} onMouseDown={() => choose(i)}>
            <span className="mono">{r.label}</span> <span className="muted">{r.detail}</span>
          </li>
        ))}
      </ul>
      {files?.truncated && mode === 'files' && <p className="muted">Only the first {files.files.length} files of the project are listed.</p>}
    </Modal>
  );
}
