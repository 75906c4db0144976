// gopsy on a real module nobody here wrote: go-internal (30 packages, five commands, three dependency
// modules), fetched through the module proxy by scripts/real-module.mjs and cached in .tools/modules.
// Every number gopsy shows is checked against the toolchain's own answer: `go list` for the packages and
// their files, the compiler's -m text for the remarks, Go's debug/elf for the binary's sections.
import { execFileSync } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { realModuleDir } from '../../scripts/real-module.mjs';
import { classifyText } from '../../src/core/remarks';
import { analyseFile } from '../../src/main/services/binary/binaryService';
import { runBinaries } from '../../src/main/services/binary/runBinaries';
import { compareRunFiles } from '../../src/main/services/compare/compareService';
import { DirRunFiles } from '../../src/main/services/runs/runFiles';
import { RemarksService } from '../../src/main/services/remarks/remarksService';
import { BUILT_IN_PROFILES } from '../../src/main/services/runs/profiles';
import { RunService } from '../../src/main/services/runs/runService';
import type { BuildProfile, RunDetail } from '../../src/shared/build';
import { elfSections } from '../support/elfSections';
import { makeTemp, removeTemp, stringEnv } from '../support/backend';

const MODULE = 'github.com/rogpeppe/go-internal';
const profile = (name: string, patch: Partial<BuildProfile> = {}): BuildProfile => ({
  ...structuredClone(BUILT_IN_PROFILES.find((p) => p.name === name)!),
  ...patch,
});

interface ListedPackage {
  ImportPath: string;
  Name: string;
  Dir: string;
  GoFiles?: string[];
  Standard?: boolean;
}

let temp: string;
let project: string;
let runs: RunService;
let listed: ListedPackage[];
let deps: ListedPackage[];
let full: RunDetail;

const go = (args: string[], env: Record<string, string> = {}) =>
  execFileSync('go', args, {
    cwd: project,
    encoding: 'utf8',
    env: stringEnv({ GOFLAGS: '', ...env }),
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
const goList = (args: string[]): ListedPackage[] =>
  go(['list', '-json', ...args])
    .split(/\n(?=\{)/)
    .filter((s) => s.trim())
    .map((s) => JSON.parse(s) as ListedPackage);

async function captured(p: BuildProfile): Promise<RunDetail> {
  const { done } = await runs.start(project, p);
  const m = await done;
  expect(m.status, `${p.name}: ${m.status}`).toBe('succeeded');
  return runs.detail(project, m.id);
}

beforeAll(async () => {
  temp = await makeTemp('real-module');
  project = path.join(temp, 'go-internal');
  await cp(realModuleDir(), project, { recursive: true });
  runs = new RunService(path.join(temp, 'storage'));
  listed = goList(['./...']);
  deps = goList(['-deps', './...']);
  // Every package compiled (private cache) with remarks and phase times: the view a user opens first.
  full = await captured(profile('Optimisation details'));
}, 900_000);
afterAll(async () => {
  await runs?.cancelAll();
  await removeTemp(temp);
});

describe('a real module: go-internal', () => {
  test('has the shape these tests rely on: dozens of packages, several commands', () => {
    expect(listed.length).toBeGreaterThanOrEqual(25);
    expect(listed.filter((p) => p.Name === 'main').length).toBeGreaterThanOrEqual(4);
  });

  test('the timeline compiles exactly the packages go list names, each once, by import path', () => {
    const compiled = full.timeline!.bars.filter((b) => b.mode === 'build').map((b) => b.package);
    // unsafe is the one package the go command never compiles.
    const expected = deps.map((p) => p.ImportPath).filter((p) => p !== 'unsafe');
    expect(new Set(compiled)).toEqual(new Set(expected));
    expect(compiled.length).toBe(expected.length);
    expect(full.cachedPackages).toEqual([]);
  });

  test('the compile table names every command by its import path, with the lines go list says it has', async () => {
    const byName = new Map(full.phases.map((p) => [p.package, p]));
    expect(full.phases.filter((p) => /^main\b/.test(p.package))).toEqual([]);
    for (const pkg of listed) {
      const row = byName.get(pkg.ImportPath);
      expect(row, pkg.ImportPath).toBeDefined();
      // The compiler's fe:parse counts each file's lines up to its end (a final newline opens one more).
      let lines = 0;
      for (const f of pkg.GoFiles ?? [])
        lines += (await readFile(path.join(pkg.Dir, f), 'utf8')).split('\n').length;
      expect(row!.lines, pkg.ImportPath).toBe(lines);
    }
  });

  test("remarks match the compiler's own -m text, line by line, for a whole package", async () => {
    const pkg = `${MODULE}/testscript`;
    // Other flags than the capture's make the go command compile this package again (the rest is cached).
    const text = execFileSync('sh', ['-c', `go build -gcflags='${pkg}=-m' ${pkg} 2>&1`], {
      cwd: project,
      encoding: 'utf8',
      env: stringEnv({ GOFLAGS: '' }),
    });
    const fromText = new Map<string, number>();
    for (const line of text.split('\n')) {
      const m = /^(testscript\/[^/:]+\.go):(\d+):\d+: (.*)$/.exec(line);
      if (!m || classifyText(m[3]!).kind !== 'escape') continue;
      const key = `${m[1]}:${m[2]}`;
      fromText.set(key, (fromText.get(key) ?? 0) + 1);
    }
    const remarks = await new RemarksService(runs).index(project, full.manifest.id);
    const fromGopsy = new Map<string, number>();
    for (const r of remarks.all) {
      if (r.kind !== 'escape' || !/^testscript\/[^/]+\.go$/.test(r.path ?? '')) continue;
      const key = `${r.path}:${r.line}`;
      fromGopsy.set(key, (fromGopsy.get(key) ?? 0) + 1);
    }
    expect(fromText.size).toBeGreaterThan(20);
    expect(fromGopsy).toEqual(fromText);
  });
});

describe('the binary of one of its commands', () => {
  test(
    'sizes: memory-only bytes apart, the file bytes within the sections that have bytes',
    { timeout: 600_000 },
    async () => {
      const run = await captured(profile('Build the binary', { packages: ['./cmd/testscript'] }));
      const [bin] = await runBinaries(runs.store.runDir(project, run.manifest.id));
      expect(bin, 'the kept binary').toBeDefined();
      const { analysis } = await analyseFile(bin!.file, project, {
        id: 'testscript',
        name: bin!.name,
        location: bin!.file,
        fileSize: bin!.size,
      });
      const sections = elfSections(bin!.file, temp);
      const nobits = sections.filter((s) => s.Alloc && s.Type === 8);
      const withBytes = sections.filter((s) => s.Alloc && s.Type !== 8);
      expect(nobits.map((s) => s.Name)).toEqual(expect.arrayContaining(['.bss', '.noptrbss']));
      expect(analysis.memoryOnlyTotal).toBeGreaterThan(0);
      expect(analysis.memoryOnlyTotal).toBeLessThanOrEqual(nobits.reduce((n, s) => n + s.Size, 0));
      expect(analysis.symbolTotal).toBeLessThanOrEqual(withBytes.reduce((n, s) => n + s.Size, 0));
      expect(analysis.tree.size).toBe(analysis.symbolTotal);
      expect(analysis.fileSize).toBe(bin!.size);
    },
  );
});

describe('two runs with an edit between them', () => {
  test('compare pairs every command by import path and sees the edited package grow', async () => {
    // Phase times name their output file in -gcflags, so every capture compiles everything again: the
    // second run is a full build like the first, after three lines were added to one package.
    const file = path.join(project, 'txtar', 'archive.go');
    await writeFile(
      file,
      `${await readFile(file, 'utf8')}\n// edited between the two runs\nfunc gopsyEdited() int { return 42 }\n`,
    );
    const b = await captured(profile('Build timing'));
    const cmp = await compareRunFiles(
      new DirRunFiles(runs.store.runDir(project, full.manifest.id), 'directory', 'A'),
      new DirRunFiles(runs.store.runDir(project, b.manifest.id), 'directory', 'B'),
      path.join(temp, 'storage'),
    );
    expect(cmp.timing.packages.filter((r) => /^main\b/.test(r.name))).toEqual([]);
    for (const cmd of listed.filter((p) => p.Name === 'main')) {
      const row = cmp.timing.packages.find((r) => r.name === cmd.ImportPath);
      expect(row?.aNs, cmd.ImportPath).toBeGreaterThan(0);
      expect(row?.bNs, cmd.ImportPath).toBeGreaterThan(0);
    }
    const lines = (d: RunDetail) => d.phases.find((p) => p.package === `${MODULE}/txtar`)?.lines ?? NaN;
    expect(lines(b) - lines(full)).toBe(3);
  }, 900_000);
});
