// The run store on a real temp directory: the runs list is newest first by start time, also for runs
// that began in the same second (their ids name the second and end in a random suffix).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { RunManifest } from '../../../src/shared/build';
import { buildCommand } from '../../../src/main/services/runs/command';
import { BUILT_IN_PROFILES } from '../../../src/main/services/runs/profiles';
import { RunStore, summarize } from '../../../src/main/services/runs/runStore';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('runs started in the same second are listed by their start time, newest first', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gopsy-runstore-'));
  const store = new RunStore(dir);
  const profile = BUILT_IN_PROFILES[0]!;
  const command = buildCommand(profile, '/p', { goBinary: 'go', runDir: '/r', supportsJson: true });
  // The suffixes sort against the start times: 'fff' began first, 'aaa' last.
  const runs: Array<[string, string]> = [
    ['20261127-041500-ffffff', '2026-11-27T04:15:00.100Z'],
    ['20261127-041500-cccccc', '2026-11-27T04:15:00.500Z'],
    ['20261127-041500-aaaaaa', '2026-11-27T04:15:00.900Z'],
    ['20261127-041459-000000', '2026-11-27T04:14:59.990Z'],
  ];
  for (const [id, startedAt] of runs) {
    await store.create('/p', id);
    const m: RunManifest = { version: 1, id, project: '/p', profile, command, status: 'succeeded', startedAt, artefacts: [] };
    await store.writeManifest('/p', m);
  }
  expect((await store.list('/p')).map((m) => m.id)).toEqual(['20261127-041500-aaaaaa', '20261127-041500-cccccc', '20261127-041500-ffffff', '20261127-041459-000000']);
});

test('a run summary says whether its profile captured the remarks (the replay views pick a run by it)', () => {
  for (const profile of BUILT_IN_PROFILES) {
    const command = buildCommand(profile, '/p', { goBinary: 'go', runDir: '/r', supportsJson: true });
    const m: RunManifest = { version: 1, id: '20261127-041500-aaaaaa', project: '/p', profile, command, status: 'succeeded', startedAt: '2026-11-27T04:15:00.000Z', artefacts: [] };
    expect(summarize(m).remarks ?? false, profile.name).toBe(profile.capture.remarks);
  }
  expect(BUILT_IN_PROFILES.some((p) => p.capture.remarks) && BUILT_IN_PROFILES.some((p) => !p.capture.remarks)).toBe(true);
});
