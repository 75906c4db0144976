// The SSA service against the real toolchain on a temp copy of the sample: list, capture, parse, ask.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { SsaService } from '../../../src/main/services/ssa/ssaService';
import { diffPhases, valueHistory } from '../../../src/core/ssa/analysis';
import { lineFiles } from '../../../src/core/ssa/lineFiles';
import { phaseLineMarks } from '../../../src/renderer/src/panels/ssa/useSsaLineMarks';
import { copySample, removeTemp } from '../../support/backend';

let temp: string;
let project: string;
let svc: SsaService;

beforeAll(async () => {
  ({ temp, project } = await copySample('ssa'));
  svc = new SsaService(path.join(temp, 'storage'));
});
afterAll(() => removeTemp(temp));

describe('SSA capture with the real compiler', () => {
  it('lists the compiled functions of a package with their exact names', async () => {
    const { functions } = await svc.functions(project, './store');
    const names = functions.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['(*Store).Add', 'Item.Total', '(*Store).Items.func1', 'New']));
    expect(functions.find((f) => f.name === '(*Store).Add')).toMatchObject({ file: 'store/store.go' });
    const main = await svc.functions(project, '.');
    // Generic bodies are compiled where they are instantiated: in main, as shaped functions.
    expect(main.functions.some((f) => f.name.startsWith('Map[go.shape.'))).toBe(true);
  });

  it('captures (*Store).Add: ssa.html and text dumps, parsed, with diff and history', async () => {
    const res = await svc.capture(project, './store', '(*Store).Add');
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.formats.sort()).toEqual(['dumps', 'html']);
    const summary = await svc.store.summary(res.id);
    expect(summary.name).toBe('(*Store).Add,1');
    const fn = await svc.store.full(res.id);
    expect(fn.phases.length).toBeGreaterThan(15);
    expect(fn.sources[0]!.file).toBe(path.join(project, 'store/store.go'));
    const lower = fn.phases.findIndex((p) => p.name === 'lower');
    const d = diffPhases(fn.phases[lower - 1]!, fn.phases[lower]!);
    expect(d.changedValues.length + d.addedValues.length).toBeGreaterThan(0);
    const h = await valueHistory(fn, 'v1', lower);
    expect(h.firstPhase).toBe(0);
    expect(h.caveat).toMatch(/recycle/);
    const dumps = await svc.store.full(res.id, 'dumps');
    expect(dumps.phases.map((p) => p.name)).toContain('regalloc');
    // Asked again by its qualified name: the same sources, so the kept capture.
    const again = await svc.capture(project, './store', 'store.(*Store).Add');
    expect(again.ok).toBe(true);
  });

  it('captures a closure and a shaped generic instantiation', async () => {
    const closure = await svc.capture(project, './store', '(*Store).Items.func1');
    expect(closure.ok).toBe(true);
    const { functions } = await svc.functions(project, '.');
    const shaped = functions.find((f) => f.name.startsWith('Map[go.shape.'))!;
    const res = await svc.capture(project, '.', shaped.name);
    expect(res.ok).toBe(true);
    if (res.ok) expect((await svc.store.summary(res.id)).name).toBe(`${shaped.name},1`);
  });

  it('a name that matches nothing says so and offers candidates', async () => {
    const res = await svc.capture(project, './store', 'Add');
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.message).toMatch(/No function named Add is compiled in example.com\/inventory\/store/);
    expect(res.candidates).toContain('(*Store).Add');
    const generic = await svc.capture(project, './store', 'Map');
    expect(generic.ok).toBe(false);
    if (!generic.ok) expect(generic.message).toMatch(/shaped instantiations/);
  });
});

describe('values of inlined code are placed in their own files', () => {
  it('main.main: its own lines in main.go, inlined store and standard library lines in theirs; editor marks only its own', async () => {
    const res = await svc.capture(project, '.', 'main');
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const fn = await svc.store.full(res.id);
    const own = path.join(project, 'main.go');
    // The sources column lists main.go only, though main inlines code of store.go and of the standard library.
    expect(fn.sources.map((s) => s.file)).toEqual([own]);
    const fileOf = lineFiles(fn.sources, fn.genssa);
    const last = fn.phases.at(-1)!;
    const files = new Map<string, number>();
    for (const b of last.blocks) for (const v of b.values) {
      if (v.line === null) continue;
      const f = fileOf(v.line);
      if (f?.certain) files.set(f.file, (files.get(f.file) ?? 0) + 1);
    }
    expect(files.get(own)).toBeGreaterThan(0);
    expect(files.get(path.join(project, 'store/store.go'))).toBeGreaterThan(0);
    expect([...files.keys()].some((f) => /\/src\/(flag|fmt)\/[a-z]+\.go$/.test(f))).toBe(true);
    // The editor's gutter marks of main.go leave out the lines that are in store.go.
    const storeLines = new Set(
      last.blocks.flatMap((b) => b.values).flatMap((v) => (v.line !== null && fileOf(v.line)?.file === path.join(project, 'store/store.go') ? [v.line] : [])),
    );
    const marks = phaseLineMarks(last, 'main.go', (line) => fileOf(line)?.file === own);
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.some((m) => storeLines.has(m.line))).toBe(false);
    expect(phaseLineMarks(last, 'main.go').some((m) => storeLines.has(m.line))).toBe(true);
  }, 120_000);
});
