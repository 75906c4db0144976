import { describe, expect, it } from 'vitest';
import { parseSsaHtml } from '../../../src/core/ssa/parseSsaHtml';
import { dumpFunctions, parseDumpFileName, parseSsaDumps } from '../../../src/core/ssa/parseSsaDumps';
import type { SsaPhase } from '../../../src/shared/ssa';
import { ssaDumpFixtures, ssaHtmlFixture } from './ssaFixtures';

describe('parseSsaDumps on real -d=ssa/all/dump output', () => {
  const files = ssaDumpFixtures('store-add');
  const fn = parseSsaDumps(files);

  it('names and orders the passes from the file names', () => {
    expect(parseDumpFileName('(*Store).Add_03__early_phielim_and_copyelim.dump')).toEqual({
      func: '(*Store).Add',
      seq: 3,
      pass: 'early phielim and copyelim',
    });
    expect(dumpFunctions(files.map((f) => f.name))).toEqual(['(*Store).Add']);
    expect(fn.name).toBe('(*Store).Add');
    expect(fn.signature).toBe('method(*Store) func(Item)');
    expect(fn.phases[0]!.name).toBe('build');
    expect(fn.phases.map((p) => p.name)).toContain('regalloc');
    expect(fn.warnings).toEqual([]);
    expect(fn.phases.filter((p) => p.unchanged).map((p) => p.name)).toContain('decompose user');
    expect(fn.genssa.find((r) => r.text.startsWith('CALL'))).toMatchObject({ line: 28 });
  });

  // The two sources of the same build must agree: for every ssa.html column, the state after its last
  // pass has the same live blocks and values as that pass's text dump.
  it('agrees with ssa.html of the same build, pass by pass', () => {
    const html = parseSsaHtml(ssaHtmlFixture('store-add'));
    const byPass = new Map(fn.phases.map((p) => [p.name, p]));
    let compared = 0;
    for (const col of html.phases) {
      const last = col.passes[col.passes.length - 1]!;
      if (last === 'before insert phis') continue; // no text dump exists for it
      const dump = byPass.get(last === 'start' ? 'build' : last);
      expect(dump, `a dump for ${last}`).toBeDefined();
      expect(live(col), `column ${col.name}`).toEqual(live(dump!));
      compared++;
    }
    expect(compared).toBe(html.phases.length - 1);
  });
});

/** Live blocks and values, as comparable data (text dumps omit what is dead). */
function live(p: SsaPhase) {
  return p.blocks
    .filter((b) => !b.dead)
    .map((b) => ({
      id: b.id,
      kind: b.kind,
      preds: b.preds,
      succs: b.succs,
      controls: b.controls,
      values: b.values.filter((v) => !v.dead).map((v) => ({ id: v.id, op: v.op, type: v.type, args: v.args, aux: v.aux, line: v.line, stmt: v.stmt, extra: v.extra })),
    }));
}
