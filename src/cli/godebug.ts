// `gopsy godebug check SPEC` validates a GODEBUG value against a toolchain's own sources;
// `gopsy godebug parse [FILE]` turns captured output (a CI log) into trace events.
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { TraceEvent, TraceKind } from '../shared/godebug';
import { ENV_VALUE_RE } from '../shared/godebug';
import { TraceStream, gcPauseMs, hasErrors, validateCompileDebug, validateGodebug } from '../core/godebug';
import { catalogFor, otherToolchainCatalogs } from '../main/services/godebug/catalogService';
import { resolveToolchainRoot } from '../main/services/godebug/toolchainRoot';
import { ArgReader, UsageError, type CliCommand } from './command';
import { InputError } from './runInput';

const USAGE = `gopsy godebug check SPEC [--compile SPEC] [--toolchain GOROOT|GOBIN] [--json]
       gopsy godebug parse [FILE] [--json]

check   one line per finding in SPEC (a GODEBUG value such as gctrace=1; an unknown key such as mmap=1 is flagged) and, with --compile,
        in a GOCOMPILEDEBUG value; exit 1 when a setting would be ignored or rejected.
parse   reads FILE (or stdin) and prints the trace events: a summary, or one JSON object per line with --json.`;

async function check(argv: string[]): Promise<number> {
  const r = new ArgReader(argv, ['--toolchain', '--compile'], ['--json']);
  if (r.positional.length !== 1) throw new UsageError('check takes one SPEC (quote it if it has spaces)');
  const spec = r.positional[0]!;
  const compile = r.get('--compile') ?? '';
  for (const v of [spec, compile]) if (!ENV_VALUE_RE.test(v)) throw new UsageError(`"${v}" has characters a GODEBUG value cannot have`);
  // Every way the toolchain cannot be found is about the user's --toolchain (or their Go install).
  const tc = await resolveToolchainRoot(r.get('--toolchain')).catch((err: Error) => {
    throw new InputError(r.get('--toolchain') ? `--toolchain: ${err.message}` : err.message);
  });
  const catalog = await catalogFor(tc.goroot, tc.version);
  const others = await otherToolchainCatalogs(tc.gomodcache, catalog.goVersion);
  if (r.get('--toolchain')) {
    // The toolchain gopsy would use otherwise also tells "needs a newer Go" from "does not exist".
    const dflt = await resolveToolchainRoot().catch(() => null);
    if (dflt && dflt.goroot !== tc.goroot) others.push(await catalogFor(dflt.goroot, dflt.version, { withCompileHelp: false }));
  }
  const findings = [...validateGodebug(spec, catalog, { others }), ...validateCompileDebug(compile, catalog)];
  for (const f of findings) {
    const setting = f.value !== undefined ? `${f.key}=${f.value}` : f.key;
    process.stdout.write(r.has('--json') ? `${JSON.stringify(f)}\n` : `${f.variable} ${setting}: ${f.severity}: ${f.message}\n`);
  }
  if (!r.has('--json')) process.stderr.write(`checked against ${catalog.goVersion} (${catalog.goroot}): ${findings.length} finding(s)\n`);
  return hasErrors(findings) ? 1 : 0;
}

async function parse(argv: string[]): Promise<number> {
  const r = new ArgReader(argv, [], ['--json']);
  if (r.positional.length > 1) throw new UsageError('parse takes at most one FILE');
  const file = r.positional[0];
  const input = file && file !== '-' ? createReadStream(file) : process.stdin;
  const json = r.has('--json');
  const stream = new TraceStream();
  const decoder = new StringDecoder('utf8');
  const counts: Partial<Record<TraceKind, number>> = {};
  let pauses = 0;
  let cycles = 0;
  const emit = (evs: TraceEvent[]) => {
    if (json) {
      if (evs.length) process.stdout.write(evs.map((e) => JSON.stringify(e)).join('\n') + '\n');
      return;
    }
    for (const e of evs) {
      counts[e.kind] = (counts[e.kind] ?? 0) + 1;
      if (e.kind === 'gc') {
        cycles++;
        pauses += gcPauseMs(e);
      }
    }
  };
  try {
    for await (const chunk of input) emit(stream.push(decoder.write(chunk as Buffer)));
  } catch (err) {
    process.stderr.write(`gopsy godebug parse: cannot read ${file ?? 'stdin'}: ${(err as Error).message}\n`);
    return 1;
  }
  emit(stream.push(decoder.end()));
  emit(stream.end());
  if (!json) {
    process.stdout.write(`${stream.lines} lines\n`);
    for (const [k, n] of Object.entries(counts)) process.stdout.write(`  ${k.padEnd(13)}${n}\n`);
    if (cycles) process.stdout.write(`GC: ${cycles} cycles, ${pauses.toFixed(3)} ms stop-the-world in total\n`);
  }
  return 0;
}

export const godebugCommand: CliCommand = {
  summary: 'check a GODEBUG value against a toolchain, or parse runtime trace output',
  usage: USAGE,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === 'check') return check(rest);
    if (sub === 'parse') return parse(rest);
    throw new UsageError(sub ? `unknown subcommand ${sub}` : 'check or parse?');
  },
};
