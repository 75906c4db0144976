// "What changed" with the real go: a value that escapes through a pointer return is changed to return
// by value, saved through the contract, and the diff must show the heap allocation gone, as the real
// `go build -gcflags=-m` output of the two versions says.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/services/backend';
import type { RpcClient } from '../../../src/shared/rpc';
import { connectedBackend, makeTemp, removeTemp } from '../../support/backend';

const run = promisify(execFile);

const BEFORE = `package shapes

type Point struct{ X, Y int }

//go:noinline
func NewPoint(x, y int) *Point {
	p := Point{X: x, Y: y}
	return &p
}

func Sum(ps []Point) int {
	n := 0
	for i := range ps {
		n += ps[i].X
	}
	return n
}
`;
const AFTER = BEFORE.replace('func NewPoint(x, y int) *Point {', 'func NewPoint(x, y int) Point {').replace('return &p', 'return p');

/** Lines of the real `go build -gcflags=-m` output that report a heap allocation in shapes.go. */
async function heapLines(project: string): Promise<string[]> {
  const res = await run('go', ['build', '-gcflags=-m', './shapes'], { cwd: project }).catch((e: { stderr: string }) => e);
  return res.stderr.split('\n').filter((l) => /shapes\.go:\d+:\d+: moved to heap/.test(l));
}

describe('edits.whatChanged on a real build', () => {
  let temp: string;
  let project: string;
  let backend: Backend;
  let api: RpcClient;

  beforeAll(async () => {
    temp = await makeTemp('whatchanged');
    project = path.join(temp, 'm');
    await mkdir(path.join(project, 'shapes'), { recursive: true });
    await writeFile(path.join(project, 'go.mod'), 'module example.com/m\n\ngo 1.22\n');
    await writeFile(path.join(project, 'shapes', 'shapes.go'), BEFORE);
    ({ backend, api } = await connectedBackend(path.join(temp, 'storage'), project));
  });
  afterAll(async () => {
    await backend.shutdown();
    await removeTemp(temp);
  });

  it('says there is no before until a save', async () => {
    const res = await api.call('edits.whatChanged', { path: 'shapes/shapes.go', line: 8 });
    expect(res.func).toBe('NewPoint');
    expect(res.edited).toEqual([]);
    expect(res.notes.join(' ')).toMatch(/Nothing was saved/);
  });

  it('shows the heap allocation the edit removed, as go build -gcflags=-m says', async () => {
    const heapBefore = await heapLines(project);
    expect(heapBefore).toEqual(['shapes/shapes.go:7:2: moved to heap: p']);
    const file = await api.call('workspace.readFile', { path: 'shapes/shapes.go' });
    const saved: string[] = [];
    api.on('workspace.fileSaved', (e) => saved.push(e.path));
    const res = await api.call('workspace.saveFile', { path: 'shapes/shapes.go', text: AFTER, baseHash: file.hash! });
    expect(res.ok).toBe(true);
    expect(await heapLines(project)).toEqual([]);

    const steps: string[] = [];
    api.on('edits.progress', (e) => e.job === 'wc' && steps.at(-1) !== e.progress.step && steps.push(e.progress.step));
    const diff = await api.call('edits.whatChanged', { path: 'shapes/shapes.go', line: 8, job: 'wc' });
    expect(steps).toEqual(['before', 'after', 'diff']);
    expect(diff.edited).toEqual(['shapes/shapes.go']);
    expect(diff.builds.map((b) => b.exitCode)).toEqual([0, 0]);
    const gone = diff.remarks.changes.filter((c) => c.change === 'heapGone');
    expect(gone).toHaveLength(1);
    expect(gone[0]).toMatchObject({ function: 'NewPoint', a: { path: 'shapes/shapes.go', line: 7, column: 2 } });
    expect(gone[0]!.message).toMatch(/p escapes to heap|moved to heap: p/);
    expect(diff.remarks.changes.filter((c) => c.change === 'heapNew')).toEqual([]);
    // The SSA of NewPoint, pass by pass: the allocation (runtime.newobject) is in the before only.
    expect(diff.ssa.functions).toHaveLength(1);
    const fn = diff.ssa.functions[0]!;
    expect(fn.function).toBe('example.com/m/shapes.NewPoint');
    expect(fn.passes.some((p) => !p.same)).toBe(true);
    expect(fn.passes.flatMap((p) => p.sampleOnlyA).join('\n')).toMatch(/newobject/);
    expect(fn.genssaOnlyA.join('\n')).toMatch(/newobject/);
    expect(fn.genssaOnlyB.join('\n')).not.toMatch(/newobject/);
    expect(saved).toEqual(['shapes/shapes.go']);
  });

  it('still compares with the pre-edit text after a restart (a new backend on the same storage)', async () => {
    await backend.shutdown();
    ({ backend, api } = await connectedBackend(path.join(temp, 'storage'), project));
    expect(await backend.edits.edited(project)).toEqual(['shapes/shapes.go']);
    const diff = await api.call('edits.whatChanged', { path: 'shapes/shapes.go', line: 8 });
    expect(diff.edited).toEqual(['shapes/shapes.go']);
    expect(diff.remarks.changes.filter((c) => c.change === 'heapGone').map((c) => c.function)).toEqual(['NewPoint']);
    expect(diff.notes).toEqual([]);
  });

  it('forgets the before on reset, and when the file is saved back to it', async () => {
    const file = await api.call('workspace.readFile', { path: 'shapes/shapes.go' });
    await api.call('workspace.saveFile', { path: 'shapes/shapes.go', text: BEFORE, baseHash: file.hash! });
    expect(await backend.edits.edited(project)).toEqual([]);
    await api.call('workspace.saveFile', { path: 'shapes/shapes.go', text: AFTER, baseHash: (await api.call('workspace.readFile', { path: 'shapes/shapes.go' })).hash! });
    expect(await backend.edits.edited(project)).toEqual(['shapes/shapes.go']);
    await api.call('edits.resetBaseline', {});
    expect(await backend.edits.edited(project)).toEqual([]);
    await backend.shutdown();
    ({ backend, api } = await connectedBackend(path.join(temp, 'storage'), project));
    expect(await backend.edits.edited(project)).toEqual([]);
  });
});
