// The whole-file part of `gopsy binary`: every byte attributed, as JSON fields and as text lines.
import type { FileBytes } from '../shared/contract/binaryBytes';
import { fileBytesHeadline } from '../core/binary/fileTree';
import { stat } from 'node:fs/promises';
import { formatKiB, signedKiB } from '../shared/format';
import type { BinaryFacts } from '../main/services/binary/analyseBinary';
import { readFileBytes } from '../main/services/binary/fileBytes';
import type { FileBytesDiff } from '../core/binary/fileBytesDiff';
import type { SizeDelta } from '../core/binary/sizeDiff';

/** `sections`, `packages` ({package, symbolBytes, pclntabBytes, otherBytes}, all of them: their sum + unattributed = fileSize), `unattributed`. */
export function fileBytesJson(b: FileBytes) {
  return {
    format: b.format,
    sections: b.sections.map((s) => ({ name: s.name, size: s.size, ...(s.memorySize !== undefined ? { memorySize: s.memorySize } : {}), unattributed: s.unattributed })),
    packages: b.packages.map((p) => ({ package: p.package, module: p.module, symbolBytes: p.symbolBytes, pclntabBytes: p.pclntabBytes, otherBytes: p.otherBytes })),
    attributed: b.attributed,
    unattributed: b.unattributed,
    unattributedParts: b.unattributedParts,
    ...(b.pclntab ? { pclntab: b.pclntab } : {}),
    ...(b.problems.length ? { fileProblems: b.problems } : {}),
  };
}

/** The top line (and what could not be read), for the head of the text output. */
export function fileBytesHead(b: FileBytes): string[] {
  return [`  every byte    ${fileBytesHeadline(b, formatKiB)}`, ...b.problems.map((p) => `  note          ${p}`)];
}

/** Sections, the unattributed parts and the packages' file bytes. */
export function fileBytesLines(b: FileBytes, top: number): string[] {
  const lines = ['', 'Sections (bytes in the file; .bss and .noptrbss take memory only):'];
  for (const s of b.sections) {
    const size = s.memorySize !== undefined ? `${formatKiB(s.memorySize)} in memory, none in the file` : `${formatKiB(s.size)}${s.unattributed ? `, ${formatKiB(s.unattributed)} not attributed` : ''}`;
    lines.push(`  ${s.name.padEnd(20)} ${size}`);
  }
  lines.push('', 'Not attributed:');
  for (const u of b.unattributedParts) lines.push(`  ${formatKiB(u.size).padStart(12)}  ${u.name}: ${u.why}`);
  lines.push('', 'File bytes by package (symbols + pclntab + type data and itabs):');
  for (const p of b.packages.slice(0, top)) {
    lines.push(`  ${formatKiB(p.total).padStart(12)}  ${p.package}  (${formatKiB(p.symbolBytes)} + ${formatKiB(p.pclntabBytes)} + ${formatKiB(p.otherBytes)})`);
  }
  if (b.packages.length > top) lines.push(`  … ${b.packages.length - top} more packages (--top N)`);
  return lines;
}

/** The file's attribution, read beside nm's facts (the diff reads both binaries itself). */
export async function fileBytesOf(file: string, facts: BinaryFacts): Promise<FileBytes> {
  return readFileBytes(file, (await stat(file)).size, facts.sections, facts.symbols, facts.buildInfo);
}

export function fileDiffLines(d: FileBytesDiff, top: number, row: (d: SizeDelta) => string): string[] {
  return [
    `file    ${formatKiB(d.fileBefore)} → ${formatKiB(d.fileAfter)} (${signedKiB(d.fileAfter - d.fileBefore, '-')}); not attributed ${formatKiB(d.unattributedBefore)} → ${formatKiB(d.unattributedAfter)}`,
    '',
    `Sections that changed (${d.sections.length}):`,
    ...d.sections.map(row),
    '',
    `Packages whose file bytes changed (symbols + pclntab + type data; ${d.packages.length}):`,
    ...d.packages.slice(0, top).map(row),
    '',
    `Unattributed parts that changed (${d.unattributed.length}):`,
    ...d.unattributed.map(row),
  ];
}
