// The binary size section of a comparison: when both runs' binaries could be attributed, the whole files
// (file size, sections, each package's file bytes, the unattributed parts), then nm's sizes by package and
// by symbol. Each table sorts by any column.
import type { RunComparison } from '../../../../shared/compare';
import type { SizeDelta } from '../../../../shared/contract/binaryBytes';
import { formatKiB, signedKiB } from '../../../../shared/format';
import { Section } from './Sections';
import { SortTable, type Column } from './SortTable';

const columns = (first: string): Array<Column<SizeDelta>> => [
  { title: first, value: (r) => r.name },
  { title: 'A', value: (r) => r.before, render: (r) => formatKiB(r.before), num: true },
  { title: 'B', value: (r) => r.after, render: (r) => formatKiB(r.after), num: true },
  { title: 'B − A', value: (r) => r.delta, render: (r) => <span className={r.delta > 0 ? 'worse' : 'better'}>{signedKiB(r.delta)}</span>, num: true },
];

function WholeFile({ file }: { file: NonNullable<RunComparison['binary']['file']> }) {
  return (
    <div data-testid="compare-binary-file">
      <p>
        File {formatKiB(file.fileBefore)} → {formatKiB(file.fileAfter)} ({signedKiB(file.fileAfter - file.fileBefore)}); not attributed {formatKiB(file.unattributedBefore)} →{' '}
        {formatKiB(file.unattributedAfter)}. Every byte of each file goes to a package (symbols, pclntab, type data) or to an unattributed part.
      </p>
      <div className="compare-split">
        <div>
          <h4>Packages · all their file bytes</h4>
          <SortTable rows={file.packages} columns={columns('package')} initialSort={3} rowKey={(r) => r.name} testId="compare-binary-file-packages" />
        </div>
        <div>
          <h4>Sections</h4>
          <SortTable rows={file.sections} columns={columns('section')} initialSort={3} rowKey={(r) => r.name} testId="compare-binary-sections" />
          <h4>Not attributed</h4>
          <SortTable rows={file.unattributed} columns={columns('part')} initialSort={3} rowKey={(r) => r.name} testId="compare-binary-unattributed" />
        </div>
      </div>
    </div>
  );
}

export function BinarySection({ c }: { c: RunComparison }) {
  const b = c.binary;
  const ok = b.a && b.b;
  const file = b.file ? ` · file ${formatKiB(b.file.fileBefore)} → ${formatKiB(b.file.fileAfter)} (${signedKiB(b.file.fileAfter - b.file.fileBefore)})` : '';
  const counts = ok ? `${b.binaryA}: symbols ${formatKiB(b.totalBefore)} → ${formatKiB(b.totalAfter)} (${signedKiB(b.totalAfter - b.totalBefore)})${file}` : 'not compared';
  return (
    <Section id="binary" title="Binary size" counts={counts} notes={b.notes}>
      {ok && b.file && <WholeFile file={b.file} />}
      {ok && (
        <div className="compare-split">
          <div>
            <h4>
              Packages · nm symbol sizes{!b.file && b.fileSizeA !== undefined && b.fileSizeB !== undefined ? ` · file ${formatKiB(b.fileSizeA)} → ${formatKiB(b.fileSizeB)}` : ''}
            </h4>
            <SortTable rows={b.packages} columns={columns('package')} initialSort={3} rowKey={(r) => r.name} testId="compare-binary-packages" />
          </div>
          <div>
            <h4>Symbols</h4>
            <SortTable rows={b.symbols} columns={columns('symbol')} initialSort={3} rowKey={(r) => r.name} />
          </div>
        </div>
      )}
    </Section>
  );
}
