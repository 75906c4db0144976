// `gopsy binary diff BEFORE AFTER`: nm sizes of two binaries compared, by package and by symbol,
// the biggest change first, with totals.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { readBinaryFacts } from '../main/services/binary/analyseBinary';
import { diffSizes, type SizeDelta, type SizeDiff } from '../core/binary/sizeDiff';
import { fileBytesOf, fileDiffLines } from './binaryBytes';
import { formatKiB, signedKiB } from '../shared/format';
import { diffFileBytes } from '../core/binary/fileBytesDiff';
import { reachGraphFor, withAppearedReasons, type SizeDiffWithWhy } from '../main/services/binary/binaryWhy';
import type { AppearedWhy } from '../shared/contract/binaryWhy';

/** The diff with why each appeared symbol is there, or a note saying why it cannot say. */
async function withReasons(d: SizeDiff, after: string, graph: { name: string; graphFile?: string } | undefined): Promise<SizeDiffWithWhy> {
  if (!d.symbols.some((s) => s.before === 0)) return d;
  try {
    return withAppearedReasons(d, await reachGraphFor(path.join(path.dirname(after), graph?.name ?? path.basename(after)), graph?.graphFile));
  } catch (err) {
    return { ...d, whyNote: (err as Error).message };
  }
}

function row(d: SizeDelta): string {
  return `  ${signedKiB(d.delta, '-').padStart(13)}  ${formatKiB(d.before).padStart(11)} → ${formatKiB(d.after).padEnd(11)}  ${d.name}`;
}

/** Under a symbol that appeared: why the after-binary has it. */
function whyLine(w: AppearedWhy): string {
  return `                 ← kept from ${w.root} in ${w.steps} step${w.steps === 1 ? '' : 's'}${w.culprits.length ? `; culprits: ${w.culprits.join(', ')}` : ''}`;
}

/**
 * `labels`: what the user named (a bundle's binary is read from a temp copy whose path means nothing);
 * `afterGraph`: the -dumpdep graph the after-binary's run recorded, for why the symbols that appeared are there.
 */
export async function binaryDiff(before: string, after: string, top: number, json: boolean, labels: [string, string] = [before, after], afterGraph?: { name: string; graphFile?: string }): Promise<number> {
  let diff;
  try {
    await Promise.all([stat(before), stat(after)]);
    const [a, b] = await Promise.all([readBinaryFacts(before, path.dirname(before)), readBinaryFacts(after, path.dirname(after))]);
    const [fa, fb] = await Promise.all([fileBytesOf(before, a), fileBytesOf(after, b)]);
    diff = { ...(await withReasons(diffSizes(a.symbols, b.symbols), after, afterGraph)), file: diffFileBytes(fa, fb) };
  } catch (err) {
    process.stderr.write(`gopsy binary diff: ${(err as Error).message}\n`);
    return 1;
  }
  if (json) {
    const file = { ...diff.file, sections: diff.file.sections, packages: diff.file.packages.slice(0, top), unattributed: diff.file.unattributed };
    process.stdout.write(JSON.stringify({ before: labels[0], after: labels[1], ...diff, packages: diff.packages.slice(0, top), symbols: diff.symbols.slice(0, top), file }, null, 2) + '\n');
    return 0;
  }
  const total = diff.totalAfter - diff.totalBefore;
  const lines = [
    `before  ${labels[0]}`,
    `after   ${labels[1]}`,
    `symbols ${formatKiB(diff.totalBefore)} → ${formatKiB(diff.totalAfter)} (${signedKiB(total, '-')})`,
    ...fileDiffLines(diff.file, top, row),
    '',
    `Packages that changed (${diff.packages.length}):`,
    ...diff.packages.slice(0, top).map(row),
    '',
    `Symbols that changed (${diff.symbols.length}${diff.symbols.length >= 500 ? ', the 500 biggest changes' : ''}):`,
    ...diff.symbols.slice(0, top).flatMap((d) => (d.why ? [row(d), whyLine(d.why)] : [row(d)])),
    ...(diff.whyNote ? ['', `Why the new symbols are there: ${diff.whyNote}`] : []),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
