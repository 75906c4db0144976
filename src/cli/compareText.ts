// The rich comparison of two runs as plain text (gopsy diff): toolchains, then the four sections,
// each with its counts, what is missing on which side, and the biggest changes first.
import type { RunComparison, TimingRow } from '../shared/compare';
import { formatKiB, signedKiB } from '../shared/format';
import type { SizeDelta } from '../shared/contract/binaryBytes';
import { fileDiffLines } from './binaryBytes';

const ms = (ns: number | null) => (ns === null ? '—' : `${(ns / 1e6).toFixed(1)} ms`);
const signedMs = (ns: number | null) => (ns === null ? '' : `${ns >= 0 ? '+' : '-'}${(Math.abs(ns) / 1e6).toFixed(1)} ms`);
const ratio = (r: number | null) => (r === null ? '' : `×${r.toFixed(2)}`);

function timingLine(r: TimingRow, width: number): string {
  return `  ${r.name.padEnd(width)}  ${ms(r.aNs).padStart(11)}  ${ms(r.bNs).padStart(11)}  ${signedMs(r.deltaNs).padStart(11)}  ${ratio(r.ratio)}`;
}

export function formatComparison(c: RunComparison, top = 20): string {
  const out: string[] = [];
  const side = (n: 'A' | 'B', s: RunComparison['a']) =>
    `${n}  ${s.label}: ${s.goVersion ?? 'go version not recorded'}${s.gotoolchain ? ` (GOTOOLCHAIN=${s.gotoolchain})` : ''}${s.profileName ? `, profile "${s.profileName}"` : ''}${s.status ? `, ${s.status}` : ''}`;
  out.push(side('A', c.a), side('B', c.b), '');
  const notes = (n: string[]) => n.forEach((x) => out.push(`  ! ${x}`));

  const t = c.timing;
  out.push(`Build timing: ${t.packages.length} packages, compile total (packages both compiled) ${ms(t.totalA)} → ${ms(t.totalB)} (${signedMs(t.totalB - t.totalA)})` + (t.wallA !== null && t.wallB !== null ? `; go command ${t.wallA} ms → ${t.wallB} ms` : ''));
  notes(t.notes);
  if (t.a && t.b) {
    const w = Math.max(10, ...t.phases.map((p) => p.name.length), ...t.packages.slice(0, top).map((p) => p.name.length));
    out.push(`  ${'phase (packages both compiled)'.padEnd(w)}  ${'A'.padStart(11)}  ${'B'.padStart(11)}  ${'B−A'.padStart(11)}`);
    for (const p of t.phases) out.push(timingLine(p, w));
    out.push(`  ${'package'.padEnd(w)}`);
    for (const p of t.packages.slice(0, top)) out.push(timingLine(p, w));
    if (t.packages.length > top) out.push(`  … ${t.packages.length - top} more packages (--json has all)`);
  }
  out.push('');

  const r = c.remarks;
  const summary = (n: RunComparison['remarks']['counts']) =>
    `${n.heapNew ?? 0} new heap allocations, ${n.heapGone ?? 0} gone; ${n.inlineStarted ?? 0} functions started inlining, ${n.inlineStopped ?? 0} stopped; ${n.boundsNew ?? 0} new bounds checks, ${n.boundsGone ?? 0} gone`;
  out.push(`Remarks in the project: ${summary(r.projectCounts)}`);
  out.push(`Remarks everywhere (with the standard library): ${summary(r.counts)} (${r.matched} matched, ${r.moved} of them on another line)`);
  notes(r.notes);
  const label: Record<string, string> = {
    heapNew: '+ heap',
    heapGone: '- heap',
    inlineStarted: '+ inlinable',
    inlineStopped: '- inlinable',
    boundsNew: '+ bounds check',
    boundsGone: '- bounds check',
  };
  const own = r.changes.filter((x) => (x.b ?? x.a)?.path);
  for (const x of own.slice(0, top * 3)) {
    const at = (x.b ?? x.a)!;
    const detail = x.detailA || x.detailB ? ` (${x.detailA ?? '?'} → ${x.detailB ?? '?'})` : '';
    out.push(`  ${label[x.change]!.padEnd(15)} ${at.path}:${at.line}  ${x.function ?? ''}  ${x.change.startsWith('inline') ? '' : x.message}${detail}`.trimEnd());
  }
  if (own.length > top * 3) out.push(`  … ${own.length - top * 3} more in the project (--json has all)`);
  if (r.changes.length > own.length) out.push(`  ${r.changes.length - own.length} changes outside the project (--json has all)`);
  out.push('');

  const s = c.ssa;
  out.push(`SSA: ${s.functions.length} functions captured on both sides${s.onlyA.length ? `, ${s.onlyA.length} only in A` : ''}${s.onlyB.length ? `, ${s.onlyB.length} only in B` : ''}`);
  notes(s.notes);
  for (const f of s.functions) {
    const changed = f.passes.filter((p) => !p.same);
    out.push(`  ${f.function}: ${changed.length} of ${f.passes.length} passes differ; genssa ${f.genssaA} → ${f.genssaB} instructions (${f.genssaOnlyA.length} only in A, ${f.genssaOnlyB.length} only in B)`);
    // Passes whose size changed say most; the first differing pass shows what differs.
    const sized = changed.filter((p) => !p.inA || !p.inB || p.valuesA !== p.valuesB || p.blocksA !== p.blocksB);
    for (const p of sized.slice(0, top)) {
      const where = !p.inA ? 'only in B' : !p.inB ? 'only in A' : `values ${p.valuesA} → ${p.valuesB}, blocks ${p.blocksA} → ${p.blocksB}`;
      out.push(`    ${p.pass.padEnd(28)} ${where}`);
    }
    const first = changed.find((p) => p.inA && p.inB);
    if (first) {
      out.push(`    first difference, after ${first.pass} (IDs blanked):`);
      for (const l of first.sampleOnlyA.slice(0, 6)) out.push(`      A  ${l}`);
      for (const l of first.sampleOnlyB.slice(0, 6)) out.push(`      B  ${l}`);
    }
  }
  for (const k of s.onlyA) out.push(`  only in A: ${k}`);
  for (const k of s.onlyB) out.push(`  only in B: ${k}`);
  if (s.functions.length) out.push(`  (${s.caveat})`);
  out.push('');

  const b = c.binary;
  out.push(`Binary size: ${b.a && b.b ? `${b.binaryA}: symbols ${formatKiB(b.totalBefore)} → ${formatKiB(b.totalAfter)} (${signedKiB(b.totalAfter - b.totalBefore, '-')})` : 'not compared'}`);
  notes(b.notes);
  if (b.a && b.b) {
    const row = (p: SizeDelta) => `  ${signedKiB(p.delta, '-').padStart(13)}  ${formatKiB(p.before).padStart(11)} → ${formatKiB(p.after).padEnd(11)}  ${p.name}`;
    if (b.file) out.push(...fileDiffLines(b.file, top, row).map((l) => (l ? `  ${l}` : l)), '', '  Packages by nm symbol sizes:');
    else if (b.fileSizeA !== undefined && b.fileSizeB !== undefined) out.push(`  file ${formatKiB(b.fileSizeA)} → ${formatKiB(b.fileSizeB)}`);
    for (const p of b.packages.slice(0, top)) out.push(row(p));
  }
  if (c.warnings.length) {
    out.push('', 'Warnings:');
    for (const w of c.warnings) out.push(`  ${w}`);
  }
  return out.join('\n') + '\n';
}

/** Something changed beyond timing noise: remarks, SSA or binary size. */
export function comparisonDiffers(c: RunComparison): boolean {
  return (
    c.remarks.changes.length > 0 ||
    c.ssa.functions.some((f) => f.passes.some((p) => !p.same) || f.genssaOnlyA.length > 0 || f.genssaOnlyB.length > 0) ||
    c.ssa.onlyA.length + c.ssa.onlyB.length > 0 ||
    (c.binary.a && c.binary.b && (c.binary.totalAfter !== c.binary.totalBefore || c.binary.packages.length > 0)) ||
    c.a.goVersion !== c.b.goVersion
  );
}
