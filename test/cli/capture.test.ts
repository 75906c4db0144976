// `gopsy capture` (its run function, as bin/gopsy.js calls it) on a temp copy of the sample with the
// real toolchain: the exit code is the build's, and the run directory holds the manifest with status.
import { execFileSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import type { RunManifest } from '../../src/shared/api';
import { captureCommand } from '../../src/cli/capture';
import { parseActionGraph } from '../../src/core/build';
import { BundleReader } from '../../src/main/services/bundles/bundleReader';
import { copySample, removeTemp } from '../support/backend';

let temp: string;
let project: string;

beforeAll(async () => {
  ({ temp, project } = await copySample('capture-cli'));
});
afterAll(() => removeTemp(temp));

/** Runs the command with its console output captured (it writes the build's output to stdout). */
async function capture(argv: string[]): Promise<{ code: number | undefined; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => (err.push(String(c)), true));
  try {
    return { code: await captureCommand.run(argv), out: out.join(''), err: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const manifest = async (dir: string) => JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as RunManifest;

test('a passing build exits 0 and leaves a complete run directory', async () => {
  const out = path.join(temp, 'pass');
  const r = await capture([project, '--out', out, '--profile', 'Diagnose failure', '--compiler-profile', './store']);
  expect(r.code).toBe(0);
  expect(r.err).toContain(`run written to ${out}`);
  const m = await manifest(out);
  expect(m).toMatchObject({ status: 'succeeded', exitCode: 0, project });
  expect(m.profile.capture.cpuProfilePackage).toBe('./store');
  expect(m.artefacts).toEqual(expect.arrayContaining(['actiongraph.json', 'build.jsonl', 'console.txt', 'compile.cpuprof']));
});

test('a failing build exits with its code (1) and the manifest says failed', async () => {
  const out = path.join(temp, 'broken');
  const r = await capture([project, '--out', out, '--profile', 'Diagnose failure', '--tags', 'gopsy_broken']);
  expect(r.code).toBe(1);
  expect(r.out).toContain('broken/typeerror.go:11:9');
  expect(await manifest(out)).toMatchObject({ status: 'failed', exitCode: 1 });
});

test('usage errors are refused before anything runs', async () => {
  await expect(capture([project, '--out', path.join(temp, 'pass')])).rejects.toThrow(/already exists/);
  await expect(capture([project, '--out', path.join(temp, 'x'), '--compiler-profile', '-bad'])).rejects.toThrow(/cpuProfilePackage/);
});

test('with no go to run, the run fails at once and says so, instead of the pty\'s execvp error', async () => {
  const out = path.join(temp, 'no-go');
  const before = process.env.GOPSY_GO;
  process.env.GOPSY_GO = path.join(temp, 'no-such-dir', 'go');
  try {
    const r = await capture([project, '--out', out, '--profile', 'Diagnose failure']);
    expect(r.code).toBe(1);
    const said = `Go is not installed or not on PATH (looked for \`${process.env.GOPSY_GO}\`). Nothing was built.`;
    expect(r.out).toContain(said);
    expect(r.out).not.toContain('execvp');
    const m = await manifest(out);
    expect(m.status).toBe('failed');
    expect(m.exitCode).toBeUndefined();
    expect(await readFile(path.join(out, 'console.txt'), 'utf8')).toContain(said);
  } finally {
    if (before === undefined) delete process.env.GOPSY_GO;
    else process.env.GOPSY_GO = before;
  }
});

test('the recorded command names where the run stays (--out), and runs again as pasted', async () => {
  const out = path.join(temp, 'rerun');
  const r = await capture([project, '--out', out, '--profile', 'Diagnose failure']);
  expect(r.code).toBe(0);
  const m = await manifest(out);
  // The run was made in a temp folder next to --out, which is gone now.
  expect(m.command.shellLine).not.toContain('.gopsy-capture-');
  expect(m.command.shellLine).toContain(`-debug-actiongraph=${path.join(out, 'actiongraph.json')}`);
  expect(r.err).toContain(`gopsy: ${m.command.shellLine}\n`);
  await rm(path.join(out, 'actiongraph.json'));
  execFileSync('sh', ['-c', m.command.shellLine], { stdio: 'ignore' });
  expect(parseActionGraph(await readFile(path.join(out, 'actiongraph.json'), 'utf8')).actions.length).toBeGreaterThan(0);
});

test('a bundle\'s run records its command with <run> for the run directory, and says so', async () => {
  const out = path.join(temp, 'placeholder.gopsy');
  const r = await capture([project, '--out', out, '--profile', 'Diagnose failure']);
  expect(r.code).toBe(0);
  const reader = await BundleReader.open(out);
  try {
    const entry = reader.entries.find((e) => /^runs\/[^/]+\/manifest\.json$/.test(e.path))!;
    const m = JSON.parse((await reader.readEntry(entry.path, 1 << 20)).toString('utf8')) as RunManifest;
    expect(m.command.shellLine).not.toContain('.gopsy-capture-');
    expect(m.command.shellLine).toContain("'-debug-actiongraph=<run>/actiongraph.json'");
    expect(r.err).toContain('replace <run> with a folder of your own');
  } finally {
    reader.close();
  }
});

test('--quiet prints no console output, only the summary, and on a failure the compile errors', async () => {
  const loud = await capture([project, '--out', path.join(temp, 'loud'), '--profile', 'Diagnose failure']);
  expect(loud.out).toContain('WORK=');
  const quiet = await capture([project, '--out', path.join(temp, 'quiet'), '--profile', 'Diagnose failure', '--quiet']);
  expect(quiet.code).toBe(0);
  expect(quiet.out).toBe('');
  expect(quiet.err).toContain(`run written to ${path.join(temp, 'quiet')}`);
  // The run still keeps the whole console.
  expect(await readFile(path.join(temp, 'quiet', 'console.txt'), 'utf8')).toContain('WORK=');
  const broken = await capture([project, '--out', path.join(temp, 'quiet-broken'), '--profile', 'Diagnose failure', '--tags', 'gopsy_broken', '--quiet']);
  expect(broken.code).toBe(1);
  expect(broken.out).toContain('broken/typeerror.go:11:9');
  expect(broken.out).not.toContain('WORK=');
  expect(captureCommand.usage).toMatch(/--quiet +print only the command, the summary and the build's errors/);
});
