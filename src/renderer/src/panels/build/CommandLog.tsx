// The -x command log: one row per toolchain step, the full command on expand, copyable.
import { useState } from 'react';
import type { ToolCommand } from '../../../../shared/api';
import { isToolInvocation } from '../../../../core/build';
import { ms } from './format';

export function CommandLog({ commands }: { commands: ToolCommand[] }) {
  const [all, setAll] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const rows = commands.map((c, i) => ({ c, i })).filter(({ c }) => all || isToolInvocation(c));
  if (commands.length === 0) return <p className="muted">No -x log in this run (the profile did not capture it).</p>;
  return (
    <div data-testid="command-log">
      <label className="small">
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> show every step ({commands.length}), not only tool
        invocations
      </label>
      <table className="data-table">
        <thead>
          <tr>
            <th>tool</th>
            <th>package</th>
            <th className="num">duration</th>
            <th>command</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ c, i }) => (
            <tr key={i} onClick={() => setOpen(open === i ? null : i)} className="clickable">
              <td>{c.tool}</td>
              <td>{c.package}</td>
              <td className="num">{ms(c.durationMs)}</td>
              <td className="cmd">
                {open === i ? (
                  <>
                    <pre>{c.line}</pre>
                    <button onClick={(e) => (e.stopPropagation(), void navigator.clipboard?.writeText(c.line))}>Copy</button>
                  </>
                ) : (
                  c.line.split('\n')[0]!.slice(0, 160)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
