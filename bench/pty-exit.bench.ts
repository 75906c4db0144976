// How soon a process's end is reported: a short program (prints a line and exits) in gopsy's PtyProcess
// against node-pty on its own, alternating, in the same run. gopsy holds the pty's slave open so that
// no output is lost (node-pty#72), so it learns of the end from its end mark (see ptyProcess.ts) and not
// from EOF; before that mark it waited for node-pty's 200 ms timeout on every build run and console.
import { expect, it } from 'vitest';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import * as pty from 'node-pty';
import { PtyProcess } from '../src/main/services/ptyProcess';
import { recordBench } from './report';

const RUNS = 40;
const ARGS = ['-c', 'printf "the last line\\n"'];
const env = { PATH: process.env.PATH ?? '', TERM: 'xterm-256color' };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Spawn to exit event with node-pty alone (its exit comes once the master reads EOF). */
function raw(): Promise<{ ms: number; out: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let out = '';
    const p = pty.spawn('sh', ARGS, { cols: 80, rows: 24, cwd: os.tmpdir(), env });
    p.onData((d) => (out += d));
    p.onExit(() => resolve({ ms: performance.now() - t0, out }));
  });
}

/** Spawn to exit report with gopsy's PtyProcess (all output delivered first). */
function gopsy(): Promise<{ ms: number; out: string; byMark: boolean }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let out = '';
    const p = new PtyProcess({ file: 'sh', args: ARGS, cwd: os.tmpdir(), env, cols: 80, rows: 24 });
    p.onData((d) => {
      out += d;
      p.ack(d.length);
    });
    p.onExit(() => resolve({ ms: performance.now() - t0, out, byMark: p.endedByMark }));
  });
}

it('reports a process\'s end soon after node-pty alone would', async () => {
  const rawMs: number[] = [];
  const gopsyMs: number[] = [];
  let byMark = 0;
  const runRaw = async () => {
    const r = await raw();
    expect(r.out).toBe('the last line\r\n');
    rawMs.push(r.ms);
  };
  const runGopsy = async () => {
    const r = await gopsy();
    expect(r.out).toBe('the last line\r\n');
    gopsyMs.push(r.ms);
    if (r.byMark) byMark++;
  };
  for (let i = 0; i < RUNS; i++) {
    // Alternate which goes first, so neither side always runs on a warmer machine.
    for (const f of i % 2 === 0 ? [runRaw, runGopsy] : [runGopsy, runRaw]) await f();
  }
  const base = median(rawMs);
  const measured = median(gopsyMs);
  recordBench('pty-exit', [
    {
      name: 'pty: a short program\'s end reported (spawn to exit event, all output delivered)',
      baseline: { label: 'node-pty alone (no slave held)', value: Number(base.toFixed(1)) },
      measured: { label: 'gopsy PtyProcess (slave held, end mark)', value: Number(measured.toFixed(1)) },
      unit: 'ms',
      ratio: Number((measured / base).toFixed(2)),
      goal: 'adds at most 50 ms to node-pty alone (node-pty\'s 200 ms timeout is not waited for)',
      met: measured - base <= 50,
      notes: `medians of ${RUNS} runs each, alternating; ${byMark} of ${RUNS} gopsy runs ended by the end mark; gopsy then waits EXIT_FLUSH_MS (20 ms) before it reports`,
    },
  ]);
});
