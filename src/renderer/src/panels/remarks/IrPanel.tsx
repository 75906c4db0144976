// The type-checked IR of a remark's function, two ways: ssa.html's AST/IR column (GOSSAFUNC, reused
// from the SSA feature) or the compiler's -W dump (before / after walk). Searchable, rows linked to
// their source line, and the flag that produced it is said.
import { useState } from 'react';
import type { GopsyApi } from '../../../../shared/api';
import type { SsaAstLine } from '../../../../shared/ssa';
import type { Remark } from '../../../../shared/remarks';

const pkgOf = (rel: string) => (rel.includes('/') ? `./${rel.slice(0, rel.lastIndexOf('/'))}` : '.');

export function IrPanel({ api, remark, onLine }: { api: GopsyApi; remark: Remark; onLine: (line: number) => void }) {
  const [ast, setAst] = useState<{ key: string; lines: SsaAstLine[]; flag: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const key = `${remark.path}\n${remark.function}`;
  if (!remark.path || !remark.function) return null;
  const fn = remark.function;
  const pkg = pkgOf(remark.path);

  const rel = remark.path;
  const load = async (how: 'ssa' | 'walk') => {
    setBusy(true);
    setError(null);
    try {
      if (how === 'walk') {
        const dump = await api.call('remarks.walkDump', { path: rel, function: fn });
        if (dump.sections.length === 0) throw new Error(`The -W dump has no function ${fn}. It has: ${dump.functions.slice(0, 20).join(', ')}`);
        const lines = dump.sections.flatMap((s) => [{ text: `── ${s.stage} ${s.function}`, line: null }, ...s.lines]);
        setAst({ key, lines, flag: `${dump.flag} (IR before and after walk)` });
        return;
      }
      const cap = await api.call('ssa.capture', { pkg, func: fn });
      if (!cap.ok) throw new Error(cap.message);
      const col = await api.call('ssa.column', { id: cap.id, format: 'html', column: 'ast' });
      setAst({ key, lines: col.ast ?? [], flag: `GOSSAFUNC=${cap.func} (ssa.html, AST/IR column) for ${pkg}` });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const shown = ast && ast.key === key ? ast : null;
  const needle = filter.toLowerCase();
  return (
    <div className="ir-panel" data-testid="ir-panel">
      <div className="row-tools">
        <span>Type-checked IR of {fn}:</span>
        <button onClick={() => void load('ssa')} disabled={busy} data-testid="ir-ssa">
          ssa.html AST
        </button>
        <button onClick={() => void load('walk')} disabled={busy} data-testid="ir-walk">
          -W dump
        </button>
        {busy && <span className="muted">compiling…</span>}
        {shown && <input placeholder="Search the IR" value={filter} onChange={(e) => setFilter(e.target.value)} />}
      </div>
      {error && <div className="banner error">{error}</div>}
      {shown && (
        <>
          <div className="muted">From {shown.flag}.</div>
          <pre className="ir-text" data-testid="ir-text">
            {shown.lines
              .filter((l) => !needle || l.text.toLowerCase().includes(needle))
              .map((l, i) => (
                <div key={i} className={l.line ? 'ir-line linked' : 'ir-line'} onClick={() => l.line && onLine(l.line)}>
                  {l.text}
                </div>
              ))}
          </pre>
        </>
      )}
    </div>
  );
}
