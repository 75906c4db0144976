import { describe, expect, it } from 'vitest';
import { parseSsaHtml, SsaHtmlParser } from '../../../src/core/ssa/parseSsaHtml';
import { ssaHtmlFixture } from './ssaFixtures';

describe('parseSsaHtml on real ssa.html', () => {
  const fn = parseSsaHtml(ssaHtmlFixture('store-add'));

  it('reads the function name, the columns in compiler order, merged passes and timings', () => {
    expect(fn.name).toBe('(*Store).Add,1');
    expect(fn.partial).toBe(false);
    expect(fn.warnings).toEqual([]);
    const names = fn.phases.map((p) => p.name);
    expect(names.slice(0, 3)).toEqual(['before insert phis', 'start', 'number lines']);
    expect(names[names.length - 1]).toMatch(/trim$/);
    const merged = fn.phases.find((p) => p.passes.includes('decompose user'))!;
    expect(merged.passes.length).toBeGreaterThan(1);
    expect(merged.name).toBe(merged.passes.join('  +  '));
    expect(merged.timings.every((t) => typeof t === 'number' && t > 0)).toBe(true);
    expect(fn.phases.find((p) => p.name === 'start')!.timings).toEqual([null]);
    // every pass of the compiler appears exactly once, in order, regalloc included
    const passes = fn.phases.flatMap((p) => p.passes);
    expect(passes).toContain('regalloc');
    expect(new Set(passes).size).toBe(passes.length);
  });

  it('reads blocks, values, args, aux, lines and dead values', () => {
    const start = fn.phases.find((p) => p.name === 'start')!;
    const b1 = start.blocks[0]!;
    expect(b1.id).toBe('b1');
    expect(b1.values[0]).toMatchObject({ id: 'v1', op: 'InitMem', type: 'mem', args: [], line: null });
    const arg = b1.values.find((v) => v.op === 'Arg')!;
    expect(arg).toMatchObject({ type: '*Store', aux: '{s}', line: 27, stmt: '-', extra: '(s[*Store])' });
    const call = b1.values.find((v) => v.op === 'StaticLECall')!;
    expect(call.aux).toBe('{AuxCall{runtime.mapaccess2_faststr}} [32]');
    expect(call.args.length).toBe(4);
    expect(b1.kind).toBe('If');
    expect(b1.controls.length).toBe(1);
    expect(b1.succs.map((s) => s.id)).toEqual(['b3', 'b2']);
    expect(b1.line).toBe(28);
    const b2 = start.blocks.find((b) => b.id === 'b2')!;
    expect(b2.preds).toEqual(['b1', 'b3']);
    expect(b2.kind).toBe('Ret');
    const numbered = fn.phases.find((p) => p.name === 'number lines')!;
    expect(numbered.blocks.flatMap((b) => b.values).some((v) => v.dead)).toBe(true);
    const regalloc = fn.phases.find((p) => p.passes.includes('regalloc'))!;
    expect(regalloc.blocks.flatMap((b) => b.values).some((v) => v.reg === 'AX')).toBe(true);
    expect(start.names.map((n) => n.slot)).toContain('s[*Store]');
  });

  it('reads likely/unlikely edges', () => {
    const late = fn.phases.find((p) => p.passes.includes('writebarrier'))!;
    const predicted = late.blocks.filter((b) => b.branch);
    expect(predicted.length).toBeGreaterThan(0);
    for (const b of predicted) expect(b.succs.filter((s) => s.likely).length).toBe(1);
  });

  it('reads sources, the AST and genssa with lines and value links', () => {
    expect(fn.sources).toHaveLength(1);
    expect(fn.sources[0]!.file).toBe('@ROOT@/store/store.go');
    expect(fn.sources[0]!.lines[0]).toEqual({ line: 27, text: 'func (s *Store) Add(it Item) {' });
    expect(fn.ast[0]!.text).toBe('buildssa-body');
    expect(fn.ast.some((l) => l.line === 28 && l.text.includes('DCL'))).toBe(true);
    const call = fn.genssa.find((r) => r.text.startsWith('CALL'))!;
    expect(call).toMatchObject({ line: 28, file: '@ROOT@/store/store.go' });
    expect(call.value).toMatch(/^v\d+$/);
    expect(fn.genssa.some((r) => r.block === 'b1')).toBe(true);
    expect(fn.genssa[fn.genssa.length - 1]!.text).toMatch(/END/);
  });

  it('gives the same result whatever the chunk boundaries', () => {
    const html = ssaHtmlFixture('store-items-closure');
    const whole = parseSsaHtml(html);
    const p = new SsaHtmlParser();
    for (let i = 0; i < html.length; i += 997) p.feed(html.slice(i, i + 997));
    expect(p.finish()).toEqual(whole);
    expect(whole.name).toBe('(*Store).Items.func1,1');
  });

  it('reads a generic shaped instantiation', () => {
    const g = parseSsaHtml(ssaHtmlFixture('map-shaped'));
    expect(g.name).toMatch(/^Map\[go\.shape\.struct \{ SKU string; .*\},go\.shape\.string\],1$/);
    expect(g.phases.length).toBeGreaterThan(10);
    expect(g.partial).toBe(false);
    // Map has a loop: some block is its own ancestor (a back edge)
    const start = g.phases.find((p) => p.name === 'start')!;
    expect(start.blocks.some((b) => b.kind === 'If')).toBe(true);
  });
});

describe('parseSsaHtml without a listener', () => {
  it('counts the phases it read: a file whose <table> tag was lost is not called "not an ssa.html"', () => {
    const text = ssaHtmlFixture('store-add').replace('<table>', '');
    const fn = parseSsaHtml(text);
    expect(fn.phases.length).toBeGreaterThan(0);
    expect(fn.warnings.join('\n')).not.toContain('This is not a GOSSAFUNC ssa.html');
  });
});
