// The classified log: every line of the session with its kind, filterable by kind. Program output
// is one of the kinds, so nothing the program printed is hidden by the parsing.
import { useState } from 'react';
import { TRACE_KINDS, type TraceEvent, type TraceKind } from '../../../../shared/api';
import type { TraceSession } from './store';

const MAX_ROWS = 3000;

function text(e: TraceEvent): string {
  switch (e.kind) {
    case 'output':
      return e.text;
    case 'pacer':
      return `pacer: ${e.text}`;
    case 'gc':
      return `gc ${e.n} @${e.atSec}s ${e.cpuPercent}%: ${e.heapStartMB}->${e.heapEndMB}->${e.liveMB} MB, ${e.goalMB} MB goal${e.forced ? ' (forced)' : ''}`;
    case 'scav':
      return `scav ${e.retainedKiB} KiB retained, ${e.utilPercent}% util`;
    case 'sched':
      return `SCHED ${e.atMs}ms: gomaxprocs=${e.gomaxprocs} idleprocs=${e.idleprocs} threads=${e.threads} runqueue=${e.runqueue}`;
    case 'sched-detail':
      return `${e.entity}${e.id}: ${Object.entries(e.fields).map(([k, v]) => `${k}=${v}`).join(' ')}`;
    case 'init':
      return `init ${e.pkg} @${e.atMs} ms, ${e.clockMs} ms clock, ${e.bytes} bytes, ${e.allocs} allocs`;
    case 'http2':
      return `http2: ${e.message}`;
  }
}

export function LogPanel({ session }: { session: TraceSession }) {
  const [hidden, setHidden] = useState<Set<TraceKind>>(new Set());
  const rows = session.events.filter((e) => !hidden.has(e.kind));
  const toggle = (k: TraceKind) =>
    setHidden((h) => {
      const n = new Set(h);
      if (n.has(k)) n.delete(k);
      else n.add(k);
      return n;
    });
  return (
    <div className="rt-panel" data-testid="log-panel">
      <div className="rt-filters">
        {TRACE_KINDS.map((k) => (
          <label key={k}>
            <input type="checkbox" checked={!hidden.has(k)} onChange={() => toggle(k)} data-testid={`log-kind-${k}`} /> {k}{' '}
            <span className="muted">{session.counts[k] ?? 0}</span>
          </label>
        ))}
      </div>
      <table className="rt-table log" data-testid="log-table">
        <tbody>
          {rows.slice(-MAX_ROWS).map((e, i) => (
            <tr key={`${e.seq}-${i}`} className={`kind-${e.kind}`}>
              <td className="muted">{e.seq + 1}</td>
              <td>{e.kind}</td>
              <td className="msg">{text(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > MAX_ROWS && <div className="muted">showing the last {MAX_ROWS} of {rows.length} lines</div>}
      {session.truncated && <div className="banner warn">The session passed 1,000,000 lines: later lines are in the console and the charts only.</div>}
    </div>
  );
}
