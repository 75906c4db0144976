// "Same build, another Go version" for real: the sample built by the run service with the current go
// and with GOTOOLCHAIN=go1.24.0 (fetched through the module proxy when the module cache lacks it), then
// compared the way the Compare view and `gopsy diff` do. Also a version that does not exist, and a
// download cancelled half-way.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { BuildProfile, RunManifest } from '../../../src/shared/api';
import type { RunComparison } from '../../../src/shared/compare';
import { RunService } from '../../../src/main/services/runs/runService';
import { compareRunFiles } from '../../../src/main/services/compare/compareService';
import { loadComparedRun } from '../../../src/main/services/compare/loadCompared';
import { DirRunFiles } from '../../../src/main/services/runs/runFiles';
import { diffCommand } from '../../../src/cli/bundle';
import { writeBundle, type PlannedEntry } from '../../../src/main/services/bundles/bundleWriter';
import { BundleReader } from '../../../src/main/services/bundles/bundleReader';
import { BundleRunFiles, bundleRuns } from '../../../src/main/services/runs/runFiles';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { copySample, makeTemp, removeTemp, waitUntil } from '../../support/backend';

const OLD = 'go1.24.0';
let temp: string;
let project: string;
let storage: string;
let runs: RunService;
const output = new Map<string, string>();

const profile: BuildProfile = {
  name: 'Compare toolchains',
  target: 'build',
  packages: ['.'],
  privateCache: true,
  keepBinary: true,
  capture: { commands: false, work: false, actionGraph: true, trace: false, phases: true, remarks: true, rebuildReasons: false, compileCost: false, ssaFunc: 'example.com/inventory/store.(*Store).Value' },
};

async function build(env?: BuildProfile['env']): Promise<RunManifest> {
  const { done } = await runs.start(project, { ...profile, ...(env ? { env } : {}) });
  return done;
}

let current: RunManifest;
let older: RunManifest;
let c: RunComparison;

beforeAll(async () => {
  ({ temp, project } = await copySample('compare'));
  storage = await makeTemp('compare-storage');
  runs = new RunService(storage);
  runs.subscribe({ output: (id, d) => output.set(id, (output.get(id) ?? '') + d), status: () => {} });
  current = await build();
  older = await build({ GOTOOLCHAIN: OLD });
  const dir = (m: RunManifest) => new DirRunFiles(runs.store.runDir(project, m.id), 'project', `run ${m.id}`, project);
  c = await compareRunFiles(dir(older), dir(current), storage);
}, 600_000);
afterAll(async () => {
  await runs?.cancelAll();
  await removeTemp(temp);
  await removeTemp(storage);
});

describe(`the sample built with ${OLD} and with the current go`, () => {
  test('both builds succeeded, each with its own toolchain recorded', () => {
    expect(current.status).toBe('succeeded');
    expect(older.status).toBe('succeeded');
    expect(older.goVersion).toBe(OLD);
    expect(current.goVersion).toMatch(/^go1\.\d+/);
    expect(current.goVersion).not.toBe(OLD);
    expect(older.command.env.GOTOOLCHAIN).toBe(OLD);
    expect(older.command.shellLine).toContain(`GOTOOLCHAIN=${OLD}`);
    // The console says which toolchain was fetched or found before the build ran.
    expect(output.get(older.id)).toContain(`GOTOOLCHAIN=${OLD}`);
    expect(output.get(older.id)).toContain(`go version ${OLD}`);
  });

  test('the comparison names both toolchains', () => {
    expect(c.a.goVersion).toBe(OLD);
    expect(c.a.gotoolchain).toBe(OLD);
    expect(c.b.goVersion).toBe(current.goVersion);
  });

  test('timing per package and per compiler phase', () => {
    const t = c.timing;
    expect(t.a && t.b).toBe(true);
    const names = t.packages.map((p) => p.name);
    // Every package compiled on both sides (private caches): the sample's and the standard library's.
    expect(names).toEqual(expect.arrayContaining(['example.com/inventory', 'example.com/inventory/store', 'fmt', 'runtime']));
    const store = t.packages.find((p) => p.name === 'example.com/inventory/store')!;
    expect(store.aNs).toBeGreaterThan(0);
    expect(store.bNs).toBeGreaterThan(0);
    expect(t.phases.map((p) => p.name)).toEqual(expect.arrayContaining(['fe:parse', 'be:compilefuncs']));
    expect(t.totalA).toBeGreaterThan(0);
    expect(t.totalB).toBeGreaterThan(0);
    expect(t.wallA).toBeGreaterThan(0);
  });

  test('SSA of the same function from both, pass by pass', () => {
    expect(c.ssa.functions.map((f) => f.function)).toEqual(['example.com/inventory/store.(*Store).Value,1']);
    const f = c.ssa.functions[0]!;
    expect(f.passes.find((p) => p.pass === 'lower')).toMatchObject({ inA: true, inB: true });
    expect(f.genssaA).toBeGreaterThan(0);
    expect(f.genssaB).toBeGreaterThan(0);
  });

  test('remarks and binary size are compared', () => {
    expect(c.remarks.a && c.remarks.b).toBe(true);
    expect(c.remarks.matched).toBeGreaterThan(0);
    expect(c.binary.a && c.binary.b).toBe(true);
    expect(c.binary.binaryA).toBe('inventory');
    expect(c.binary.totalBefore).toBeGreaterThan(0);
    expect(c.binary.totalAfter).not.toBe(c.binary.totalBefore);
  });

  test('the two Go versions\' binaries compare as whole files: every byte attributed on each side', () => {
    const f = c.binary.file!;
    expect(f).toBeDefined();
    expect([f.fileBefore, f.fileAfter]).toEqual([c.binary.fileSizeA, c.binary.fileSizeB]);
    // Another Go version: another runtime, pclntab and DWARF.
    expect(f.sections.map((s) => s.name)).toEqual(expect.arrayContaining(['.text', '.gopclntab']));
    expect(f.packages.map((p) => p.name)).toContain('runtime');
    expect(f.unattributed.some((u) => u.name.startsWith('.debug_'))).toBe(true);
    // The changes add up: the packages' and unattributed parts' changes are the file's change.
    const changed = [...f.packages, ...f.unattributed].reduce((n, d) => n + d.delta, 0);
    expect(changed).toBe(f.fileAfter - f.fileBefore);
  });

  test('gopsy diff on the two run directories, text and --json', async () => {
    const a = runs.store.runDir(project, older.id);
    const b = runs.store.runDir(project, current.id);
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    let code: number | undefined;
    try {
      code = await diffCommand.run([a, b]);
    } finally {
      spy.mockRestore();
    }
    if (process.env.GOPSY_SHOW) process.stderr.write(out);
    expect(code).toBe(1);
    expect(out).toContain(`A  ${path.basename(a)}: ${OLD} (GOTOOLCHAIN=${OLD})`);
    expect(out).toMatch(/Build timing: \d+ packages, compile total/);
    expect(out).toContain('example.com/inventory/store.(*Store).Value,1:');
    expect(out).toMatch(/Binary size: inventory: symbols/);
    expect(out).toMatch(/^ {2}file +[\d.]+ KiB → [\d.]+ KiB \([+-][\d.]+ KiB\); not attributed/m);
    expect(out).toMatch(/Packages whose file bytes changed/);
    out = '';
    const spy2 = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    try {
      code = await diffCommand.run([a, b, '--json']);
    } finally {
      spy2.mockRestore();
    }
    const j = JSON.parse(out) as { comparison: RunComparison };
    expect(j.comparison.a.goVersion).toBe(OLD);
    expect(j.comparison.timing.packages.length).toBe(c.timing.packages.length);
  });
});

test('a run inside a bundle compares like the run directory it came from', async () => {
  const dir = runs.store.runDir(project, older.id);
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const entries: PlannedEntry[] = files.map((e) => {
    const rel = path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/');
    return { path: `runs/${older.id}/${rel}`, kind: rel === 'manifest.json' ? 'run-manifest' : 'run-artefact', from: { file: path.join(dir, rel) }, redact: false };
  });
  // A saved session carries the project's sources: remarks are attributed to functions from them.
  for (const e of await readdir(project, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith('.go')) continue;
    const rel = path.relative(project, path.join(e.parentPath, e.name)).split(path.sep).join('/');
    entries.push({ path: `sources/${rel}`, kind: 'source', from: { file: path.join(project, rel) }, redact: false });
  }
  const bundle = path.join(temp, 'older.gopsy');
  await writeBundle(bundle, entries, { project: { name: 'inventory' }, toolchain: null, redactions: [] });
  const reader = await BundleReader.open(bundle);
  try {
    expect((await bundleRuns(reader)).map((r) => r.dir)).toEqual([older.id]);
    const fromBundle = await compareRunFiles(new BundleRunFiles(reader, older.id, 'older.gopsy'), new DirRunFiles(runs.store.runDir(project, current.id), 'project', 'current', project), storage);
    expect(fromBundle.a.origin).toBe('bundle');
    expect(fromBundle.a.goVersion).toBe(OLD);
    // The same numbers as from the directory: nothing is lost in the bundle (the binary is copied out for nm).
    expect(fromBundle.timing.packages).toEqual(c.timing.packages);
    expect(fromBundle.remarks.counts).toEqual(c.remarks.counts);
    expect(fromBundle.ssa.functions).toEqual(c.ssa.functions);
    expect(fromBundle.binary.totalBefore).toBe(c.binary.totalBefore);
    expect(fromBundle.binary.file).toEqual(c.binary.file);
  } finally {
    reader.close();
  }
  // gopsy diff FILE.gopsy#RUN DIR
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  try {
    await diffCommand.run([`${bundle}#${older.id}`, runs.store.runDir(project, current.id), '--json']);
  } finally {
    spy.mockRestore();
  }
  expect((JSON.parse(out) as { comparison: RunComparison }).comparison.a).toMatchObject({ origin: 'bundle', goVersion: OLD });
});

test('a Go version that does not exist fails the run with a clear message, before any build', async () => {
  const m = await build({ GOTOOLCHAIN: 'go1.99.0' });
  expect(m.status).toBe('failed');
  expect(m.exitCode).not.toBe(0);
  expect(output.get(m.id)).toContain('Go go1.99.0 does not exist for this platform');
  expect(m.artefacts).not.toContain('build.jsonl');
}, 120_000);

test('a toolchain older than the go.mod asks for stops the build at once with the go command’s sentence', async () => {
  const { temp: t2, project: p2 } = await copySample('compare-gomod');
  try {
    const goMod = path.join(p2, 'go.mod');
    await writeFile(goMod, (await readFile(goMod, 'utf8')).replace(/^go 1\.\d+$/m, 'go 1.26'));
    const { done } = await runs.start(p2, { ...profile, env: { GOTOOLCHAIN: OLD } });
    const m = await done;
    expect(m.status).toBe('failed');
    expect(m.goVersion).toBe(OLD);
    expect(output.get(m.id)).toContain(`go.mod requires go >= 1.26 (running go 1.24.0; GOTOOLCHAIN=${OLD})`);
  } finally {
    await removeTemp(t2);
  }
}, 120_000);

test('a toolchain download shows in a run that exists at once, with its progress, and cancel stops it and cleans up', async () => {
  // A module proxy that sends the first 2 MiB of the zip and then nothing: the download lasts until
  // it is cancelled.
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if (!req.url?.endsWith('.zip')) return;
    res.writeHead(200, { 'Content-Type': 'application/zip' });
    res.write(Buffer.alloc(2 * 2 ** 20));
  });
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const modcache = await makeTemp('modcache-empty');
  try {
    const version = 'go1.22.12';
    // The go command gopsy starts inherits gopsy's environment (a profile sets only GOOS, GOFLAGS, ...).
    vi.stubEnv('GOPROXY', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    vi.stubEnv('GOMODCACHE', modcache);
    const { summary, done } = await runs.start(project, { ...profile, env: { GOTOOLCHAIN: version, GOFLAGS: '-modcacherw' } });
    expect(summary.status).toBe('running');
    expect(runs.isRunning(summary.id)).toBe(true);
    await waitUntil(() => requests.length > 0, 'the go command asking the proxy for the toolchain');
    expect(output.get(summary.id)).toContain(`GOTOOLCHAIN=${version}`);
    expect((await runs.list(project)).find((r) => r.id === summary.id)?.status).toBe('running');
    // The go command says nothing while it downloads; gopsy reads the size of its temp file.
    await waitUntil(() => /go1\.22\.12: 2\.0 MB downloaded so far/.test(output.get(summary.id) ?? ''), 'the download progress', 30_000);
    const zipDir = path.join(modcache, 'cache/download/golang.org/toolchain/@v');
    expect((await readdir(zipDir)).filter((n) => n.endsWith('.tmp'))).toHaveLength(1);

    await runs.cancel(summary.id);
    const m = await done;
    expect(m.status).toBe('cancelled');
    expect(runs.isRunning(m.id)).toBe(false);
    expect(output.get(m.id)).toContain(`cancelled while the go command was fetching ${version}`);
    // The killed go command's temp file is gone from the module cache.
    expect(output.get(m.id)).toContain('removed the 2.0 MB the stopped download left in the module cache');
    expect((await readdir(zipDir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(m.artefacts).not.toContain('build.jsonl');
    // The go command is gone: the proxy's connection to it closed.
    await waitUntil(() => [...sockets].every((s) => s.closed), 'the fetching go command to close its connection', 10_000);
  } finally {
    vi.unstubAllEnvs();
    for (const s of sockets) s.destroy();
    server.close();
    await removeTemp(modcache);
  }
}, 120_000);

test('remarks of a source that changed since the run are compared with a warning naming the file', async () => {
  const dirOf = (m: RunManifest) => new DirRunFiles(runs.store.runDir(project, m.id), 'project', `run ${m.id}`, project);
  const before = await loadComparedRun(dirOf(current), { tempDir: storage });
  expect(before.remarks!.length).toBeGreaterThan(0);
  expect(before.warnings.filter((w) => w.includes('changed since this run'))).toEqual([]);
  const file = path.join(project, 'store/store.go');
  const text = await readFile(file, 'utf8');
  try {
    // Two lines more at the top: every remark of store.go now points two lines above its code.
    await writeFile(file, `// edited\n// after the run\n${text}`);
    const after = await loadComparedRun(dirOf(current), { tempDir: storage });
    const said = after.warnings.filter((w) => w.includes('changed since this run'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^store\/store\.go changed since this run: its \d+ remarks are placed in functions by the text it has now/);
  } finally {
    await writeFile(file, text);
  }
});
