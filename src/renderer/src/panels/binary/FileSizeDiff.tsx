// The whole files of a size comparison: file size, each section, each package's file bytes (symbols +
// pclntab + type data) and the unattributed parts, the biggest change first.
import type { ReactNode } from 'react';
import type { SizeDiffResult } from '../../../../shared/contract/binary';
import { formatBytesFine } from '../../../../shared/format';

type FileDiff = NonNullable<SizeDiffResult['file']>;

/** Package rows shown; sections and unattributed parts are few. */
const PACKAGE_ROWS = 60;

export const signedBytes = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '') + formatBytesFine(Math.abs(n));

type Row = FileDiff['sections'][number];

/** Before, after and change of each row, the biggest change first (as the backend sorts them); `extra`: one more column. */
export function DeltaRows<R extends Row>({ title, rows, testId, extra }: { title: string; rows: R[]; testId: string; extra?: { title: string; cell: (row: R) => ReactNode } }) {
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          <th>{title}</th>
          <th className="num">before</th>
          <th className="num">after</th>
          <th className="num">change</th>
          {extra && <th>{extra.title}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={extra ? 5 : 4} className="muted">
              no change
            </td>
          </tr>
        )}
        {rows.map((d) => (
          <tr key={d.name}>
            <td className="mono wrap size-diff-name">{d.name}</td>
            <td className="num">{formatBytesFine(d.before)}</td>
            <td className="num">{formatBytesFine(d.after)}</td>
            <td className={`num ${d.delta > 0 ? 'bad-text' : 'ok-text'}`}>{signedBytes(d.delta)}</td>
            {extra && <td>{extra.cell(d)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FileSizeDiff({ file }: { file: FileDiff }) {
  return (
    <div className="file-size-diff" data-testid="size-diff-file">
      <div data-testid="size-diff-file-total">
        File: {formatBytesFine(file.fileBefore)} → {formatBytesFine(file.fileAfter)} ({signedBytes(file.fileAfter - file.fileBefore)}); not attributed:{' '}
        {formatBytesFine(file.unattributedBefore)} → {formatBytesFine(file.unattributedAfter)}.
      </div>
      <div className="size-diff-grid">
        <DeltaRows title="package (all its file bytes)" rows={file.packages.slice(0, PACKAGE_ROWS)} testId="size-diff-file-packages" />
        <div>
          <DeltaRows title="section" rows={file.sections} testId="size-diff-sections" />
          <DeltaRows title="not attributed" rows={file.unattributed} testId="size-diff-unattributed" />
        </div>
      </div>
    </div>
  );
}
