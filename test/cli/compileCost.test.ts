// `gopsy compile-cost` on a run's console transcript holding real -d=ssa/all/time output of
// test/fixtures/explain/src (scripts/fixtures-explain.mjs) among other build output.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { compileCostCommand } from '../../src/cli/compileCost';
import { compileCostFixture } from '../core/build/fixtures';
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
