// GODEBUG trace parsing: (1) 1,000,000 mixed lines cut from real captured output (gctrace, pacer,
// scavtrace, schedtrace+scheddetail, inittrace, http2debug, program output) parsed by the same
// TraceStream the consoles use, against plain line splitting of the same text; (2) a process printing
// 20,000 trace lines a second through a real pty with the trace tee, against the same pty without it.
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { TraceStream } from '../src/core/godebug';
import { PtyProcess } from '../src/main/services/ptyProcess';
import { TraceSessions } from '../src/main/services/godebug/traceSessions';
import { childEnv } from '../src/main/services/go/run';
import type { TraceEvent } from '../src/shared/godebug';
import { recordBench, type BenchRow } from './report';

const FIXTURES = path.resolve(__dirname, '../test/fixtures/godebug');
const LINES = 1_000_000;

/** Real captured lines, one trace record or program line each (not the interleaved capture, where two lines make one record). */
function mixedLines(): string[] {
  const pool = readdirSync(FIXTURES)
    .filter((f) => /^(current|go1\.19)-(?!.*\.go\.txt$)(?!compile)(?!h2-)(?!.*-interleaved\.txt$).*\.txt$/.test(f))
    .flatMap((f) => readFileSync(path.join(FIXTURES, f), 'utf8').split('\n').filter((l) => l !== ''));
  const out: string[] = [];
  for (let i = 0; out.length < LINES; i++) out.push(pool[i % pool.length]!);
  return out;
}

function best(n: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

const rows: BenchRow[] = [];

test('parse 1,000,000 mixed trace lines', () => {
  const text = mixedLines().join('\n') + '\n';
  const CHUNK = 64 * 1024; // what the pty batches deliver
  let events = 0;
  let lines = 0;
  const baseline = best(3, () => {
    let n = 0;
    for (let i = 0; i < text.length; i += CHUNK) n += text.slice(i, i + CHUNK).split('\n').length - 1;
    lines = n;
  });
  const measured = best(3, () => {
    const s = new TraceStream();
    let n = 0;
    for (let i = 0; i < text.length; i += CHUNK) n += s.push(text.slice(i, i + CHUNK)).length;
    n += s.end().length;
    events = n;
  });
  expect(lines).toBe(LINES);
  expect(events).toBeGreaterThanOrEqual(LINES);
  rows.push({
    name: 'godebug: parse 1,000,000 mixed trace lines (64 KiB chunks)',
    baseline: { label: 'split into lines only', value: baseline },
    measured: { label: 'TraceStream (classify + parse)', value: measured },
    unit: 'ms',
    ratio: measured / baseline,
    goal: '≤ 2000 ms for 1,000,000 lines',
    met: measured <= 2000,
    notes: `${(text.length / 2 ** 20).toFixed(0)} MiB of real captured lines (current toolchain and go1.19), best of 3; ${events} events`,
  });
});

/** Prints `total` lines from the fixtures at `perSecond` through a real pty; counts what arrives. */
async function ptyRun(total: number, perSecond: number, tee: boolean) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gopsy-bench-'));
  const src = path.join(dir, 'lines.txt');
  writeFileSync(src, mixedLines().slice(0, total).join('\n') + '\n');
  // A paced writer: every 10 ms, the lines due by then (like a runtime printing while the program runs).
  const script = `const ls=require('fs').readFileSync(${JSON.stringify(src)},'utf8').split('\\n');ls.pop();let i=0;const t0=Date.now();const tick=()=>{const due=Math.min(ls.length,Math.floor((Date.now()-t0)*${perSecond}/1000));if(due>i){process.stdout.write(ls.slice(i,due).join('\\n')+'\\n');i=due}if(i<ls.length)setTimeout(tick,10)};tick();`;
  const proc = new PtyProcess({ file: process.execPath, args: ['-e', script], cwd: dir, env: childEnv(), cols: 200, rows: 50 });
  const events: TraceEvent[] = [];
  const sessions = new TraceSessions((_id, evs) => events.push(...evs));
  if (tee) sessions.start('b', 'bench');
  let chars = 0;
  const t0 = performance.now();
  proc.onData((d) => {
    chars += d.length;
    if (tee) sessions.data('b', d);
    proc.ack(d.length);
  });
  await new Promise<void>((resolve) => proc.onExit(() => resolve()));
  const ms = performance.now() - t0;
  if (tee) sessions.exit('b');
  rmSync(dir, { recursive: true, force: true });
  const lines = new Set(events.map((e) => e.seq)).size;
  return { ms, chars, lines };
}

test('a program printing 20,000 trace lines a second', async () => {
  const total = 100_000;
  const raw = await ptyRun(total, 20_000, false);
  const teed = await ptyRun(total, 20_000, true);
  expect(teed.lines).toBe(total); // no lost line
  const rateRaw = (total / raw.ms) * 1000;
  const rate = (total / teed.ms) * 1000;
  rows.push({
    name: 'godebug: 100,000 trace lines at 20,000 lines/s through a real pty, with the trace tee',
    baseline: { label: 'same pty, no tee', value: rateRaw },
    measured: { label: 'with tee', value: rate },
    unit: 'lines/s',
    ratio: rate / rateRaw,
    goal: 'keeps 20,000 lines/s (ratio ≈ 1), no lost line',
    met: teed.lines === total && rate >= 0.95 * rateRaw,
    notes: `the writer is a node script replaying real captured trace lines at a fixed pace (its start-up time is in both rates); ${teed.lines} of ${total} lines parsed, none lost`,
  });
  recordBench('godebug-parse', rows);
});
