// BinaryService with the real toolchain: builds the inventory sample into storage, analyses it with
// go version -m / nm / objdump, diffs two builds, and builds the linkfail sample into a link error.
import { execFileSync } from 'node:child_process';
import { appendFile, cp, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinaryService } from '../../../src/main/services/binary/binaryService';
import { Workspace, inspectFolder } from '../../../src/main/services/workspace';
import { parseNm } from '../../../src/core/binary/nm';
import type { BuildForAnalysis } from '../../../src/shared/contract/binary';
import type { SizeNode } from '../../../src/shared/contract/binaryTypes';
import { copySample, makeTemp, removeTemp } from '../../support/backend';

const sumLeaves = (n: SizeNode): number => (n.children ? n.children.reduce((s, c) => s + sumLeaves(c), 0) : n.size);

async function projectFiles(ws: Workspace): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  for (const pkg of (await ws.tree()).packages) for (const f of pkg.files) map.set(f.name, [...(map.get(f.name) ?? []), path.join(ws.root, f.path)]);
  return map;
}

describe('BinaryService on the inventory sample', () => {
  let temp: string;
  let project: string;
  let service: BinaryService;
  let built: BuildForAnalysis;
  let ws: Workspace;

  beforeAll(async () => {
    ({ temp, project } = await copySample('bin'));
    project = await realpath(project);
    ws = new Workspace(await inspectFolder(project));
    service = new BinaryService(path.join(temp, 'storage'));
    built = await service.build(project);
  });
  afterAll(() => removeTemp(temp));

  it('builds into storage with the link step measured and -ldflags=-v captured', () => {
    expect(built.ok).toBe(true);
    expect(built.commandLine).toBe('go build -ldflags=-v -o inventory .');
    expect(built.linkMs).toBeGreaterThan(0);
    expect(built.linkVerbose.buildMode).toBe('exe');
    expect(built.linkVerbose.reachable).toBeGreaterThan(0);
    expect(built.problems).toEqual([]);
    const a = built.analysis!;
    expect(a.location).toMatch(/^storage: binaries\/b-[a-z0-9-]+\/inventory$/);
    expect(a.buildInfo?.path).toBe('example.com/inventory');
    expect(a.buildInfo?.settings).toContainEqual({ key: '-ldflags', value: '-v' });
  });

  it('size breakdown and the memory-only (.bss) part sum to the symbol sizes nm reports', () => {
    const a = built.analysis!;
    const file = path.join(temp, 'storage', 'binaries', a.id, 'inventory');
    const nm = parseNm(execFileSync('go', ['tool', 'nm', '-size', file], { encoding: 'utf8', maxBuffer: 64 << 20 }));
    const nmTotal = nm.filter((s) => s.type !== 'U').reduce((n, s) => n + s.size, 0);
    expect(sumLeaves(a.tree) + a.memoryOnlyTotal).toBe(nmTotal);
    expect(a.packages.reduce((n, p) => n + p.size, 0) + a.memoryOnlyTotal).toBe(nmTotal);
    expect(a.tree.children!.find((m) => m.name === 'example.com/inventory')!.children!.map((p) => p.name)).toContain('example.com/inventory/store');
  });

  it('maps objdump lines of a known function to the right source lines', async () => {
    const id = built.analysis!.id;
    const source = (await readFile(path.join(project, 'store/store.go'), 'utf8')).split('\n');
    const fn = (await service.disassemble(project, id, 'example.com/inventory/store.(*Store).Items', await projectFiles(ws)))!;
    expect(fn.instructions.length).toBeGreaterThan(10);
    const own = fn.instructions.filter((i) => i.path === 'store/store.go');
    expect(source[own[0]!.line - 1]).toContain('func (s *Store) Items() []Item');
    expect(own.some((i) => source[i.line - 1]!.includes('sort.Slice('))).toBe(true);
    // Add is inlined into main.main, so it has no symbol of its own; its lines show up inside main.main,
    // and objdump's base name `store.go` is resolved through the project's files.
    const main = (await service.disassemble(project, id, 'main.main', await projectFiles(ws)))!;
    const fromAdd = main.instructions.filter((i) => i.path === 'store/store.go').map((i) => source[i.line - 1]!);
    expect(fromAdd.some((l) => l.includes('s.items[it.SKU] = it'))).toBe(true);
    expect(main.instructions.some((i) => i.path === 'main.go')).toBe(true);
    await expect(service.disassemble(project, id, 'no.such.Func', new Map())).rejects.toThrow(/not a function/);
  });

  it('pages and filters symbols', () => {
    const id = built.analysis!.id;
    const page = service.symbols(id, 0, 5, 'size');
    expect(page.rows).toHaveLength(5);
    expect(page.rows[0]!.size).toBeGreaterThanOrEqual(page.rows[4]!.size);
    const store = service.symbols(id, 0, 100, 'name', 'inventory/store.');
    expect(store.rows.map((r) => r.name)).toContain('example.com/inventory/store.(*Store).Items');
    expect(store.rows.every((r) => r.package === 'example.com/inventory/store')).toBe(true);
  });

  it('diffs two builds: the package that grew', async () => {
    await appendFile(
      path.join(project, 'internal/textfmt/textfmt.go'),
      '\n// Banner makes the binary bigger on purpose.\nfunc Banner(n int) []string {\n\tout := make([]string, n)\n\tfor i := range out {\n\t\tout[i] = Join([]string{"a", "b", "c"}) + Cents(int64(i))\n\t}\n\treturn out\n}\n',
    );
    await appendFile(path.join(project, 'main.go'), '\nfunc init() { _ = textfmt.Banner(3) }\n');
    const second = await service.build(project);
    expect(second.ok).toBe(true);
    const d = await service.diff(built.analysis!.id, second.analysis!.id);
    expect(d.totalAfter).toBeGreaterThan(d.totalBefore);
    expect(d.packages.find((p) => p.name === 'example.com/inventory/internal/textfmt')!.delta).toBeGreaterThan(0);
    expect(d.symbols.find((s) => s.name === 'example.com/inventory/internal/textfmt.Banner')).toMatchObject({ before: 0 });
  });

  it('opens a binary in the project, and refuses what is not one or lies outside', async () => {
    await cp(path.join(temp, 'storage', 'binaries', built.analysis!.id, 'inventory'), path.join(project, 'inv.bin'));
    const a = await service.open(project, 'inv.bin');
    expect(a.location).toBe('inv.bin');
    expect(a.symbolTotal).toBe(built.analysis!.symbolTotal);
    await expect(service.open(project, 'go.mod')).rejects.toThrow(/could not read/);
    await expect(service.open(project, '../storage')).rejects.toThrow(/outside the project/);
    expect(() => service.symbols('f-0000', 0, 1, 'size')).toThrow(/no longer loaded/);
  });
});

describe('BinaryService on the linkfail sample', () => {
  let temp: string;
  beforeAll(async () => {
    temp = await makeTemp('linkfail');
    await cp(path.resolve(__dirname, '../../../resources/samples/linkfail'), path.join(temp, 'linkfail'), { recursive: true });
  });
  afterAll(() => removeTemp(temp));

  it('links as it is, and yields the linker problem with the gopsy_linkfail tag', async () => {
    const project = await realpath(path.join(temp, 'linkfail'));
    const service = new BinaryService(path.join(temp, 'storage'));
    expect((await service.build(project)).ok).toBe(true);
    const failed = await service.build(project, '.', ['gopsy_linkfail']);
    expect(failed.ok).toBe(false);
    expect(failed.commandLine).toBe('go build -tags=gopsy_linkfail -ldflags=-v -o linkfail .');
    expect(failed.problems).toEqual([
      expect.objectContaining({ kind: 'undefined', symbol: 'example.com/linkfail/impl.answer', referencedBy: 'main.main', package: 'example.com/linkfail' }),
    ]);
    expect(failed.analysis).toBeUndefined();
    const dup = await service.build(project, '.', ['gopsy_linkdup']);
    expect(dup.problems.map((p) => p.kind)).toEqual(['duplicate']);
  });
});
