// The CFG view's moves on the real graphs of the SSA fixtures (every phase of each captured function):
// fitted into the mini view's box, every block is inside it; zoomed in, a selected block brought into
// sight is inside and readable.
import { describe, expect, it } from 'vitest';
import { parseSsaHtml } from '../../../src/core/ssa/parseSsaHtml';
import { layoutCfg } from '../../../src/renderer/src/panels/ssa/cfgLayout';
import { fitView, isInside, onScreen, READABLE_SCALE, reveal, zoomAt } from '../../../src/renderer/src/panels/ssa/cfgViewport';
import { ssaHtmlFixture } from '../../core/ssa/ssaFixtures';

// The mini CFG's box as measured in Chromium (1500x950 window).
const BOX = { width: 299, height: 491 };

describe('CFG viewport on real graphs', () => {
  for (const name of ['store-add', 'store-items-closure', 'map-shaped']) {
    it(`${name}: fit shows every block; reveal brings any block into sight`, () => {
      const fn = parseSsaHtml(ssaHtmlFixture(name));
      expect(fn.phases.length).toBeGreaterThan(10);
      for (const phase of fn.phases) {
        const g = layoutCfg(phase.blocks);
        const fit = fitView(g, BOX);
        for (const n of g.nodes) expect(isInside(onScreen(fit, n), BOX)).toBe(true);
        const zoomed = zoomAt(fit, 8, BOX.width / 2, BOX.height / 2);
        for (const n of g.nodes) {
          const v = reveal(zoomed, n, BOX);
          expect(isInside(onScreen(v, n), BOX)).toBe(true);
          expect(v.scale).toBeGreaterThanOrEqual(READABLE_SCALE);
        }
      }
    });
  }

  it('zooming about a point keeps that point where it is', () => {
    const v = zoomAt({ scale: 0.5, x: 10, y: 20 }, 2, 100, 50);
    // Graph point under (100, 50) before: ((100-10)/0.5, (50-20)/0.5) = (180, 60).
    expect(180 * v.scale + v.x).toBeCloseTo(100);
    expect(60 * v.scale + v.y).toBeCloseTo(50);
  });
});
