// What the backend holds once a large run's remarks are loaded (as the Remarks view loads them), against
// the size of the run's logopt files in the same run: the remarks of `go build -a std`. Before the
// loaded run kept every file's bytes for the escape flows (about 1× the files on top of the remarks);
// now it keeps their line offsets and reads a flow from disk when a view asks.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, test } from 'vitest';
import { RemarkIndex, readLogopt, withFlow, type LazyRemark } from '../src/core/remarks';
import { loadRemarks } from '../src/main/services/remarks/loadRemarks';
import { recordBench } from './report';
import { STD_REMARKS, stdLogopt } from './stdRemarks';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MiB = 2 ** 20;

/** JS heap plus buffers outside it, after full collections: what stays. */
function held(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

test('backend memory held by a loaded run of -a std remarks vs the size of its logopt files', async () => {
  const dir = stdLogopt();
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const input = files.reduce((n, f) => n + statSync(path.join(dir, f)).size, 0);

  // As the service loads a run (every line checked, functions attributed, the index built).
  let before = held();
  let loaded: Awaited<ReturnType<typeof loadRemarks>> | null = await loadRemarks(STD_REMARKS);
  let index: RemarkIndex | null = new RemarkIndex(loaded.remarks);
  index.almostInlined();
  const ours = held() - before;
  const count = index.all.length;
  // A view asks for flows: they are read from disk and give real steps.
  const steps = index.all.slice(0, 2000).reduce((n, r) => n + withFlow(r).flow.length, 0);
  expect(steps).toBeGreaterThan(0);
  loaded = null;
  index = null;

  // The reader before this change, for reference: the files' bytes kept for the flows.
  before = held();
  let kept: LazyRemark[] | null = [];
  for (const f of files) for (const r of readLogopt(readFileSync(path.join(dir, f)), f).remarks) kept.push(r);
  let oldIndex: RemarkIndex | null = new RemarkIndex(kept);
  oldIndex.almostInlined();
  const old = held() - before;
  kept = null;
  oldIndex = null;

  const ratio = ours / input;
  recordBench('backend-memory', [
    {
      name: `remarks: backend memory held by a loaded run (${count} remarks of go build -a std) vs the size of its logopt files`,
      baseline: { label: `logopt files (${files.length})`, value: Number((input / MiB).toFixed(1)) },
      measured: { label: 'held after loading (JS heap + buffers, after GC)', value: Number((ours / MiB).toFixed(1)) },
      unit: 'MiB',
      ratio: Number(ratio.toFixed(3)),
      goal: '≤ 0.5× the files (what is not on screen is not in memory: flows stay on disk)',
      met: ratio <= 0.5,
      notes:
        `the same files read the way before this change (each file's bytes kept for its escape flows): ${(old / MiB).toFixed(1)} MiB held (${(old / input).toFixed(2)}× the files). ` +
        `Flows of the first 2000 remarks read back from disk: ${steps} steps. On gopls v0.20.0's "Optimisation details" run (247,956 remarks, 415 MiB of logopt) the backend held 417 MiB of buffers before and 3 MiB after.`,
    },
  ]);
});
