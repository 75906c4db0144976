// Rebuild explanations as the app computes them: in the worker thread electron-vite builds
// (out/main/answersWorker.js). Run from the sources, AnswersThread works in the calling thread, so this
// test starts the built worker itself on real gocachehash captures and holds its answers to the inline
// ones, errors included (a GopsyError's code survives the thread boundary).
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswersThread } from '../../../src/main/services/runs/answersThread';
import { compileCostSummary } from '../../../src/main/services/runs/compileCost';
import { ParsedRuns } from '../../../src/main/services/runs/parsedRuns';
import { ARTEFACTS } from '../../../src/shared/runFolder';
import { cacheHashFixture, compileCostFixture } from '../../core/build/fixtures';
import { makeTemp, removeTemp } from '../../support/backend';

const REPO = path.resolve(__dirname, '../../..');
const WORKER = path.join(REPO, 'out/main/answersWorker.js');

let temp: string;
const dir = (name: string) => path.join(temp, name);
const thread = new AnswersThread(WORKER);

beforeAll(async () => {
  if (!existsSync(WORKER)) throw new Error(`run npm run build first: this test runs the built answers worker (${path.relative(REPO, WORKER)} is missing)`);
  temp = await makeTemp('explain-worker');
  for (const name of ['first', 'edit-ledger', 'gcflags']) {
    await mkdir(dir(name));
    await writeFile(path.join(dir(name), ARTEFACTS.cacheHash), cacheHashFixture('go1.26', name));
  }
  await mkdir(dir('unrecorded'));
  await mkdir(dir('timed'));
  await writeFile(path.join(dir('timed'), ARTEFACTS.compileCost), compileCostFixture('time'));
});
afterAll(async () => {
  await thread.close();
  await removeTemp(temp);
});

describe('the built answers worker', () => {
  it('explains as the main thread does, for an edited file and for changed flags', async () => {
    const inline = new ParsedRuns();
    for (const later of ['edit-ledger', 'gcflags']) {
      const fromWorker = await thread.explain(dir(later), dir('first'), 'first');
      expect(fromWorker.ok).toBe(true);
      expect(fromWorker).toEqual(await inline.explain(dir(later), dir('first'), 'first'));
    }
  });

  it('lines up an action’s inputs from the runs it parsed', async () => {
    const e = await thread.explain(dir('edit-ledger'), dir('first'), 'first');
    if (!e.ok) throw new Error(e.error);
    const changed = e.actions.find((a) => a.status === 'changed')!;
    const lines = await thread.actionInputs(dir('edit-ledger'), dir('first'), 'first', changed.key);
    expect(lines.some((l) => l.changed)).toBe(true);
    expect(lines).toEqual(await new ParsedRuns().actionInputs(dir('edit-ledger'), dir('first'), 'first', changed.key));
  });

  it('gives the run that recorded nothing as a coded error, and keeps answering', async () => {
    await expect(thread.explain(dir('edit-ledger'), dir('unrecorded'), 'R')).rejects.toMatchObject({
      name: 'GopsyError',
      code: 'no-hash-inputs',
      message: expect.stringContaining('The run to compare with (R) did not record'),
    });
    await expect(thread.actionInputs(dir('edit-ledger'), dir('first'), 'first', 'no such action')).rejects.toMatchObject({ code: 'no-action' });
    expect((await thread.explain(dir('gcflags'), dir('first'), 'first')).ok).toBe(true);
  });

  it('reads a run’s SSA pass times as the main thread does, and says when a run has none', async () => {
    const project = path.join(REPO, 'test/fixtures/explain/src');
    const fromWorker = await thread.compileCost(dir('timed'), project);
    expect(fromWorker.recorded).toBe(true);
    expect(fromWorker.functions.length).toBeGreaterThan(5);
    expect(fromWorker).toEqual(await compileCostSummary(dir('timed'), project));
    expect(await thread.compileCost(dir('timed'), project)).toEqual(fromWorker); // the kept summary
    expect((await thread.compileCost(dir('unrecorded'), project)).recorded).toBe(false);
  });

  it('starts a new worker after close', async () => {
    await thread.close();
    expect((await thread.explain(dir('gcflags'), dir('first'), 'first')).ok).toBe(true);
  });
});
