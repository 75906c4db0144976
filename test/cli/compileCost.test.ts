// `gopsy compile-cost` on a run's console transcript holding real -d=ssa/all/time output of
// test/fixtures/explain/src (scripts/fixtures-explain.mjs) among other build output.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { compileCostCommand } from '../../src/cli/compileCost';
import { compileCostFixture, compileShapeFixture } from '../core/build/fixtures';
import { makeTemp, removeTemp } from '../support/backend';

let temp: string;
let run: string;

async function gopsy(args: string[]): Promise<{ code: number | undefined; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await compileCostCommand.run(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

beforeAll(async () => {
  temp = await makeTemp('compile-cost');
  run = path.join(temp, 'run');
  await mkdir(run);
  // -x lines (a heredoc's "# import config" among them) before the compiler's output, as the console shows them.
  const console = `mkdir -p $WORK/b001/\ncat >$WORK/b001/importcfg << 'EOF' # internal\n# import config\npackagefile fmt=/x/fmt.a\nEOF\n${compileCostFixture('time')}`;
  await writeFile(path.join(run, 'console.txt'), console);
});
afterAll(() => removeTemp(temp));

test('--json: every function, slowest first, with its passes', async () => {
  const r = await gopsy([run, '--json']);
  expect(r.code, r.err).toBe(0);
  const rows = JSON.parse(r.out) as Array<{ package: string; function: string; totalNs: number; passes: Array<{ name: string; ns: number }> }>;
  expect(rows.length).toBeGreaterThan(5);
  expect(rows.every((x, i) => i === 0 || rows[i - 1]!.totalNs >= x.totalNs)).toBe(true);
  expect(rows.every((x) => x.package.startsWith('example.org/x'))).toBe(true);
  const f = rows[0]!;
  expect(f.totalNs).toBe(f.passes.reduce((n, p) => n + p.ns, 0));
  expect(f.passes.map((p) => p.name)).toContain('regalloc');
});

test('text: the N slowest with their three slowest passes, then the total', async () => {
  const r = await gopsy([run, '--top', '2']);
  expect(r.code, r.err).toBe(0);
  const lines = r.out.trimEnd().split('\n');
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatch(/^ *\d+\.\d\d ms {2}example\.org\/x\S* \S+ {2}\(\S+:\d+(:\d+)?; \w+ \d+\.\d\d ms, \w+ \d+\.\d\d ms, \w+ \d+\.\d\d ms\)$/);
  expect(lines[2]).toMatch(/^\d+ functions, \d+\.\d\d ms in SSA passes in all; the 2 slowest shown$/);
});

test('a run with compile-cost.txt: read from there, not from its console', async () => {
  const own = path.join(temp, 'own');
  await mkdir(own);
  await writeFile(path.join(own, 'console.txt'), '# example.org/old\n./o.go:1:6: \tlower\tTIME(ns)\t5\tOld\n');
  await writeFile(path.join(own, 'compile-cost.txt'), compileCostFixture('time'));
  const r = await gopsy([own, '--json']);
  expect(r.code, r.err).toBe(0);
  const rows = JSON.parse(r.out) as Array<{ package: string; function: string }>;
  expect(rows.map((x) => x.function)).toContain('Balance');
  expect(rows.map((x) => x.function)).not.toContain('Old');
});

test('a run without pass times, and a bad --top, are refused', async () => {
  const empty = path.join(temp, 'empty');
  await mkdir(empty);
  await writeFile(path.join(empty, 'console.txt'), 'go build ./...\n');
  await expect(compileCostCommand.run([empty])).rejects.toThrow(
    `${empty} holds no SSA pass times: record them with a profile that has "Compile cost" ticked (-d=ssa/all/time on the project's packages).`,
  );
  await expect(compileCostCommand.run([run, '--top', '0'])).rejects.toThrow('--top takes a positive whole number');
});

test('shapes: a dominating function names its shape and the pass that explodes, from the run\'s project sources or --source', async () => {
  const { time, sources } = compileShapeFixture();
  const project = path.join(temp, 'shapes-project');
  for (const [rel, text] of sources) {
    await mkdir(path.join(project, path.dirname(rel)), { recursive: true });
    await writeFile(path.join(project, rel), text);
  }
  const shapedRun = path.join(temp, 'shaped-run');
  await mkdir(shapedRun);
  await writeFile(path.join(shapedRun, 'compile-cost.txt'), time);
  await writeFile(path.join(shapedRun, 'manifest.json'), JSON.stringify({ project }));
  const r = await gopsy([shapedRun, '--json']);
  expect(r.code, r.err).toBe(0);
  type Row = { function: string; passes: Array<{ name: string; ns: number }>; totalNs: number; shape?: { kind: string; pass: string; share: number; detail: string } };
  const rows = JSON.parse(r.out) as Row[];
  const byName = new Map(rows.map((x) => [x.function, x]));
  expect(byName.get('Classify')!.shape!.kind).toBe('switch-chain');
  expect(byName.get('Table')!.shape!.kind).toBe('composite-literal');
  expect(byName.get('Grade')!.shape!.kind).toBe('if-chain');
  expect(byName.get('Churn')!.shape!.kind).toBe('huge-function');
  for (const f of ['Classify', 'Table', 'Grade', 'Churn']) {
    const row = byName.get(f)!;
    const top = [...row.passes].sort((a, b) => b.ns - a.ns)[0]!;
    expect(row.shape!.pass).toBe(top.name);
    expect(row.shape!.share).toBeCloseTo(top.ns / row.totalNs, 6);
  }
  expect(rows.filter((x) => x.shape)).toHaveLength(4);

  // A saved output file: shapes only with --source; the text names the shape under its function.
  const file = path.join(temp, 'shapes-time.txt');
  await writeFile(file, time);
  const plain = JSON.parse((await gopsy([file, '--json'])).out) as Row[];
  expect(plain.filter((x) => x.shape)).toHaveLength(0);
  const text = await gopsy([file, '--source', project]);
  expect(text.code, text.err).toBe(0);
  expect(text.out).toMatch(/ Classify {2}\(switchy\/switchy\.go:\d+:\d+; .*\)\n +! dominates its package: a switch of 3,000 cases \([\d,]+ lines\): \w+ takes \d+% of its SSA time\n/);
});
