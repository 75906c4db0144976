// gopsy capture (every artefact, in a pty, with parsing of the live stream) vs the plain go command
// with exactly the same flags, side by side in one run: `-a net/http`, so every package compiles.
// Goal: gopsy itself adds at most 5% wall time.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { buildCommand } from '../src/main/services/runs/command';
import { BUILT_IN_PROFILES } from '../src/main/services/runs/profiles';
import { recordBench, timeIt } from './report';

const REPO = path.resolve(__dirname, '..');
const SAMPLE = path.join(REPO, 'resources/samples/inventory');
// The machine is shared and interference comes in bursts: each pair (plain, then gopsy) runs back to
// back so both see the same load, and the median of the per-pair ratios is the result. (The fastest of
// each side, compared across pairs, swung from 0.74 to 1.56 between pairs.)
// Which side goes first alternates (ABBA...), and the page cache is flushed (sync, untimed) before each
// build, so neither side pays for the dirty pages (an 88 MB GOCACHE, 56 MB of remarks) the other left.
const PAIRS = 10;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function run(file: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    // detached: a session of its own, as gopsy's pty gives its build. With the kernel's autogroup
    // scheduling each session is one scheduling group, so on a loaded machine a build sharing the bench
    // runner's session got far less CPU than gopsy's (every pair came out ~0.6 in gopsy's favour).
    const child = spawn(file, args, { cwd: SAMPLE, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'ignore'], detached: true });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

test('gopsy capture vs plain go build, -a net/http, all artefacts', async () => {
  const temp = await mkdtemp(path.join(os.tmpdir(), 'gopsy-bench-'));
  const profile = { ...BUILT_IN_PROFILES.find((p) => p.name === 'Optimisation details')!, packages: ['net/http'], rebuildAll: true };
  const plain: number[] = [];
  const gopsy: number[] = [];
  try {
    for (let i = 0; i < PAIRS; i++) {
      // Plain: the very argv and env gopsy builds, run directly with output discarded.
      const runDir = path.join(temp, `plain${i}`);
      await mkdir(path.join(runDir, 'logopt'), { recursive: true });
      const cmd = buildCommand(profile, SAMPLE, { goBinary: 'go', runDir, supportsJson: true });
      const plainRun = async () => {
        await run('sync', []);
        plain.push(await timeIt(async () => expect(await run('go', cmd.argv.slice(1), cmd.env)).toBe(0)));
      };
      const out = path.join(temp, `gopsy${i}`);
      const args = [path.join(REPO, 'bin/gopsy.js'), 'capture', SAMPLE, '--profile', 'Optimisation details', '--pkg', 'net/http', '--rebuild-all', '--out', out];
      const gopsyRun = async () => {
        await run('sync', []);
        gopsy.push(await timeIt(async () => expect(await run(process.execPath, args)).toBe(0)));
      };
      if (i % 2 === 0) {
        await plainRun();
        await gopsyRun();
      } else {
        await gopsyRun();
        await plainRun();
      }
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  const pairRatios = gopsy.map((g, i) => g / plain[i]!);
  const ratio = median(pairRatios);
  const base = median(plain);
  const measured = median(gopsy);
  recordBench('build-capture', [
    {
      name: 'gopsy capture (all artefacts) vs plain go build with the same flags, -a net/http',
      baseline: { label: 'go build (same flags)', value: Math.round(base) },
      measured: { label: 'gopsy capture', value: Math.round(measured) },
      unit: 'ms',
      ratio: Number(ratio.toFixed(3)),
      goal: '≤ 1.05',
      met: ratio <= 1.05,
      notes: `ratio = median of the per-pair ratios of ${PAIRS} interleaved pairs (back to back, the first side alternating; sync before each build); values are the medians of each side; plain ${plain.map(Math.round).join(', ')} ms; gopsy ${gopsy.map(Math.round).join(', ')} ms; per-pair ratios ${pairRatios.map((r) => r.toFixed(3)).join(', ')}`,
    },
  ]);
});
