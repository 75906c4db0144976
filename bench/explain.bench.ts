// What "Why rebuilt" and "Compile cost" cost a build: go-internal (30 packages and their dependencies,
// 250 actions) built with -a three ways, interleaved so that each round sees the same load: plain,
// with GODEBUG=gocachehash=1 (every action's cache-key inputs), and with -d=ssa/all/time for the
// module's own packages (every function's SSA pass times), compared by the CPU time the builds used.
// Then what the answer itself costs: parsing
// the two hash dumps of an edit and explaining the second build against the first.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { explainRebuild, parseCacheHash, parseCompileCost } from '../src/core/build';
import { realModuleDir } from '../scripts/real-module.mjs';
import { recordBench, timeIt } from './report';

const ROUNDS = 4;
const MODULE = 'github.com/rogpeppe/go-internal';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * CPU time (user + system, ms) of this process's waited-for children: the go command and every compile
 * it waited for. On a shared machine this is what a build costs; wall time swings with the neighbours.
 */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // cutime, cstime in clock ticks (USER_HZ 100)
}

/** Runs go with the extra env/args; its wall and CPU ms, and the stderr text (where both dumps are printed). */
function go(dir: string, args: string[], env: Record<string, string>): Promise<{ ms: number; cpuMs: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const cpu0 = childrenCpuMs();
    let stderr = '';
    const child = spawn('go', args, { cwd: dir, env: { ...process.env, GOFLAGS: '-mod=mod', GOWORK: 'off', ...env }, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve({ ms: performance.now() - t0, cpuMs: childrenCpuMs() - cpu0, stderr }) : reject(new Error(`go ${args.join(' ')}: exit ${code}\n${stderr.slice(-2000)}`))));
  });
}

test('recording cache-key inputs and SSA pass times vs the same build without, go-internal -a', async () => {
  const dir = realModuleDir();
  const cache = await mkdtemp(path.join(os.tmpdir(), 'gopsy-bench-explain-'));
  const env = { GOCACHE: cache };
  const build = ['build', '-a', '-o', os.devNull, './...'];
  try {
    await go(dir, build, env); // warms the cache's dependency downloads and the page cache
    const plain: number[] = [];
    const hash: number[] = [];
    const time: number[] = [];
    let hashText = '';
    let timeText = '';
    for (let r = 0; r < ROUNDS; r++) {
      plain.push((await go(dir, build, env)).cpuMs);
      const h = await go(dir, build, { ...env, GODEBUG: 'gocachehash=1' });
      hash.push(h.cpuMs);
      hashText = h.stderr;
      const t = await go(dir, [...build.slice(0, 4), `-gcflags=${MODULE}/...=-d=ssa/all/time`, './...'], env);
      time.push(t.cpuMs);
      timeText = t.stderr;
    }
    const hashRatio = median(hash.map((ms, i) => ms / plain[i]!));
    const timeRatio = median(time.map((ms, i) => ms / plain[i]!));
    const cost = parseCompileCost(timeText);
    expect(cost.functions.length).toBeGreaterThan(100);

    // The answer: an edited file, built again with the dump on; parse both and explain.
    const before = parseCacheHash(hashText);
    const file = path.join(dir, 'txtar', 'archive.go');
    const original = await readFile(file, 'utf8');
    await appendFile(file, '\nfunc benchEdit() int { return 1 }\n');
    let incremental: { ms: number; stderr: string };
    try {
      incremental = await go(dir, ['build', '-o', os.devNull, './...'], { ...env, GODEBUG: 'gocachehash=1' });
    } finally {
      await writeFile(file, original);
    }
    let explained: ReturnType<typeof explainRebuild> | undefined;
    const explainMs = await timeIt(async () => {
      explained = explainRebuild(before, parseCacheHash(incremental.stderr));
    });
    expect(explained?.ok).toBe(true);
    if (explained?.ok) expect(explained.summary[0]?.detail).toMatch(/archive\.go changed/);

    recordBench('explain', [
      {
        name: `build answers: GODEBUG=gocachehash=1 (${before.actions.length} actions, ${(hashText.length / 1e6).toFixed(2)} MB of inputs) vs the same go build -a of go-internal`,
        baseline: { label: 'plain go build -a, CPU (median)', value: Math.round(median(plain)) },
        measured: { label: 'with gocachehash=1, CPU (median)', value: Math.round(median(hash)) },
        unit: 'ms',
        ratio: hashRatio,
        goal: 'a few percent at most (then it stays on by default)',
        met: hashRatio <= 1.05,
        notes: `CPU time of the go command and its compiles (user + system), median of ${ROUNDS} interleaved pairs; wall time is left out, as it swings with whatever else the machine runs`,
      },
      {
        name: `build answers: -d=ssa/all/time for the module's packages (${cost.functions.length} functions, ${(timeText.length / 1e6).toFixed(1)} MB) vs the same go build -a`,
        baseline: { label: 'plain go build -a, CPU (median)', value: Math.round(median(plain)) },
        measured: { label: 'with ssa/all/time, CPU (median)', value: Math.round(median(time)) },
        unit: 'ms',
        ratio: timeRatio,
        goal: 'a few percent at most for the project\'s own packages',
        met: timeRatio <= 1.05,
        notes: `CPU time of the go command and its compiles (user + system), median of ${ROUNDS} interleaved pairs; wall time is left out, as it swings with whatever else the machine runs`,
      },
      {
        name: 'build answers: parse two hash dumps and explain an edit, vs the build that printed the second',
        baseline: { label: 'the incremental go build after the edit', value: Math.round(incremental.ms) },
        measured: { label: 'parse both dumps + explain', value: Math.round(explainMs) },
        unit: 'ms',
        ratio: explainMs / incremental.ms,
        goal: 'under the build that printed it',
        met: explainMs < incremental.ms,
      },
    ]);
  } finally {
    await rm(cache, { recursive: true, force: true });
  }
});
