// Comparing two builds of a module with three commands: -bench labels each command's compile `main`,
// so the comparison must pair them by import path (from the action graph), not by build order. The
// commands change size between the two runs, so they finish compiling in a different order.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BUILT_IN_PROFILES } from '../../../src/main/services/runs/profiles';
import { RunService } from '../../../src/main/services/runs/runService';
import { DirRunFiles } from '../../../src/main/services/runs/runFiles';
import { loadComparedRun } from '../../../src/main/services/compare/loadCompared';
import { compareRunFiles } from '../../../src/main/services/compare/compareService';
import type { BuildProfile } from '../../../src/shared/build';
import { makeTemp, removeTemp } from '../../support/backend';

const COMMANDS = ['alpha', 'beta', 'gamma'];
const MODULE = 'example.com/threecmds';

/** A command of `funcs` functions; the token keeps the build cache from serving an earlier compile. */
function command(name: string, funcs: number, token: string): string {
  const body = Array.from({ length: funcs }, (_, i) => `func f${i}() { fmt.Println(${i}, "${name}", "${token}") }\n`).join('');
  return `package main\n\nimport "fmt"\n\n${body}func main() { f0() }\n`;
}

/** What -bench's fe:parse reports as lines for a one-file package: its newlines plus one. */
const linesOf = (text: string) => text.split('\n').length;

let temp: string;
let project: string;
let runs: RunService;
const sources: Array<Record<string, string>> = [];
const runDirs: string[] = [];

async function captureWith(sizes: Record<string, number>): Promise<void> {
  const token = `${Date.now()}-${Math.random()}`;
  const texts: Record<string, string> = {};
  for (const c of COMMANDS) {
    texts[c] = command(c, sizes[c]!, token);
    await writeFile(path.join(project, 'cmd', c, 'main.go'), texts[c]!);
  }
  sources.push(texts);
  // The shared build cache: the token makes the three commands compile, the standard library is cached.
  const profile: BuildProfile = { ...structuredClone(BUILT_IN_PROFILES.find((p) => p.name === 'Build timing')!), privateCache: false };
  const { done } = await runs.start(project, profile);
  const m = await done;
  expect(m.status).toBe('succeeded');
  runDirs.push(runs.store.runDir(project, m.id));
}

beforeAll(async () => {
  temp = await makeTemp('mains');
  project = path.join(temp, 'mod');
  for (const c of COMMANDS) await mkdir(path.join(project, 'cmd', c), { recursive: true });
  await writeFile(path.join(project, 'go.mod'), `module ${MODULE}\n\ngo 1.22\n`);
  runs = new RunService(path.join(temp, 'storage'));
  // First gamma is the big one (it ends last), then alpha: the numbered order changes between runs.
  await captureWith({ alpha: 2, beta: 40, gamma: 300 });
  await captureWith({ alpha: 300, beta: 40, gamma: 2 });
}, 300_000);
afterAll(() => removeTemp(temp));

test('each side names its main compiles by import path, each with its own source lines', async () => {
  for (const [i, dir] of runDirs.entries()) {
    const side = await loadComparedRun(new DirRunFiles(dir, 'directory', `run ${i}`), { tempDir: path.join(temp, 'cmp') });
    for (const c of COMMANDS) {
      const p = side.phases!.find((x) => x.package === `${MODULE}/cmd/${c}`);
      expect(p, `${c} in run ${i}`).toBeDefined();
      expect(p!.lines, `${c} in run ${i}`).toBe(linesOf(sources[i]![c]!));
    }
    expect(side.phases!.filter((x) => /^main\b/.test(x.package))).toEqual([]);
  }
});

test('the timing comparison pairs the same command on both sides', async () => {
  const cmp = await compareRunFiles(new DirRunFiles(runDirs[0]!, 'directory', 'A'), new DirRunFiles(runDirs[1]!, 'directory', 'B'), path.join(temp, 'storage'));
  for (const c of COMMANDS) {
    const row = cmp.timing.packages.find((r) => r.name === `${MODULE}/cmd/${c}`);
    expect(row?.aNs, c).toBeGreaterThan(0);
    expect(row?.bNs, c).toBeGreaterThan(0);
  }
  expect(cmp.timing.packages.filter((r) => /^main\b/.test(r.name))).toEqual([]);
});
