// The HTTP/2 view: the frame log (http2debug=2) and other HTTP/2 messages, filterable by connection,
// stream and frame type. Text is shown as text, never as markup.
import { useState } from 'react';
import type { TraceSession } from './store';

const MAX_ROWS = 2000;

export function Http2Panel({ session }: { session: TraceSession }) {
  const [conn, setConn] = useState('');
  const [stream, setStream] = useState('');
  const [type, setType] = useState('');
  const [framesOnly, setFramesOnly] = useState(true);
  const all = session.http2;
  const conns = [...new Set(all.flatMap((e) => (e.conn ? [e.conn] : [])))];
  const types = [...new Set(all.flatMap((e) => (e.frameType ? [e.frameType] : [])))].sort();
  const rows = all.filter(
    (e) =>
      (!framesOnly || e.frameType) &&
      (!conn || e.conn === conn) &&
      (!type || e.frameType === type) &&
      (stream === '' || String(e.stream ?? '') === stream.trim()),
  );
  return (
    <div className="rt-panel" data-testid="http2-panel">
      <div className="rt-filters">
        <label>
          connection{' '}
          <select value={conn} onChange={(e) => setConn(e.target.value)} data-testid="http2-conn">
            <option value="">all</option>
            {conns.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          stream <input size={5} value={stream} onChange={(e) => setStream(e.target.value)} data-testid="http2-stream" />
        </label>
        <label>
          frame{' '}
          <select value={type} onChange={(e) => setType(e.target.value)} data-testid="http2-type">
            <option value="">all</option>
            {types.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={framesOnly} onChange={(e) => setFramesOnly(e.target.checked)} /> frames only
        </label>
        <span className="muted">
          {rows.length} of {all.length} lines
        </span>
      </div>
      {all.length === 0 && <div className="muted">No http2debug lines yet (profile "HTTP/2 frames": http2debug=2).</div>}
      <table className="rt-table" data-testid="http2-table">
        <thead>
          <tr>
            <th>time</th><th>who</th><th>conn</th><th>dir</th><th>frame</th><th>flags</th><th>stream</th><th>len</th><th>message</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(-MAX_ROWS).map((e) => (
            <tr key={e.seq}>
              <td>{e.time ?? ''}</td>
              <td>{e.actor}</td>
              <td>{e.conn ?? ''}</td>
              <td>{e.direction ?? ''}</td>
              <td>{e.frameType ?? ''}</td>
              <td>{e.flags?.join('|') ?? ''}</td>
              <td>{e.stream ?? ''}</td>
              <td>{e.length ?? ''}</td>
              <td className="msg">{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
