// Benchmarks record their figures here; scripts/bench-report.mjs gathers them into docs/BENCHMARKS.md.
// A figure is always a ratio against a baseline measured in the same run, plus the raw numbers.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface BenchRow {
  /** What was measured, e.g. "console: 100 MB of output through gopsy vs raw node-pty". */
  name: string;
  /** The baseline and what gopsy did, in the same unit. */
  baseline: { label: string; value: number };
  measured: { label: string; value: number };
  unit: string;
  /** measured / baseline (or the inverse where the text says so). */
  ratio: number;
  goal: string;
  met: boolean;
  notes?: string;
}

export function recordBench(file: string, rows: BenchRow[]): void {
  const dir = path.join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const out = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, node ${process.version}`,
    rows,
  };
  writeFileSync(path.join(dir, `${file}.json`), JSON.stringify(out, null, 2) + '\n');
}

/** Wall time of an async function in milliseconds. */
export async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}
