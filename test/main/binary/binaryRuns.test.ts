// Binaries kept by build runs, with the real toolchain: the "Build the binary" profile keeps the
// inventory binary under the run's out/; the Binary service and `gopsy binary RUN` analyse it; a second
// run after the store package grew gives a size diff (service and `gopsy binary diff`) naming the
// package and symbols that grew.
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { binaryCommand } from '../../../src/cli/binary';
import { BinaryService } from '../../../src/main/services/binary/binaryService';
import { runBinaries } from '../../../src/main/services/binary/runBinaries';
import { BUILT_IN_PROFILES } from '../../../src/main/services/runs/profiles';
import { RunService } from '../../../src/main/services/runs/runService';
import type { BuildProfile, RunManifest } from '../../../src/shared/build';
import { copySample, makeTemp, removeTemp } from '../../support/backend';

const keepProfile = (): BuildProfile => structuredClone(BUILT_IN_PROFILES.find((p) => p.name === 'Build the binary')!);

/** Data and code the store package gains for the second run; its init keeps them reachable. */
const GROWTH = `package store

import "os"

var growthTable = [...]uint64{${Array.from({ length: 2000 }, (_, i) => i * 7 + 1).join(', ')}}

func init() {
	if len(os.Args) > 1000 {
		println(growthTable[len(os.Args)])
	}
}
`;

async function cli(argv: string[]): Promise<{ code: number | undefined; out: string }> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (chunks.push(String(c)), true));
  try {
    return { code: await binaryCommand.run(argv), out: chunks.join('') };
  } finally {
    spy.mockRestore();
  }
}

describe('binaries kept by runs', () => {
  let temp: string;
  let project: string;
  let storage: string;
  let runs: RunService;
  let first: RunManifest;
  let second: RunManifest;
  const dir = (m: RunManifest) => runs.store.runDir(project, m.id);

  beforeAll(async () => {
    ({ temp, project } = await copySample('binruns'));
    storage = await makeTemp('binruns-storage');
    runs = new RunService(storage);
    first = await (await runs.start(project, keepProfile())).done;
    await writeFile(path.join(project, 'store', 'growth.go'), GROWTH);
    second = await (await runs.start(project, keepProfile())).done;
  });
  afterAll(async () => {
    await runs?.cancelAll();
    await removeTemp(temp);
    await removeTemp(storage);
  });

  it('keeps the binary under out/ and lists it as an artefact', async () => {
    expect(first.status).toBe('succeeded');
    expect(first.command.argv).toContain(path.join(dir(first), 'out') + path.sep);
    expect(first.artefacts).toContain('out/');
    expect((await runBinaries(dir(first))).map((b) => b.name)).toEqual(['inventory']);
  });

  it('the Binary service analyses a run binary', async () => {
    const service = new BinaryService(path.join(storage, 'bs'));
    const a = await service.openRun(project, first.id, path.join(dir(first), 'out', 'inventory'));
    expect(a.location).toBe(`run ${first.id}: out/inventory`);
    expect(a.buildInfo?.path).toBe('example.com/inventory');
    const b = await service.openRun(project, second.id, path.join(dir(second), 'out', 'inventory'));
    const diff = await service.diff(a.id, b.id);
    expect(diff.totalAfter).toBeGreaterThan(diff.totalBefore);
    expect(diff.packages[0]).toMatchObject({ name: 'example.com/inventory/store' });
    expect(diff.packages[0]!.delta).toBeGreaterThanOrEqual(2000 * 8);
    expect(diff.symbols.find((s) => s.name === 'example.com/inventory/store.growthTable')).toMatchObject({ before: 0, after: 16000, delta: 16000 });
  });

  it('a symbol that appeared says why the after-binary has it: the chain of its run\'s graph', async () => {
    const service = new BinaryService(path.join(storage, 'bs-why'));
    const a = await service.openRun(project, first.id, path.join(dir(first), 'out', 'inventory'));
    const b = await service.openRun(project, second.id, path.join(dir(second), 'out', 'inventory'));
    const diff = await service.diff(a.id, b.id);
    const grown = diff.symbols.find((s) => s.name === 'example.com/inventory/store.growthTable')!;
    // The table is kept by the package's init: reached from the linker's root for package initialisation.
    expect(grown.why).toBeDefined();
    expect(grown.why!.culprits).toContain('init');
    const full = await service.why(project, b.id, grown.name);
    expect(grown.why).toEqual({ root: full.root, steps: full.chain.length, culprits: full.culprits.map((c) => c.kind) });
    // Every step is a line the linker printed, and the root one of its `_ -> X` lines.
    const printed = new Set((await readFile(path.join(dir(second), 'dumpdep.txt'), 'utf8')).split('\n').map((l) => l.replace(/ <\w+>/g, '')));
    expect(printed.has(`_ -> ${full.root}`)).toBe(true);
    for (const step of full.chain) expect(printed.has(`${step.from} -> ${step.to}`)).toBe(true);
    // Only symbols that appeared carry a reason; a symbol that only grew has none.
    expect(diff.symbols.filter((s) => s.why).every((s) => s.before === 0)).toBe(true);
    expect(diff.whyNote).toBeUndefined();
  });

  it('with no graph for the after-binary (a copy on disk) the diff says why it cannot tell', async () => {
    const service = new BinaryService(path.join(storage, 'bs-nograph'));
    const a = await service.openRun(project, first.id, path.join(dir(first), 'out', 'inventory'));
    await copyFile(path.join(dir(second), 'out', 'inventory'), path.join(project, 'inventory-copy'));
    const b = await service.open(project, 'inventory-copy');
    const diff = await service.diff(a.id, b.id);
    expect(diff.symbols.some((s) => s.before === 0)).toBe(true);
    expect(diff.symbols.some((s) => s.why)).toBe(false);
    expect(diff.whyNote).toMatch(/No reachability graph was recorded for inventory-copy.*Build the binary/);
  });

  it('gopsy binary RUN finds the binary under out/', async () => {
    const { code, out } = await cli([dir(first), '--json', '--top', '3']);
    expect(code).toBe(0);
    const j = JSON.parse(out) as { name: string; buildInfo: { path: string }; topSymbols: unknown[] };
    expect(j.name).toBe('inventory');
    expect(j.buildInfo.path).toBe('example.com/inventory');
    expect(j.topSymbols).toHaveLength(3);
  });

  it('gopsy binary diff RUN1 RUN2 names what grew, as text and JSON', async () => {
    const text = await cli(['diff', dir(first), dir(second)]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^symbols .* KiB → .* KiB \(\+\d/m);
    expect(text.out).toMatch(/^ +\+\d+\.\d KiB .* example\.com\/inventory\/store$/m);
    expect(text.out).toMatch(/\+15\.6 KiB +0\.0 KiB → 15\.6 KiB +example\.com\/inventory\/store\.growthTable$/m);
    const json = await cli(['diff', dir(first), dir(second), '--json', '--top', '5']);
    const j = JSON.parse(json.out) as { packages: Array<{ name: string; delta: number }>; symbols: unknown[]; totalBefore: number; totalAfter: number };
    expect(j.packages[0]!.name).toBe('example.com/inventory/store');
    expect(j.symbols.length).toBeLessThanOrEqual(5);
    expect(j.totalAfter - j.totalBefore).toBeGreaterThanOrEqual(16000);
    const why = await cli(['diff', dir(first), dir(second), '--json', '--top', '500']);
    const appeared = (JSON.parse(why.out) as { symbols: Array<{ name: string; why?: { root: string; steps: number; culprits: string[] } }> }).symbols.find((s) => s.name === 'example.com/inventory/store.growthTable')!;
    expect(appeared.why).toMatchObject({ culprits: expect.arrayContaining(['init']) as unknown });
    expect(appeared.why!.steps).toBeGreaterThan(0);
    expect(text.out).toMatch(/store\.growthTable\n +← kept from \S+ in \d+ steps?; culprits: .*init/);
  });

  it('a run that kept no binary says how to get one', async () => {
    const plain = await (await runs.start(project, structuredClone(BUILT_IN_PROFILES.find((p) => p.name === 'Diagnose failure')!))).done;
    await expect(binaryCommand.run([dir(plain)])).rejects.toThrow(/has no binary: the profile "Diagnose failure" does not keep it \(use "Build the binary"/);
  });
});
