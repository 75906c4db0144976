// The SSA view's first package, on the sample's real package tree (go list through the backend): never
// the doc-only package it used to open on, and what the view says when a package compiles no function.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { TreePackage } from '../../src/shared/api';
import { defaultPackage, noFunctionsText } from '../../src/renderer/src/panels/ssa/defaultPackage';
import { connectedBackend, makeTemp, removeTemp, SAMPLE_DIR } from './support';

let storage: string;
let packages: TreePackage[];

beforeAll(async () => {
  storage = await makeTemp('ssa-default');
  const { backend, api } = await connectedBackend(storage, SAMPLE_DIR);
  // As the view filters them: packages that load and have Go files.
  packages = (await api.call('workspace.tree', {})).packages.filter((p) => !p.error && p.files.some((f) => f.kind === 'go'));
  await backend.shutdown();
});
afterAll(() => removeTemp(storage));

test('the package picked last time wins, then the last opened file\'s, then main at the root', () => {
  expect(packages.map((p) => p.dir).sort()).toEqual(['.', 'broken', 'internal/textfmt', 'store']);
  expect(defaultPackage(packages, 'internal/textfmt', 'store/store.go')).toBe('internal/textfmt');
  expect(defaultPackage(packages, 'gone', 'store/store.go')).toBe('store');
  expect(defaultPackage(packages, null, 'main.go')).toBe('.');
  expect(defaultPackage(packages, null, 'no/such/file.go')).toBe('.');
  expect(defaultPackage(packages, null, null)).toBe('.');
  expect(defaultPackage([], null, null)).toBe('');
});

test('an empty function list names the files build constraints left out', () => {
  const broken = packages.find((p) => p.dir === 'broken');
  expect(noFunctionsText(broken, false)).toBe('The compiler compiles no function in example.com/inventory/broken. Left out by build constraints: typeerror.go.');
  expect(noFunctionsText(packages.find((p) => p.dir === 'store'), true)).toBe('The compiler compiles no function in example.com/inventory/store (test build).');
});
