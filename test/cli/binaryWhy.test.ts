// `gopsy binary why` on a run's out/<name> with the -dumpdep graph beside out/ (the fixture of
// test/fixtures/dumpdep): the JSON shape, the exit status for a missing target, an ambiguous name, a
// binary with no graph, and the usage. The real run and its source lines: test/main/binary/binaryWhy.test.ts.
import { mkdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { binaryCommand } from '../../src/cli/binary';
import { makeTemp, removeTemp } from '../support/backend';
import { runCli } from '../support/cliOutput';

let dir: string;
let bin: string;

beforeAll(async () => {
  dir = await makeTemp('cli-why');
  await mkdir(path.join(dir, 'out'));
  bin = path.join(dir, 'out', 'reflectmethod');
  // Not a Go binary: `why --json` reads only the graph; the text form finds no source lines in it.
  await writeFile(bin, '#!/bin/sh\n', { mode: 0o755 });
  const text = gunzipSync(readFileSync(path.join(__dirname, '../fixtures/dumpdep/reflectmethod.txt.gz'))).toString('utf8');
  await writeFile(path.join(dir, 'dumpdep.txt'), text);
});
afterAll(() => removeTemp(dir));

const run = (argv: string[]) => runCli(binaryCommand, argv);

test('--json: {target, chain: [{from, to}], root} and the culprits', async () => {
  const r = await run(['why', bin, 'main.T.Unused', '--json']);
  expect(r.code).toBe(0);
  const json = JSON.parse(r.out) as { target: string; root: string; chain: unknown[]; culprits: Array<{ kind: string }> };
  expect(json).toMatchObject({ target: 'main.T.Unused', root: '_rt0_amd64_linux', kind: 'symbol' });
  expect(json.chain.at(-1)).toEqual({ from: 'type:main.T', to: 'main.T.Unused' });
  expect(json.culprits.map((c) => c.kind)).toContain('reflect-method');
});

test('text: the chain from the root, one step a line', async () => {
  const r = await run(['why', bin, 'reflect']);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/^reflect is in the binary: the linker kept reflect\.\S+ through\n {2}_rt0_amd64_linux {2}\[root\]\n/);
  expect(r.out).toContain('  → main.main\n');
});

test('a target not in the binary, an ambiguous name, no graph: said on stderr, exit 1', async () => {
  const missing = await run(['why', bin, 'net/http', '--json']);
  expect(missing).toMatchObject({ code: 1, out: '' });
  expect(missing.err).toMatch(/^gopsy binary why: net\/http is not in the binary/);
  const ambiguous = await run(['why', bin, 'Hello']);
  expect(ambiguous.code).toBe(1);
  expect(ambiguous.err).toContain('main.T.Hello');
  const loose = path.join(dir, 'reflectmethod');
  await writeFile(loose, '#!/bin/sh\n', { mode: 0o755 });
  const none = await run(['why', loose, 'main.main']);
  expect(none.code).toBe(1);
  expect(none.err).toMatch(/No reachability graph was recorded for reflectmethod\. .*"Build the binary"/);
  await expect(run(['why', bin])).rejects.toThrow(/why takes a binary and a symbol or package/);
});
