// Every byte of the file: the top line (file size = attributed per package + not attributed), the
// sections with what of each is attributed, what is not and why, and the packages' file bytes split
// into symbols, pclntab share and type data. The rows add up to the file size.
import { useState } from 'react';
import type { FileBytes } from '../../../../shared/contract/binaryBytes';
import { fileBytesHeadline } from '../../../../core/binary/fileTree';
import { formatBytesFine } from '../../../../shared/format';

/** Package rows shown before "show all". */
const PACKAGE_ROWS = 25;

export function FileBytesHeadline({ bytes }: { bytes: FileBytes }) {
  return (
    <div className="file-bytes-headline" data-testid="file-bytes-headline">
      {fileBytesHeadline(bytes, formatBytesFine)}
    </div>
  );
}

export function FileBytesTable({ bytes }: { bytes: FileBytes }) {
  const [all, setAll] = useState(false);
  const rows = all ? bytes.packages : bytes.packages.slice(0, PACKAGE_ROWS);
  const hidden = bytes.packages.slice(rows.length);
  const sum = (f: (p: FileBytes['packages'][number]) => number) => formatBytesFine(hidden.reduce((n, p) => n + f(p), 0));
  return (
    <section className="file-bytes" data-testid="file-bytes">
      {bytes.problems.map((p) => (
        <div key={p} className="banner">
          {p}
        </div>
      ))}
      <div className="file-bytes-grid">
        <table data-testid="file-bytes-packages">
          <thead>
            <tr>
              <th>package</th>
              <th className="num">symbols</th>
              <th className="num">pclntab</th>
              <th className="num">types, itabs</th>
              <th className="num">total</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.package}>
                <td className="mono wrap">{p.package}</td>
                <td className="num">{formatBytesFine(p.symbolBytes)}</td>
                <td className="num">{formatBytesFine(p.pclntabBytes)}</td>
                <td className="num">{formatBytesFine(p.otherBytes)}</td>
                <td className="num">{formatBytesFine(p.total)}</td>
              </tr>
            ))}
            {hidden.length > 0 && (
              <tr>
                <td>
                  <button type="button" className="link-button" onClick={() => setAll(true)}>
                    {hidden.length} more packages
                  </button>
                </td>
                <td className="num">{sum((p) => p.symbolBytes)}</td>
                <td className="num">{sum((p) => p.pclntabBytes)}</td>
                <td className="num">{sum((p) => p.otherBytes)}</td>
                <td className="num">{sum((p) => p.total)}</td>
              </tr>
            )}
            {bytes.unattributedParts.map((u) => (
              <tr key={u.name} className="muted" title={u.why}>
                <td>
                  not attributed: <span className="mono">{u.name}</span> — {u.why}
                </td>
                <td colSpan={3} />
                <td className="num">{formatBytesFine(u.size)}</td>
              </tr>
            ))}
            <tr className="total-row">
              <td>file size</td>
              <td colSpan={3} />
              <td className="num">{formatBytesFine(bytes.fileSize)}</td>
            </tr>
          </tbody>
        </table>
        <table data-testid="file-bytes-sections">
          <thead>
            <tr>
              <th>section</th>
              <th className="num">in the file</th>
              <th className="num">attributed</th>
              <th className="num">not attributed</th>
            </tr>
          </thead>
          <tbody>
            {bytes.sections.map((s, i) => (
              <tr key={`${s.name}#${i}`}>
                <td className="mono">{s.name}</td>
                {s.memorySize !== undefined ? (
                  <td colSpan={3} className="muted">
                    {formatBytesFine(s.memorySize)} of memory at run time, no bytes in the file
                  </td>
                ) : (
                  <>
                    <td className="num">{formatBytesFine(s.size)}</td>
                    <td className="num">{formatBytesFine(s.attributed)}</td>
                    <td className="num">{formatBytesFine(s.unattributed)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
