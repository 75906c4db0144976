// The built `gopsy` analysis commands on what a user hands them: a run directory, the bundle
// `gopsy capture --out FILE.gopsy` writes (also FILE.gopsy#RUN), an input without the data the command
// reads, and bad input (not a module, missing file, garbage, a zip that is no bundle). Real builds of the
// sample; every refusal is one line on stderr with exit status 1 (diff: 2), never a stack trace.
import { existsSync } from 'node:fs';
import { mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILT_IN_PROFILES } from '../../src/main/services/runs/profiles';
import { RunService } from '../../src/main/services/runs/runService';
import { writeCaptureBundle } from '../../src/main/services/bundles/captureBundle';
import { ZipWriter } from '../../src/main/services/bundles/zipWriter';
import type { BuildProfile } from '../../src/shared/build';
import { copySample, removeTemp } from '../support/backend';
import { gopsy } from '../support/gopsyCli';

const REPO = path.resolve(__dirname, '../..');

/** A refusal: non-zero, one line, no JavaScript stack. */
function expectOneLineRefusal(r: { code: number; err: string }, what: string, code = 1): void {
  expect(r.code, what).toBe(code);
  expect(r.err, what).not.toMatch(/^\s+at /m);
  expect(r.err.trim().split('\n'), `${what}: ${r.err}`).toHaveLength(1);
}

let temp: string;
let project: string;
/** Optimisation details + the kept binary + the SSA of main: every kind of data. */
let full: string;
/** The same run as a directory. */
let fullDir: string;
/** Build timing only: no remarks, no binary, no SSA. */
let timing: string;
let timingDir: string;
let fullId: string;

beforeAll(async () => {
  if (!existsSync(path.join(REPO, 'out/main/cli.js'))) throw new Error('run npm run build first (these tests run the built CLI)');
  ({ temp, project } = await copySample('cli-input'));
  const runs = new RunService(path.join(temp, 'storage'));
  const profile = (name: string, extra: Partial<BuildProfile>): BuildProfile => ({ ...structuredClone(BUILT_IN_PROFILES.find((p) => p.name === name)!), privateCache: false, ...extra });
  const capture = async (p: BuildProfile, file: string): Promise<[string, string]> => {
    const { done } = await runs.start(project, p);
    const m = await done;
    expect(m.status).toBe('succeeded');
    const dir = runs.store.runDir(project, m.id);
    await writeCaptureBundle(file, project, m, dir, { noReplace: true });
    return [dir, m.id];
  };
  const opt = profile('Optimisation details', { keepBinary: true, packages: ['.'] });
  [fullDir, fullId] = await capture({ ...opt, capture: { ...opt.capture, ssaFunc: 'main' } }, (full = path.join(temp, 'full.gopsy')));
  [timingDir] = await capture(profile('Build timing', { packages: ['.'] }), (timing = path.join(temp, 'timing.gopsy')));
}, 300_000);
afterAll(() => removeTemp(temp));

describe('a bundle is a RUN like a run directory', () => {
  test('remarks of a bundle are the remarks of its run directory', async () => {
    const [fromBundle, fromDir, named] = await Promise.all([gopsy(['remarks', full], temp), gopsy(['remarks', fullDir], temp), gopsy(['remarks', `${full}#${fullId}`], temp)]);
    expect(fromBundle.code, fromBundle.err).toBe(0);
    const count = (out: string) => Number(/^(\d+) remarks/m.exec(out)?.[1]);
    expect(count(fromBundle.out)).toBeGreaterThan(100);
    expect(count(fromBundle.out)).toBe(count(fromDir.out));
    expect(count(named.out)).toBe(count(fromDir.out));
    // Function names come from the sources the bundle carries.
    expect(fromBundle.out).toMatch(/store\.go:\d+:\d+: \w+ in \(\*Store\)\.\w+/);
  });

  test('binary of a bundle analyses the binary its run kept', async () => {
    const [b, d] = await Promise.all([gopsy(['binary', full, '--json'], temp), gopsy(['binary', fullDir, '--json'], temp)]);
    expect(b.code, b.err).toBe(0);
    const jb = JSON.parse(b.out) as { name: string; symbolTotal: number; buildInfo: { path: string } };
    const jd = JSON.parse(d.out) as { symbolTotal: number };
    expect(jb.name).toBe('inventory');
    expect(jb.buildInfo.path).toBe('example.com/inventory');
    expect(jb.symbolTotal).toBe(jd.symbolTotal);
  });

  test('ssa of a bundle reads its run\'s ssa/ folder', async () => {
    const [b, d] = await Promise.all([gopsy(['ssa', full], temp), gopsy(['ssa', fullDir], temp)]);
    expect(b.code, b.err).toBe(0);
    expect(b.out.split('\n')[0]).toMatch(/^main/);
    expect(b.out).toMatch(/^lower +\d+ blocks/m);
    expect(b.out).toBe(d.out);
  });

  test('diff takes a bundle and a run directory', async () => {
    const r = await gopsy(['diff', timing, fullDir], temp);
    expect([0, 1]).toContain(r.code);
    expect(r.err).not.toMatch(/^\s+at /m);
  });
});

describe('an input without the data the command reads is refused', () => {
  test.each([
    ['remarks', () => timing, /no optimisation remarks: the profile "Build timing" does not capture -json/],
    ['remarks', () => timingDir, /no optimisation remarks: the profile "Build timing"/],
    ['binary', () => timing, /no binary: the profile "Build timing" does not keep it/],
    ['binary', () => timingDir, /no binary/],
    ['ssa', () => timing, /no SSA/],
    ['ssa', () => timingDir, /no SSA/],
    ['remarks', () => `${full}#nosuchrun`, /has no run nosuchrun \(it has: /],
  ])('%s %s', async (cmd, input, message) => {
    const r = await gopsy([cmd, input()], temp);
    expectOneLineRefusal(r, `${cmd} ${input()}`);
    expect(r.err).toMatch(message);
  });
});

describe('bad input is one line, never a stack trace', () => {
  let bad: Record<string, string>;
  beforeAll(async () => {
    bad = { notModule: path.join(temp, 'not-a-module'), garbage: path.join(temp, 'garbage.gopsy'), text: path.join(temp, 'notes.txt'), zip: path.join(temp, 'other.zip') };
    await mkdir(bad.notModule!, { recursive: true });
    await writeFile(path.join(bad.notModule!, 'x.go'), 'package x\n');
    await writeFile(bad.garbage!, 'this is not a zip file\n');
    await writeFile(bad.text!, 'nothing the compiler said\n');
    // A real zip that is no gopsy bundle: no manifest.json.
    const fh = await open(bad.zip!, 'w');
    try {
      const zip = new ZipWriter(fh);
      await zip.add('readme.txt', [Buffer.from('hello\n')], { mtime: new Date(), mode: 0o100644 });
      await zip.end();
    } finally {
      await fh.close();
    }
  });

  test.each([
    [['ssa', 'capture', 'NOTMODULE', '--func', 'main', '--out', 'o'], /go\.mod file not found/],
    [['ssa', 'capture', 'MISSING', '--func', 'main', '--out', 'o'], /is not a folder/],
    [['godebug', 'check', 'gctrace=1', '--toolchain', 'MISSING'], /--toolchain: .* does not exist/],
    [['godebug', 'parse', 'MISSING'], /cannot read/],
    [['remarks', 'MISSING'], /does not exist/],
    [['binary', 'MISSING'], /does not exist/],
    [['ssa', 'MISSING'], /does not exist/],
    [['remarks', 'GARBAGE'], /not a readable zip file/],
    [['binary', 'GARBAGE'], /not a readable zip file/],
    [['ssa', 'GARBAGE'], /not a readable zip file/],
    [['remarks', 'TEXT'], /holds no compiler remarks/],
    [['binary', 'TEXT'], /could not read/],
    [['ssa', 'TEXT'], /neither a directory of SSA files/],
    [['remarks', 'ZIP'], /not a gopsy bundle/],
    [['binary', 'ZIP'], /not a gopsy bundle/],
    [['ssa', 'ZIP'], /not a gopsy bundle/],
  ])('%j', async (args, message) => {
    const names: Record<string, string> = { NOTMODULE: bad.notModule!, MISSING: path.join(temp, 'missing.gopsy'), GARBAGE: bad.garbage!, TEXT: bad.text!, ZIP: bad.zip! };
    const argv = args.map((a) => names[a] ?? a);
    const r = await gopsy(argv, temp);
    expectOneLineRefusal(r, argv.join(' '));
    expect(r.err).toMatch(message);
  });

  test('diff and inspect refuse with exit 2 and one line', async () => {
    expectOneLineRefusal(await gopsy(['diff', bad.zip!, bad.text!], temp), 'diff', 2);
    expectOneLineRefusal(await gopsy(['inspect', bad.garbage!], temp), 'inspect', 2);
  });
});
