// What the workbench shows first, on the sample's real package tree (go list through the backend): the
// file the editor opens the first time, the SSA view's first package (never the doc-only package it
// used to open on), and what that view says when a package compiles no function.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { TreePackage } from '../../src/shared/api';
import type { ProjectTree } from '../../src/shared/api';
import { defaultPackage, noFunctionsText } from '../../src/renderer/src/panels/ssa/defaultPackage';
import { firstFile } from '../../src/renderer/src/panels/tree/firstFile';
import { connectedBackend, makeTemp, removeTemp, SAMPLE_DIR } from '../support/backend';

let storage: string;
let tree: ProjectTree;
let packages: TreePackage[];

beforeAll(async () => {
  storage = await makeTemp('ssa-default');
  const { backend, api } = await connectedBackend(storage, SAMPLE_DIR);
  // As the view filters them: packages that load and have Go files.
  tree = await api.call('workspace.tree', {});
  packages = tree.packages.filter((p) => !p.error && p.files.some((f) => f.kind === 'go'));
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

test('the editor first opens the program\'s main.go, else a Go file, else go.mod', () => {
  expect(firstFile(tree)).toBe('main.go');
  const noMain = { ...tree, packages: tree.packages.filter((p) => p.name !== 'main') };
  expect(firstFile(noMain)).toMatch(/^(broken\/doc|internal\/textfmt\/textfmt|store\/store)\.go$/);
  expect(firstFile({ ...tree, packages: [] })).toBe('go.mod');
  expect(firstFile({ packages: [], moduleFiles: [] })).toBeNull();
});
