// `gopsy inspect` and `gopsy diff`: a bundle's summary and integrity, and how two bundles differ,
// headless (text or --json). Exit codes: 0 fine / identical, 1 damaged / different, 2 cannot open.
import path from 'node:path';
import { BundleReader } from '../main/services/bundles/bundleReader';
import { GopsyError } from '../shared/rpc';
import { diffManifests, type ManifestDiff } from '../core/bundle/diff';
import type { BundleManifest } from '../core/bundle/manifest';
import { ArgReader, UsageError, type CliCommand } from './command';
import type { RunComparison } from '../shared/compare';
import type { RunFiles } from '../main/services/runs/runFiles';
import { formatBytes } from '../shared/format';
import { comparisonDiffers, formatComparison } from './compareText';
import { compareSides, operandOf, runFilesOf } from './runDiff';

const out = (s: string) => process.stdout.write(s);

/** Opens a bundle or prints why not (exit 2). */
async function openOrSay(file: string, json: boolean): Promise<BundleReader | null> {
  try {
    return await BundleReader.open(path.resolve(file));
  } catch (err) {
    if (!(err instanceof GopsyError)) throw err;
    if (json) out(JSON.stringify({ file, ok: false, error: err.message }, null, 2) + '\n');
    else process.stderr.write(`gopsy: ${err.message}\n`);
    return null;
  }
}

function kindTotals(m: BundleManifest) {
  const kinds = new Map<string, { kind: string; count: number; bytes: number }>();
  for (const e of m.entries) {
    const k = kinds.get(e.kind) ?? { kind: e.kind, count: 0, bytes: 0 };
    k.count++;
    k.bytes += e.size;
    kinds.set(e.kind, k);
  }
  return [...kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind));
}

export const inspectCommand: CliCommand = {
  summary: 'show a .gopsy bundle\'s summary and check every entry against its sha256',
  usage: 'gopsy inspect FILE.gopsy [--json]\nExit status: 0 intact, 1 damaged entries, 2 not a readable bundle.',
  run: async (argv) => {
    const r = new ArgReader(argv, [], ['--json']);
    if (r.positional.length !== 1) throw new UsageError('give one bundle');
    const json = r.has('--json');
    const reader = await openOrSay(r.positional[0]!, json);
    if (!reader) return 2;
    try {
      const m = reader.manifest;
      const problems = await reader.verifyAll();
      if (json) {
        out(
          JSON.stringify(
            { file: reader.file, ok: problems.length === 0, fileSize: reader.fileSize, manifest: { ...m, entries: undefined }, kinds: kindTotals(m), entries: m.entries, problems },
            null,
            2,
          ) + '\n',
        );
        return problems.length ? 1 : 0;
      }
      const t = m.toolchain;
      out(`${reader.file}: gopsy bundle, format version ${m.formatVersion}, written by ${m.writer.name} ${m.writer.version} at ${m.createdAt}\n`);
      out(`project     ${m.project.name}${m.project.modulePath ? ` (${m.project.modulePath})` : ''}\n`);
      out(`toolchain   ${t ? [t.goVersion, t.goos && t.goarch ? `${t.goos}/${t.goarch}` : '', t.goamd64 ? `GOAMD64=${t.goamd64}` : ''].filter(Boolean).join(' ') : 'not recorded'}\n`);
      out(`size        ${formatBytes(reader.fileSize)} on disk, ${m.entries.length} ${m.entries.length === 1 ? 'entry' : 'entries'}\n`);
      for (const k of kindTotals(m)) out(`  ${k.kind.padEnd(14)}${String(k.count).padStart(7)} file${k.count === 1 ? ' ' : 's'} ${formatBytes(k.bytes).padStart(12)}\n`);
      if (m.redactions.length) {
        out(`redactions  ${m.redactions.reduce((n, x) => n + x.count, 0)}\n`);
        for (const x of m.redactions) out(`  ${x.name} in ${x.where} (${x.count})\n`);
      }
      if (problems.length) {
        out(`DAMAGED: ${problems.length} of ${m.entries.length} entries failed the integrity check\n`);
        for (const p of problems) out(`  ${p}\n`);
        return 1;
      }
      out(`integrity   all ${m.entries.length} entries match their sha256\n`);
      return 0;
    } finally {
      reader.close();
    }
  },
};

function printDiff(d: ManifestDiff): void {
  if (d.identical) {
    out('The bundles hold the same entries and toolchain.\n');
    return;
  }
  for (const t of d.toolchain) out(`toolchain ${t.name}: ${t.a ?? '(unset)'} → ${t.b ?? '(unset)'}\n`);
  for (const k of d.kinds) {
    if (!k.added.length && !k.removed.length && !k.changed.length) continue;
    const delta = k.sizeDelta === 0 ? '' : ` (${k.sizeDelta > 0 ? '+' : '-'}${formatBytes(Math.abs(k.sizeDelta))})`;
    out(`${k.kind}: ${k.added.length} added, ${k.removed.length} removed, ${k.changed.length} changed, ${k.unchanged} unchanged${delta}\n`);
    for (const e of k.added) out(`  + ${e.path} (${formatBytes(e.size)})\n`);
    for (const e of k.removed) out(`  - ${e.path} (${formatBytes(e.size)})\n`);
    for (const e of k.changed) out(`  ~ ${e.path} (${formatBytes(e.sizeA)} → ${formatBytes(e.sizeB)})\n`);
  }
}

export const diffCommand: CliCommand = {
  summary: 'compare two bundles or run directories: timing, remarks, SSA and binary size; for bundles also their entries and toolchain',
  usage:
    'gopsy diff A B [--json]\nA and B are run directories (gopsy capture --out, or a run of the workbench) or .gopsy bundles; FILE.gopsy#RUN picks one of a\n' +
    "bundle's runs (default: its newest). Compares build timing per package and compiler phase, remarks (heap allocations, inlining,\n" +
    'bounds checks), per-function SSA where both captured it, and binary size; bundles also by entries (sha256) and toolchain.\n' +
    'Exit status: 0 nothing differs (timing aside), 1 something differs, 2 a side cannot be read.',
  run: async (argv) => {
    const r = new ArgReader(argv, [], ['--json']);
    if (r.positional.length !== 2) throw new UsageError('give two bundles or run directories');
    const json = r.has('--json');
    let ops;
    try {
      ops = await Promise.all(r.positional.map((p) => operandOf(p)));
    } catch (err) {
      if (!(err instanceof GopsyError)) throw err;
      if (json) out(JSON.stringify({ a: r.positional[0], b: r.positional[1], ok: false, error: err.message }, null, 2) + '\n');
      else process.stderr.write(`gopsy diff: ${err.message}\n`);
      return 2;
    }
    const readers: Array<BundleReader | null> = [];
    try {
      for (const op of ops) {
        if (op.kind === 'dir') readers.push(null);
        else {
          const reader = await openOrSay(op.file, json);
          if (!reader) return 2;
          readers.push(reader);
        }
      }
      const d = readers[0] && readers[1] ? diffManifests(readers[0].manifest, readers[1].manifest) : null;
      const sides = await Promise.all(ops.map((op, i) => runFilesOf(op, readers[i]!)));
      let comparison: RunComparison | null = null;
      const unavailable = sides.filter((s): s is string => typeof s === 'string');
      if (unavailable.length === 0) {
        try {
          comparison = await compareSides(sides[0] as RunFiles, sides[1] as RunFiles);
        } catch (err) {
          if (!(err instanceof GopsyError)) throw err;
          if (json) out(JSON.stringify({ a: r.positional[0], b: r.positional[1], ok: false, error: err.message }, null, 2) + '\n');
          else process.stderr.write(`gopsy: ${err.message}\n`);
          return 2;
        }
      }
      if (!d && !comparison) {
        const why = unavailable.join(' ');
        if (json) out(JSON.stringify({ a: r.positional[0], b: r.positional[1], ok: false, error: why }, null, 2) + '\n');
        else process.stderr.write(`gopsy: ${why}\n`);
        return 2;
      }
      if (json) {
        const files = readers.map((x, i) => x?.file ?? r.positional[i]!);
        out(JSON.stringify({ a: files[0], b: files[1], ...(d ?? {}), comparison, ...(unavailable.length ? { comparisonUnavailable: unavailable } : {}) }, null, 2) + '\n');
      } else {
        if (d) printDiff(d);
        // Two bundles without runs: the entries are the whole story, as before runs were compared.
        const said = comparison || unavailable.length < 2 ? unavailable : [];
        if (d && (comparison || said.length)) out('\n');
        if (comparison) out(formatComparison(comparison));
        for (const u of said) out(`${u}\n`);
      }
      return (d && !d.identical) || (comparison && comparisonDiffers(comparison)) ? 1 : 0;
    } finally {
      for (const x of readers) x?.close();
    }
  },
};
