import { describe, expect, test } from 'vitest';
import {
  failedPackages,
  isToolInvocation,
  outputByPackage,
  parseBuildJson,
  parseCompileBench,
  parseCompileErrors,
  parseLogoptFile,
  parseXLog,
  toolOf,
} from '../../../src/core/build';
import { buildFixture, compileCostFixture } from './fixtures';

describe('parseBuildJson (real go build -json -x output)', () => {
  test('a failed build: the error arrives as build-output of the package, then build-fail', () => {
    const { events, text } = parseBuildJson(buildFixture('broken.stdout.jsonl'));
    expect(text).toEqual([]);
    expect(failedPackages(events)).toEqual(['example.com/inventory/broken']);
    const out = outputByPackage(events).get('example.com/inventory/broken')!;
    const errors = parseCompileErrors(out);
    expect(errors).toContainEqual({
      package: 'example.com/inventory/broken',
      path: 'broken/typeerror.go',
      line: 11,
      column: 9,
      message: 'cannot use total (variable of type string) as int value in return statement',
    });
  });

  test('non-JSON lines (stderr merged in a pty) are kept as text', () => {
    const r = parseBuildJson('go: cannot find main module\r\n{"ImportPath":"x","Action":"build-fail"}\n{broken');
    expect(r.text).toEqual(['go: cannot find main module', '{broken']);
    expect(failedPackages(r.events)).toEqual(['x']);
  });
});

describe('parseCompileErrors (plain text)', () => {
  test('reads the real text output with its # header', () => {
    expect(parseCompileErrors(buildFixture('broken.text.txt'))).toEqual([
      {
        package: 'example.com/inventory/broken',
        path: 'broken/typeerror.go',
        line: 11,
        column: 9,
        message: 'cannot use total (variable of type string) as int value in return statement',
      },
    ]);
  });
  test('positions without a column and noise lines', () => {
    expect(parseCompileErrors('./main.go:3: oops\nnot an error\nx.go:0:1: bad line')).toEqual([{ path: './main.go', line: 3, message: 'oops' }]);
  });

  test('SSA pass times (-d=ssa/all/time, the Build timing profile) are no errors', () => {
    expect(compileCostFixture('time').split('\n').filter((l) => /^[^<]\S*\.go:\d+:\d+: \t/.test(l)).length).toBeGreaterThan(50);
    expect(parseCompileErrors(compileCostFixture('time'))).toEqual([]);
  });
});

describe('parseXLog (real -x lines from -json)', () => {
  const { events } = parseBuildJson(buildFixture('pass.stdout.jsonl'));
  const rows = parseXLog(events.filter((e) => e.output !== undefined).map((e) => ({ importPath: e.importPath, line: e.output! })));

  test('finds the compile of each sample package and the link', () => {
    const compiles = rows.filter((r) => r.tool === 'compile');
    expect(compiles.map((r) => r.package).sort()).toEqual([
      'example.com/inventory',
      'example.com/inventory/broken',
      'example.com/inventory/internal/textfmt',
      'example.com/inventory/store',
    ]);
    const link = rows.find((r) => r.tool === 'link')!;
    expect(link.line).toMatch(/^GOROOT='@GOROOT@' @GOROOT@\/pkg\/tool\/\w+\/link /);
    expect(isToolInvocation(link)).toBe(true);
  });

  test('folds here-documents into their cat line and marks internal steps', () => {
    const cat = rows.find((r) => r.line.startsWith('cat >') && r.line.includes('importcfg.link'))!;
    expect(cat.line).toContain('\npackagefile ');
    expect(rows.some((r) => r.line === 'EOF')).toBe(false);
    const buildid = rows.find((r) => r.tool === 'buildid')!;
    expect(buildid.internal).toBe(true);
    expect(isToolInvocation(buildid)).toBe(false);
  });

  test('toolOf skips env assignments, including quoted ones with spaces', () => {
    expect(toolOf("TERM='dumb' CGO_LDFLAGS='-g -O2' /usr/bin/gcc -I x")).toBe('gcc');
    expect(toolOf('go tool pack r x.a y.o # internal')).toBe('pack');
  });
});

describe('parseCompileBench (real -bench file)', () => {
  const { packages, badLines } = parseCompileBench(buildFixture('pass.bench.txt'));

  test('one entry per compiled package with its phases and total', () => {
    expect(badLines).toBe(0);
    expect(packages.map((p) => p.package).sort()).toEqual(['example.com/inventory/broken', 'example.com/inventory/internal/textfmt', 'example.com/inventory/store', 'main']);
    const store = packages.find((p) => p.package === 'example.com/inventory/store')!;
    expect(store.phases.map((p) => p.phase)).toEqual(expect.arrayContaining(['fe:parse', 'fe:escapes', 'be:compilefuncs', 'be:dumpobj', 'fe:subtotal']));
    expect(store.totalNs).toBeGreaterThan(0);
    expect(store.lines).toBeGreaterThan(0);
    expect(store.funcs).toBeGreaterThan(0);
  });

  test('the same package compiled twice becomes two entries; a cut file sums its subtotals', () => {
    const text = buildFixture('pass.bench.txt');
    const block = text.slice(0, text.indexOf('commit:', 10));
    expect(parseCompileBench(block + block).packages.length).toBe(2);
    // Each compile keeps its own total: the second one's total line once went to the first.
    const total = (b: string) => Number(/:total\s+1\s+(\d+) ns\/op/.exec(b)![1]);
    const other = block.replace(/(:total\s+1\s+)\d+/, '$1123456789');
    const twice = parseCompileBench(block + other).packages;
    expect(twice.map((p) => p.package)).toEqual([twice[0]!.package, `${twice[0]!.package} (2)`]);
    expect(twice.map((p) => p.totalNs)).toEqual([total(block), 123456789]);
    expect(parseCompileBench(block + other + block).packages.map((p) => p.totalNs)).toEqual([total(block), 123456789, total(block)]);
    const cut = block.split('\n').filter((l) => !l.includes(':total')).join('\n');
    expect(parseCompileBench(cut).packages[0]!.totalNs).toBeGreaterThan(0);
    expect(parseCompileBench('BenchmarkCompile:garbage').badLines).toBe(1);
  });
});

describe('parseLogoptFile (real -json=0 output)', () => {
  test('reads the header and the remarks with their related information', () => {
    const f = parseLogoptFile(buildFixture('pass.logopt.example.com%2Finventory%2Fstore.store.json'));
    expect(f.error).toBeUndefined();
    expect(f.package).toBe('example.com/inventory/store');
    expect(f.file).toBe('@ROOT@/store/store.go');
    expect(f.remarks.length).toBeGreaterThan(5);
    expect(f.remarks.some((r) => r.code === 'canInlineFunction' && /^cost: \d+$/.test(r.message))).toBe(true);
    expect(f.remarks.every((r) => r.line >= 1 && r.column >= 1)).toBe(true);
  });
  test('bad input is reported', () => {
    expect(parseLogoptFile('').error).toMatch(/empty/);
    expect(parseLogoptFile('{"version":1,"package":"p","file":"f"}').error).toMatch(/Unknown logopt version 1/);
    expect(parseLogoptFile('{"version":0,"package":"p","file":"f"}\n{garbage').error).toMatch(/could not be read/);
  });
});
