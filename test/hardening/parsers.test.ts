// The parsers of src/core under arbitrary text, truncations and byte mutations of real captured
// toolchain output: it must return (never throw), and we record how long the worst megabyte took.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseJsonStream } from '../../src/core/jsonStream';
import { parseGoList } from '../../src/core/goList';
import { parseGoEnv, parseGoVersion } from '../../src/core/goEnv';
import { parseGoModHeader } from '../../src/core/goMod';
import { byteColumnToUtf16, findSourceLocations } from '../../src/core/locations';
import { fixture } from '../core/fixtures';
import { parseActionGraph } from '../../src/core/build/actionGraph';
import { parseCompileBench } from '../../src/core/build/benchLines';
import { parseBuildJson } from '../../src/core/build/buildJson';
import { parseBuildTrace } from '../../src/core/build/chromeTrace';
import { parseCompileErrors } from '../../src/core/build/compileErrors';
import { parseLogoptFile } from '../../src/core/build/logoptFile';
import { parseSsaHtml } from '../../src/core/ssa/parseSsaHtml';
import { remarksFromLogopt } from '../../src/core/remarks/logoptRemarks';
import { parseRemarkText } from '../../src/core/remarks/text';
import { parseTraceText } from '../../src/core/godebug/traceStream';
import { parseCompileDebugHelp, parseGodebugsTable, parseRuntimeDbgVars } from '../../src/core/godebug/catalogSources';
import { parseBuildInfo } from '../../src/core/binary/buildInfo';
import { parseLdd } from '../../src/core/binary/ldd';
import { parseLdDebug } from '../../src/core/binary/ldDebug';
import { parseLinkErrors } from '../../src/core/binary/linkErrors';
import { parseNm } from '../../src/core/binary/nm';
import { parseObjdump } from '../../src/core/binary/objdump';
import { RUNS, recordTrial, saveTrials } from './trials';

interface ParserCase {
  name: string;
  run: (text: string) => unknown;
  /** A real capture to truncate and mutate. */
  seed: string;
}

const CASES: ParserCase[] = [
  { name: 'parseJsonStream', run: parseJsonStream, seed: fixture('go-list-inventory.json') },
  { name: 'parseGoList', run: (t) => parseGoList(t, '@ROOT@'), seed: fixture('go-list-inventory.json') },
  { name: 'parseGoEnv', run: parseGoEnv, seed: fixture('go-env.json') },
  { name: 'parseGoVersion', run: parseGoVersion, seed: fixture('go-version.txt') },
  { name: 'parseGoModHeader', run: parseGoModHeader, seed: 'module example.com/inventory\n\ngo 1.22\n' },
  { name: 'findSourceLocations', run: (t) => t.split('\n').map(findSourceLocations), seed: fixture('build-broken.txt') },
  { name: 'byteColumnToUtf16', run: (t) => byteColumnToUtf16(t, t.length), seed: 'é世𝄞x\treturn total' },
  // Build capture artefacts.
  { name: 'parseActionGraph', run: parseActionGraph, seed: fixture('build/pass.actiongraph.json').slice(0, 40_000) },
  { name: 'parseBuildTrace', run: parseBuildTrace, seed: fixture('build/pass.trace.json').slice(0, 40_000) },
  { name: 'parseBuildJson', run: parseBuildJson, seed: fixture('build/broken.stdout.jsonl') },
  { name: 'parseCompileBench', run: parseCompileBench, seed: fixture('build/pass.bench.txt') },
  { name: 'parseCompileErrors', run: (t) => parseCompileErrors(t), seed: fixture('build/broken.text.txt') },
  { name: 'parseLogoptFile', run: parseLogoptFile, seed: fixture('build/pass.logopt.main.store.json') },
  // SSA and remarks.
  { name: 'parseSsaHtml', run: parseSsaHtml, seed: fixture('ssa/store-add/ssa.html').slice(0, 60_000) },
  { name: 'remarksFromLogopt', run: (t) => remarksFromLogopt(t), seed: fixture('build/pass.logopt.main.store.json') },
  { name: 'parseRemarkText (-m=2)', run: parseRemarkText, seed: fixture('remarks/inventory/m2.txt').slice(0, 40_000) },
  // GODEBUG traces and catalog sources.
  { name: 'parseTraceText', run: parseTraceText, seed: fixture('godebug/current-gctrace-interleaved.txt') },
  { name: 'parseRuntimeDbgVars', run: parseRuntimeDbgVars, seed: fixture('godebug/current-runtime1.go.txt').slice(0, 40_000) },
  { name: 'parseGodebugsTable', run: parseGodebugsTable, seed: fixture('godebug/current-godebugs-table.go.txt') },
  { name: 'parseCompileDebugHelp', run: parseCompileDebugHelp, seed: fixture('godebug/current-compile-d-help.txt') },
  // Binaries and link stage.
  { name: 'parseBuildInfo', run: parseBuildInfo, seed: fixture('version-m-inventory.txt') },
  { name: 'parseNm', run: parseNm, seed: fixture('nm-inventory.txt').slice(0, 40_000) },
  { name: 'parseObjdump', run: (t) => parseObjdump(t), seed: fixture('objdump-items.txt') },
  { name: 'parseLinkErrors', run: parseLinkErrors, seed: fixture('link-undefined.txt') },
  { name: 'parseLdd', run: parseLdd, seed: fixture('ldd-cgo-notfound.txt') },
  { name: 'parseLdDebug', run: parseLdDebug, seed: fixture('ld-debug-found.txt') },
];

/** A real capture, cut at a random point and with random characters replaced or inserted. */
function mutated(seed: string) {
  return fc
    .tuple(
      fc.nat({ max: seed.length }),
      fc.array(fc.tuple(fc.nat({ max: Math.max(0, seed.length - 1) }), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 12 }),
    )
    .map(([cut, edits]) => {
      let s = seed.slice(0, cut);
      for (const [at, ins] of edits) s = s.slice(0, at) + ins + s.slice(at + 1);
      return s;
    });
}

const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 2000 }),
  fc.string({ unit: 'grapheme', maxLength: 500 }),
  fc.constantFrom(
    '',
    '{'.repeat(10_000),
    '"'.repeat(10_001),
    '<script>alert(1)</script>.go:1:1',
    'a.go:99999999999999999999:1',
    '\u0000\uffff\ud800',
    'x'.repeat(200_000) + '.go:1',
  ),
);

const slowest = new Map<string, { cases: number; slowestMs: number }>();

describe.each(CASES)('$name', ({ name, run, seed }) => {
  it('never throws on hostile text or mutated captures', () => {
    let slowestMs = 0;
    let cases = 0;
    fc.assert(
      fc.property(fc.oneof(hostile, mutated(seed)), (text) => {
        cases++;
        const t0 = performance.now();
        run(text);
        slowestMs = Math.max(slowestMs, performance.now() - t0);
      }),
      { numRuns: RUNS },
    );
    slowest.set(name, { cases, slowestMs });
  });

  it('handles a large real-shaped input in one piece', () => {
    const big = seed.repeat(Math.ceil(2_000_000 / Math.max(seed.length, 1)));
    const t0 = performance.now();
    expect(() => run(big)).not.toThrow();
    const msPerMb = (performance.now() - t0) / (big.length / 1e6);
    const fuzz = slowest.get(name);
    recordTrial({
      area: 'hostile input',
      what: `${name}: arbitrary text (binary, graphemes, pathological shapes) and truncated/mutated real captures`,
      cases: fuzz?.cases ?? 0,
      outcome: `no exception; slowest generated case ${fuzz?.slowestMs.toFixed(1) ?? '?'} ms; a ${(big.length / 1e6).toFixed(1)} MB input parsed at ${msPerMb.toFixed(0)} ms per MB`,
      ok: true,
    });
  });
});

afterAll(() => saveTrials('parsers'));
