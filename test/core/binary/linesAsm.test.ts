// The instructions of source lines, on objdump and -S output of resources/samples/asmlines
// (scripts/fixtures-linesAsm.mjs): generic instances, a closure, methods, init functions, inlining, a test.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCompileAsm } from '../../../src/core/binary/compileAsm';
import { enclosingFunc, funcRanges, jumpTarget, lineRuns, selectLines, type LineSelection } from '../../../src/core/binary/linesAsm';
import { parseObjdump, projectFileResolver } from '../../../src/core/binary/objdump';
import { FIXTURE_ROOT, fixture } from '../fixtures';

const SAMPLE = path.join(__dirname, '../../../resources/samples/asmlines');
const source = (rel: string) => readFileSync(path.join(SAMPLE, rel), 'utf8');
const abs = (rel: string) => `${FIXTURE_ROOT}/${rel}`;
const files = new Map(['shapes/shapes.go', 'shapes/clamp.go', 'shapes/shapes_test.go', 'main.go'].map((f) => [path.basename(f), [abs(f)]]));
const objdump = parseObjdump(fixture('linesAsm/objdump.txt'), projectFileResolver(files));
const objdumpTest = parseObjdump(fixture('linesAsm/objdump-test.txt'), projectFileResolver(files));
const compiled = parseCompileAsm(fixture('linesAsm/compile-S.txt'));

/** As the service does: the file's lines, and the functions of the project's files for inlined code. */
function select(rel: string, from: number, to = from): LineSelection {
  const calleeAt = (f: string, line: number) => (f.startsWith(FIXTURE_ROOT) ? enclosingFunc(funcRanges(source(f.slice(FIXTURE_ROOT.length + 1))), line)?.name : undefined);
  return { file: abs(rel), from, to, ranges: funcRanges(source(rel)), display: (f) => f.replace(`${FIXTURE_ROOT}/`, ''), lines: source(rel).split('\n'), calleeAt };
}

describe('parseCompileAsm', () => {
  it('reads each function of the -S listing with offsets, lines and Go syntax', () => {
    const names = compiled.map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'example.com/asmlines/shapes.init.0',
        'example.com/asmlines/shapes.init.1',
        'example.com/asmlines/shapes.Rect.Area',
        'example.com/asmlines/shapes.(*Rect).Scale',
        'example.com/asmlines/shapes.Counter.func1',
        'example.com/asmlines/shapes.Sum[go.shape.int]',
        'main.main',
      ]),
    );
    const area = compiled.find((f) => f.name === 'example.com/asmlines/shapes.Rect.Area')!;
    expect(area.file).toBe(abs('shapes/shapes.go'));
    // TEXT, FUNCDATA and PCDATA are directives, not instructions.
    expect(area.instructions.map((i) => i.text)).toEqual(['IMULQ BX, AX', 'RET']);
    expect(area.instructions.every((i) => i.line === 22 && i.path === abs('shapes/shapes.go'))).toBe(true);
  });

  it('ignores what is not a listing', () => {
    expect(parseCompileAsm('# example.com/x\nx.go:3:2: undefined: y\n')).toEqual([]);
    expect(parseCompileAsm('')).toEqual([]);
  });
});

describe('funcRanges', () => {
  it('spans each top-level function, one-line bodies included', () => {
    const ranges = funcRanges(source('shapes/shapes.go'));
    expect(ranges.filter((r) => r.name === 'init')).toEqual([
      { name: 'init', start: 8, end: 10 },
      { name: 'init', start: 12, end: 16 },
    ]);
    expect(enclosingFunc(ranges, 22)).toEqual({ name: 'Rect.Area', start: 22, end: 22 });
    expect(enclosingFunc(ranges, 40)).toEqual({ name: 'Counter', start: 37, end: 43 });
    expect(enclosingFunc(ranges, 19)).toBeUndefined();
  });
});

describe('jumpTarget', () => {
  it('reads objdump addresses and -S offsets, not symbols', () => {
    expect(jumpTarget('JBE 0x49fae4')).toBe(0x49fae4);
    expect(jumpTarget('JLS 100')).toBe(100);
    expect(jumpTarget('JMP example.com/asmlines/shapes.init.0(SB)')).toBeUndefined();
    expect(jumpTarget('CALL runtime.morestack_noctxt.abi0(SB)')).toBeUndefined();
    expect(jumpTarget('MOVQ $0x8, AX')).toBeUndefined();
  });
});

describe('selectLines', () => {
  it('places inlined code at its call site and says where it came from (objdump)', () => {
    const blocks = selectLines(objdump, select('shapes/shapes.go', 51, 57));
    const total = blocks.find((b) => b.function === 'example.com/asmlines/shapes.Total')!;
    expect(total.kind).toBe('own');
    expect(total.file).toBe('shapes/shapes.go');
    const inlined = total.instructions.filter((i) => i.inlinedFrom);
    // r.Area() (same file, line 22) and clamp (clamp.go:4), placed at line 54, which calls both, though
    // the instructions before them are line 53's.
    expect(inlined.map((i) => i.inlinedFrom)).toEqual(expect.arrayContaining([{ file: 'shapes/shapes.go', line: 22 }, { file: 'shapes/clamp.go', line: 4 }]));
    expect(inlined.every((i) => i.line === 54)).toBe(true);
    // Without the sources, by position: the own line before them.
    const byPosition = selectLines(objdump, { ...select('shapes/shapes.go', 51, 57), calleeAt: undefined }).find((b) => b.function === total.function)!;
    expect(byPosition.instructions.filter((i) => i.inlinedFrom).every((i) => i.line === 53)).toBe(true);
    // Every instruction of Total, in address order.
    const fn = objdump.find((f) => f.name === 'example.com/asmlines/shapes.Total')!;
    expect(total.instructions.map((i) => i.address)).toEqual(fn.instructions.map((i) => i.address));
    // The loop's backward jump points inside the listing.
    const back = total.instructions.find((i) => i.text.startsWith('JG'))!;
    expect(total.instructions.some((i) => i.address === back.jump)).toBe(true);
    // main.main calls Total directly: the loop was inlined there too.
    const main = blocks.find((b) => b.function === 'main.main')!;
    expect(main.kind).toBe('inlinedInto');
    expect(main.file).toBe('main.go');
    expect(new Set(main.instructions.map((i) => i.line))).toContain(53);
  });

  it('answers only the selected lines', () => {
    const blocks = selectLines(objdump, select('shapes/shapes.go', 54));
    const total = blocks.find((b) => b.function === 'example.com/asmlines/shapes.Total')!;
    expect(new Set(total.instructions.map((i) => i.line))).toEqual(new Set([54]));
    expect(total.instructions.length).toBeLessThan(objdump.find((f) => f.name === total.function)!.instructions.length);
  });

  it('lists each instance of a generic function', () => {
    const viaBinary = selectLines(objdump, select('shapes/shapes.go', 28, 34)).map((b) => b.function);
    expect(viaBinary).toEqual(expect.arrayContaining(['example.com/asmlines/shapes.Sum[int]', 'example.com/asmlines/shapes.Sum[float64]']));
    const viaCompiler = selectLines(compiled, select('shapes/shapes.go', 31)).map((b) => b.function);
    expect(viaCompiler).toEqual(expect.arrayContaining(['example.com/asmlines/shapes.Sum[go.shape.int]', 'example.com/asmlines/shapes.Sum[go.shape.float64]']));
  });

  it('finds closures, methods and init functions', () => {
    const names = (from: number, to: number) => selectLines(objdump, select('shapes/shapes.go', from, to)).filter((b) => b.kind === 'own').map((b) => b.function);
    expect(names(40, 41)).toContain('example.com/asmlines/shapes.Counter.func1');
    expect(names(22, 22)).toEqual(['example.com/asmlines/shapes.Rect.Area']);
    expect(names(25, 25)).toEqual(['example.com/asmlines/shapes.(*Rect).Scale']);
    expect(names(8, 10)).toEqual(['example.com/asmlines/shapes.init.0']);
    expect(names(13, 15)).toEqual(['example.com/asmlines/shapes.init.1']);
  });

  it('reads a test function from the test binary, with the code inlined into it', () => {
    const blocks = selectLines(objdumpTest, select('shapes/shapes_test.go', 5, 9));
    const test = blocks.find((b) => b.function === 'example.com/asmlines/shapes.TestSum')!;
    expect(test.kind).toBe('own');
    expect(test.instructions.some((i) => i.inlinedFrom?.file === 'shapes/shapes.go' && i.inlinedFrom.line >= 28 && i.inlinedFrom.line <= 34)).toBe(true);
  });

  it('groups consecutive instructions of a line', () => {
    const runs = lineRuns([{ line: 3 }, { line: 3 }, { line: 4 }, { line: 3 }]);
    expect(runs.map((r) => [r.line, r.instructions.length])).toEqual([
      [3, 2],
      [4, 1],
      [3, 1],
    ]);
  });

  it('answers nothing for lines without code', () => {
    expect(selectLines(objdump, select('shapes/shapes.go', 18, 19))).toEqual([]);
  });
});
