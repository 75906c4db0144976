// The build timeline's time axis (readable ticks at every zoom) and hit testing on the canvas, on the
// real `go build -a -p 2 net/http` capture.
import { describe, expect, test } from 'vitest';
import { analyseBuild, buildTimeline, parseActionGraph, parseBuildTrace, workerCount } from '../../../src/core/build';
import { ticks, tickLabel, tickStep } from '../../../src/renderer/src/panels/build/timeAxis';
import { AXIS_H, barAt, GUTTER, laneHeight, timelineModel, xOf } from '../../../src/renderer/src/panels/build/timelineDraw';
import { buildFixture } from '../../core/build/fixtures';

describe('time axis', () => {
  test('1-2-5 steps that leave the asked room between ticks', () => {
    for (const pxPerMs of [1e-4, 0.003, 0.07, 1, 12, 400, 9000]) {
      const step = tickStep(pxPerMs, 72);
      expect(step * pxPerMs).toBeGreaterThanOrEqual(72 - 1e-9);
      expect(step * pxPerMs).toBeLessThan(72 * 2.5 + 1e-9);
      expect(String(Number((step / 10 ** Math.floor(Math.log10(step))).toPrecision(3)))).toMatch(/^[125]$/);
    }
  });

  test('labels in the unit of the step, with the decimals that tell ticks apart', () => {
    expect(tickLabel(0, 20_000)).toBe('0 s');
    expect(tickLabel(140_000, 20_000)).toBe('2 min 20 s');
    expect(tickLabel(120_000, 60_000)).toBe('2 min');
    expect(tickLabel(250, 50)).toBe('250 ms');
    expect(tickLabel(100_005, 5)).toBe('100.005 s');
    expect(tickLabel(0.4, 0.2)).toBe('400 µs');
    // Neighbouring ticks never print the same label, however far in.
    for (const [from, to, px] of [[0, 151_000, 0.006], [98_000, 98_050, 20], [3, 3.5, 2000]] as const) {
      const labels = ticks(from, to, px).ticks.map((t) => t.label);
      expect(labels.length).toBeGreaterThan(1);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });
});

describe('hit testing on the real capture', () => {
  const { actions } = parseActionGraph(buildFixture('nethttp-p2.actiongraph.json'));
  const { spans } = parseBuildTrace(buildFixture('nethttp-p2.trace.json'));
  const tl = buildTimeline(actions, spans)!;
  const model = timelineModel(tl.bars, tl.lanes, analyseBuild(actions, workerCount(actions, spans))!.criticalPath, 'worker');
  const width = 1200;

  test('the centre of every bar at least 3 px wide finds that bar, at the fit and zoomed in', () => {
    for (const view of [{ from: 0, to: tl.totalMs }, { from: tl.totalMs * 0.4, to: tl.totalMs * 0.45 }]) {
      let checked = 0;
      for (const b of tl.bars) {
        const x0 = xOf(b.start, view, width);
        const x1 = xOf(b.end, view, width);
        if (x1 - x0 < 3 || x0 < GUTTER || x1 > width) continue;
        const y = AXIS_H + b.lane * laneHeight(tl.lanes) + laneHeight(tl.lanes) / 2;
        expect(barAt(model, view, width, (x0 + x1) / 2, y)?.actionId).toBe(b.actionId);
        checked++;
      }
      expect(checked).toBeGreaterThan(5);
    }
  });

  test('the gutter and the axis hit nothing; the critical path is in the model in chain order', () => {
    const view = { from: 0, to: tl.totalMs };
    expect(barAt(model, view, width, GUTTER - 5, AXIS_H + 5)).toBeUndefined();
    expect(barAt(model, view, width, 600, AXIS_H - 5)).toBeUndefined();
    expect(model.critical.length).toBeGreaterThan(3);
    for (let i = 1; i < model.critical.length; i++) expect(model.critical[i]!.start).toBeGreaterThanOrEqual(model.critical[i - 1]!.end);
  });
});
