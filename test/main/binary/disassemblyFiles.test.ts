// Disassembly source links when two project files share a base name: objdump prints only `util.go`
// for code inlined into a function, so the function's own folder (from the full path on objdump's
// TEXT line) decides between a/util.go and b/util.go. A real module built and disassembled.
import { mkdir, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BinaryService } from '../../../src/main/services/binary/binaryService';
import { makeTemp, removeTemp } from '../../support/backend';

const FILES: Record<string, string> = {
  'go.mod': 'module example.com/dup\n\ngo 1.22\n',
  'a/util.go': 'package a\n\nfunc squares(s []int) int {\n\tt := 0\n\tfor _, v := range s {\n\t\tt += v * v\n\t}\n\treturn t\n}\n',
  'a/run.go': 'package a\n\n//go:noinline\nfunc Run(s []int) int {\n\treturn squares(s) + 1\n}\n',
  'b/util.go': 'package b\n\n//go:noinline\nfunc Thrice(n int) int {\n\treturn n * 3\n}\n',
  'main.go': 'package main\n\nimport (\n\t"os"\n\n\t"example.com/dup/a"\n\t"example.com/dup/b"\n)\n\nfunc main() {\n\tos.Exit(a.Run([]int{len(os.Args)}) + b.Thrice(1))\n}\n',
};

let temp: string;
let root: string;

beforeAll(async () => {
  temp = await makeTemp('dup');
  root = await realpath(temp);
  for (const [rel, text] of Object.entries(FILES)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), text);
  }
});
afterAll(() => removeTemp(temp));

test('code inlined from a/util.go links to a/util.go, not to nothing because b/util.go exists', async () => {
  const service = new BinaryService(path.join(root, '.storage'));
  const built = await service.build(root);
  expect(built.ok, built.output).toBe(true);
  const byBase = new Map<string, string[]>();
  for (const rel of Object.keys(FILES).filter((f) => f.endsWith('.go'))) {
    byBase.set(path.basename(rel), [...(byBase.get(path.basename(rel)) ?? []), path.join(root, rel)]);
  }
  const fn = (await service.disassemble(root, built.analysis!.id, 'example.com/dup/a.Run', byBase))!;
  const inlined = fn.instructions.filter((i) => i.file === 'util.go');
  expect(inlined.length).toBeGreaterThan(0);
  expect(new Set(inlined.map((i) => i.path))).toEqual(new Set(['a/util.go']));
  expect(inlined.some((i) => FILES['a/util.go']!.split('\n')[i.line - 1]!.includes('t += v * v'))).toBe(true);
});
