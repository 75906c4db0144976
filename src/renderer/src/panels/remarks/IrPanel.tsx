// The type-checked IR of a remark's function, reused from the SSA feature: ssa.html's AST/IR
// column (GOSSAFUNC) for that function, searchable, each row linked to its source line.
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

  const load = async () => {
    setBusy(true);
    setError(null);
    try {
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
        <button onClick={() => void load()} disabled={busy}>
          Type-checked IR of {fn}
        </button>
        {busy && <span className="muted">compiling with GOSSAFUNC…</span>}
        {shown && <input placeholder="Search the IR" value={filter} onChange={(e) => setFilter(e.target.value)} />}
      </div>
      {error && <div className="banner error">{error}</div>}
      {shown && (
        <>
          <div className="muted">From {shown.flag}.</div>
          <pre className="ir-text">
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
