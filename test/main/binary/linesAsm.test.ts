// binary.linesAsm with the real toolchain on a copy of resources/samples/asmlines: -S before any run,
// the kept binary of a "Build the binary" run after it, a test binary for a _test.go file, and the
// remarks of an "Optimisation details" run interleaved.
import { cp, realpath } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/services/backend';
import { BUILT_IN_PROFILES } from '../../../src/main/services/runs/profiles';
import type { RpcClient } from '../../../src/shared/rpc';
import { connectedBackend, makeTemp, removeTemp } from '../../support/backend';

const SAMPLE = path.resolve(__dirname, '../../../resources/samples/asmlines');
const profile = (name: string) => structuredClone(BUILT_IN_PROFILES.find((p) => p.name === name)!);

describe('binary.linesAsm on the asmlines sample', () => {
  let temp: string;
  let backend: Backend;
  let api: RpcClient;

  beforeAll(async () => {
    temp = await makeTemp('linesasm');
    const project = path.join(temp, 'asmlines');
    await cp(SAMPLE, project, { recursive: true });
    ({ backend, api } = await connectedBackend(path.join(temp, 'storage'), await realpath(project)));
  });
  afterAll(async () => {
    await backend?.runs.cancelAll();
    await removeTemp(temp);
  });

  it('compiles the package with -S when no run kept a binary', async () => {
    const r = await api.call('binary.linesAsm', { path: 'shapes/shapes.go', from: 53, to: 54 });
    expect(r.origin).toEqual({ kind: 'compile', commandLine: 'go build -gcflags=example.com/asmlines/shapes=-S -o /dev/null ./shapes' });
    const total = r.blocks.find((b) => b.function === 'example.com/asmlines/shapes.Total')!;
    expect(total.kind).toBe('own');
    expect(total.instructions.some((i) => i.inlinedFrom?.file === 'shapes/clamp.go')).toBe(true);
    expect(r.source).toEqual(['\tfor _, r := range rs {', '\t\tt += r.Area() + clamp(r.W)']);
    expect(r.remarksNote).toMatch(/No run captured/);
  });

  it('widens a cursor line to its function', async () => {
    const r = await api.call('binary.linesAsm', { path: 'shapes/shapes.go', from: 40, to: 40, widen: true });
    expect([r.from, r.to, r.function]).toEqual([37, 43, 'Counter']);
    expect(r.blocks.map((b) => b.function)).toEqual(expect.arrayContaining(['example.com/asmlines/shapes.Counter', 'example.com/asmlines/shapes.Counter.func1']));
  });

  it('reads the binary a run kept, with the copies inlined into main', async () => {
    const run = await (await backend.runs.start(backend.current!.root, profile('Build the binary'))).done;
    expect(run.status).toBe('succeeded');
    const r = await api.call('binary.linesAsm', { path: 'shapes/shapes.go', from: 28, to: 34 });
    expect(r.origin).toMatchObject({ kind: 'binary', runId: run.id, binary: 'asmlines' });
    const names = r.blocks.map((b) => b.function);
    expect(names).toEqual(expect.arrayContaining(['example.com/asmlines/shapes.Sum[int]', 'example.com/asmlines/shapes.Sum[float64]', 'main.main']));
    expect(r.blocks.find((b) => b.function === 'main.main')!.kind).toBe('inlinedInto');
    // A jump inside the listing points at an instruction of it.
    const sum = r.blocks.find((b) => b.function === 'example.com/asmlines/shapes.Sum[int]')!;
    const jumps = sum.instructions.filter((i) => i.jump !== undefined);
    expect(jumps.length).toBeGreaterThan(0);
    expect(jumps.every((j) => sum.instructions.some((i) => i.address === j.jump))).toBe(true);
    // Asked to, it still compiles instead.
    expect((await api.call('binary.linesAsm', { path: 'shapes/shapes.go', from: 28, to: 34, compile: true })).origin.kind).toBe('compile');
  }, 180_000);

  it('builds the test binary for a test function', async () => {
    const r = await api.call('binary.linesAsm', { path: 'shapes/shapes_test.go', from: 5, to: 5, widen: true });
    expect(r.origin).toEqual({ kind: 'binary', binary: 'shapes.test', commandLine: 'go test -c -o shapes.test ./shapes' });
    expect(r.function).toBe('TestSum');
    const test = r.blocks.find((b) => b.function === 'example.com/asmlines/shapes.TestSum')!;
    expect(test.instructions.some((i) => i.inlinedFrom?.file === 'shapes/shapes.go')).toBe(true);
  }, 180_000);

  it('interleaves the remarks of the newest run that captured them', async () => {
    const run = await (await backend.runs.start(backend.current!.root, profile('Optimisation details'))).done;
    expect(run.status).toBe('succeeded');
    const r = await api.call('binary.linesAsm', { path: 'shapes/shapes.go', from: 46, to: 48 });
    expect(r.remarksNote).toContain(run.id);
    expect(r.remarks.map((m) => [m.line, m.kind])).toContainEqual([47, 'boundsCheck']);
    expect(r.remarks.every((m) => m.line >= 46 && m.line <= 48)).toBe(true);
    const alloc = await api.call('binary.linesAsm', { path: 'shapes/shapes.go', from: 61, to: 61 });
    expect(alloc.remarks.some((m) => m.kind === 'escape')).toBe(true);
  }, 600_000);

  it('refuses what is not a Go file of the project', async () => {
    await expect(api.call('binary.linesAsm', { path: 'go.mod', from: 1, to: 1 })).rejects.toThrow(/not a Go file/);
    await expect(api.call('binary.linesAsm', { path: '../x.go', from: 1, to: 1 })).rejects.toThrow();
    await expect(api.call('binary.linesAsm', { path: 'main.go', from: 5, to: 2 })).rejects.toThrow(/ends before/);
  });
});
