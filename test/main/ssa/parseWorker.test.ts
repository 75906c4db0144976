// The SSA parse as the app runs it: in the worker thread electron-vite builds (out/main/ssaWorker.js,
// where parseHtmlFile finds it next to the main bundle). Run from the sources, parseHtmlFile parses on
// the main thread instead, so this test starts the built worker itself, on real compiler output, and
// holds what comes back (phases as deflated JSON, then the function) to the main-thread parse.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SsaPhase } from '../../../src/shared/ssa';
import { loadPhase, parseHtmlFileInWorker, parseHtmlFileInline, type StoredPhase } from '../../../src/main/services/ssa/parseHtmlFile';

const REPO = path.resolve(__dirname, '../../..');
const WORKER = path.join(REPO, 'out/main/ssaWorker.js');
const FIXTURES = path.join(REPO, 'test/fixtures/ssa');

beforeAll(() => {
  if (!existsSync(WORKER)) throw new Error(`run npm run build first: this test runs the built SSA parse worker (${path.relative(REPO, WORKER)} is missing)`);
});

describe('the built SSA parse worker', () => {
  for (const name of ['store-add', 'map-shaped', 'store-items-closure']) {
    it(`gives the main thread's result on ${name}/ssa.html`, async () => {
      const file = path.join(FIXTURES, name, 'ssa.html');
      const stored = new Map<number, { stored: StoredPhase; head: SsaPhase }>();
      const fn = await parseHtmlFileInWorker(
        WORKER,
        file,
        (s, head, i) => stored.set(i, { stored: s, head }),
        (i) => stored.delete(i),
      );
      const reference = await parseHtmlFileInline(file, () => undefined);
      expect(reference.phases.length).toBeGreaterThan(10);
      // The worker keeps no phases in the function: they came one by one, as stored bytes.
      expect(fn.phases).toEqual([]);
      expect([...stored.keys()].sort((a, b) => a - b)).toEqual(reference.phases.map((_, i) => i));
      const phases = reference.phases.map((_, i) => loadPhase(stored.get(i)!.stored));
      expect({ ...fn, phases }).toEqual(reference);
      reference.phases.forEach((p, i) => {
        expect(stored.get(i)!.head).toEqual({ ...p, blocks: [], names: [] });
        expect(stored.get(i)!.stored.blocks).toBe(p.blocks.length);
      });
    });
  }
});
