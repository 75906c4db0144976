// The SSA view's function list on what the real compiler lists for the sample (ssa.functions through
// the backend): the package's own functions first, in source order, then what the compiler made.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { SsaFuncInfo } from '../../../src/shared/contract/ssa';
import { groupFunctions } from '../../../src/renderer/src/panels/ssa/funcOrder';
import { connectedBackend, makeTemp, removeTemp, SAMPLE_DIR } from '../../support/backend';

let storage: string;
const listed: Record<string, SsaFuncInfo[]> = {};

beforeAll(async () => {
  storage = await makeTemp('ssa-order');
  const { backend, api } = await connectedBackend(storage, SAMPLE_DIR);
  for (const pkg of ['.', './store']) listed[pkg] = (await api.call('ssa.functions', { pkg, test: false })).functions;
  await backend.shutdown();
}, 300_000);
afterAll(() => removeTemp(storage));

const names = (groups: ReturnType<typeof groupFunctions>) => groups.map((g) => [g.origin, g.funcs.map((f) => f.name)]);

test('main: own functions in source order, then instances of store.Map and sync/atomic, shapes, .eq functions', () => {
  const groups = groupFunctions(listed['.']!, '.', '');
  expect(groups.map((g) => g.origin)).toEqual(['own', 'elsewhere', 'shape', 'generated']);
  expect(groups[0]!.funcs.map((f) => f.name)).toEqual(['main', 'main.func1', 'main.func2']);
  expect(groups[1]!.funcs.map((f) => f.name)).toContain('Map[example.com/inventory/store.Item,string]');
  expect(groups[2]!.funcs.every((f) => f.name.includes('go.shape.'))).toBe(true);
  expect(groups[3]!.funcs.every((f) => f.generated)).toBe(true);
  // Nothing is lost or renamed on the way.
  expect(groups.flatMap((g) => g.funcs.map((f) => f.name)).sort()).toEqual(listed['.']!.map((f) => f.name).sort());
});

test('store: the wrapper and the .eq function come after the declared methods; the filter keeps the grouping', () => {
  const groups = groupFunctions(listed['./store']!, 'store', '');
  expect(groups[0]!.origin).toBe('own');
  expect(groups[0]!.funcs.map((f) => f.name)).toEqual(['Item.Total', 'New', '(*Store).Add', '(*Store).Items', '(*Store).Items.func1', '(*Store).Value', '(*Store).Filter']);
  expect(groups.at(-1)!.origin).toBe('generated');
  expect(groups.at(-1)!.funcs.map((f) => f.name)).toEqual(expect.arrayContaining(['(*Item).Total', '.eq.example.com/inventory/store.Item']));
  expect(names(groupFunctions(listed['./store']!, 'store', 'total'))).toEqual([
    ['own', ['Item.Total']],
    ['generated', ['(*Item).Total']],
  ]);
});
