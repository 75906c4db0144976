// Comparing runs whose artefacts are damaged, missing or hostile: the comparison still comes back,
// with each problem said on its side, and nothing is rendered or executed from the files.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunManifest } from '../../../src/shared/build';
import { BUILT_IN_PROFILES } from '../../../src/main/services/runs/profiles';
import { compareRunFiles } from '../../../src/main/services/compare/compareService';
import { DirRunFiles } from '../../../src/main/services/runs/runFiles';
import { GopsyError } from '../../../src/shared/rpc';
import { makeTemp, removeTemp } from '../../support/backend';

let temp: string;
const profile = { ...BUILT_IN_PROFILES.find((p) => p.name === 'Optimisation details')!, keepBinary: true };

async function runDir(name: string, files: Record<string, string>, manifest: Partial<RunManifest> = {}): Promise<string> {
  const dir = path.join(temp, name);
  await mkdir(dir, { recursive: true });
  const m: RunManifest = {
    version: 1,
    id: '20261127-010000-aaaaaa',
    project: '/nowhere/project',
    profile,
    command: { argv: ['go', 'build'], env: {}, shellLine: 'go build', cwd: '/nowhere/project' },
    status: 'succeeded',
    startedAt: '2026-11-27T01:00:00.000Z',
    endedAt: '2026-11-27T01:00:05.000Z',
    artefacts: [],
    goVersion: 'go1.26.8',
    ...manifest,
  };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(m));
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return dir;
}

beforeAll(async () => {
  temp = await makeTemp('compare-damaged');
});
afterAll(() => removeTemp(temp));

describe('damaged artefacts', () => {
  test('garbage bench, logopt, ssa.html and a fake binary give warnings and notes, not a failure', async () => {
    const a = await runDir('a', {
      'bench.txt': 'BenchmarkCompile:x:fe:parse 1 nope ns/op\nnot a bench line\n',
      'logopt/p/f.json': '{"version":0,"package":"p","file":"/nowhere/project/f.go"}\n{not json\n',
      'ssa/p.F,1.html': '<html><body><h1>F,1</h1><table><tr><td id="start-col"><div>start</div></td><td id="start-exp"><h2>start</h2><code><ul class="b1',
      'out/app': '#!/bin/sh\necho <script>alert(1)</script>\n',
    });
    await chmod(path.join(a, 'out/app'), 0o755);
    const b = await runDir('b', {}, { profile: BUILT_IN_PROFILES.find((p) => p.name === 'Diagnose failure')! });
    const c = await compareRunFiles(new DirRunFiles(a, 'directory', 'a'), new DirRunFiles(b, 'directory', 'b'), temp);
    expect(c.warnings.some((w) => w.startsWith('A: ') && w.includes('bench.txt could not be read'))).toBe(true);
    expect(c.warnings.some((w) => w.startsWith('A: ') && /f\.json/.test(w))).toBe(true);
    expect(c.warnings.some((w) => w.startsWith('A: app: ') && w.includes('go tool nm could not read'))).toBe(true);
    expect(c.timing.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^B \(b\): no compiler phase times: the profile "Diagnose failure"/)]));
    expect(c.remarks.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^B \(b\): no optimisation remarks/)]));
    expect(c.binary.a).toBe(false);
    expect(c.binary.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^A \(a\): its binary could not be read/)]));
    // The truncated ssa.html still parses (partially); B has none, so there is nothing to pair.
    expect(c.ssa.onlyA).toEqual(['p.F,1']);
    expect(c.ssa.functions).toEqual([]);
  });

  test('a directory that is not a run, and a damaged manifest, are refused with a clear message', async () => {
    const ok = await runDir('ok', {});
    await mkdir(path.join(temp, 'empty'), { recursive: true });
    await expect(compareRunFiles(new DirRunFiles(path.join(temp, 'empty'), 'directory', 'empty'), new DirRunFiles(ok, 'directory', 'ok'), temp)).rejects.toThrow(
      /is not a gopsy run directory/,
    );
    const bad = await runDir('bad', {});
    await writeFile(path.join(bad, 'manifest.json'), '{"version": 99}');
    const err = await compareRunFiles(new DirRunFiles(bad, 'directory', 'bad'), new DirRunFiles(ok, 'directory', 'ok'), temp).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GopsyError);
    expect((err as Error).message).toMatch(/holds no run manifest gopsy can read/);
  });
});
