// The project tree's package for a package name from build artefacts (timeline bars).
import { expect, test } from 'vitest';
import type { TreePackage } from '../../src/shared/api';
import { findPackage } from '../../src/renderer/src/panels/tree/findPackage';

const pkg = (importPath: string, name: string, dir: string): TreePackage => ({ importPath, name, dir, files: [] });
const tree = [pkg('example.com/inventory', 'main', '.'), pkg('example.com/inventory/store', 'store', 'store')];

test('import paths, directories, test variants and `main` find their package; others none', () => {
  expect(findPackage(tree, 'example.com/inventory/store')?.dir).toBe('store');
  expect(findPackage(tree, './store')?.dir).toBe('store');
  expect(findPackage(tree, 'example.com/inventory/store [example.com/inventory/store.test]')?.dir).toBe('store');
  expect(findPackage(tree, 'main')?.dir).toBe('.');
  expect(findPackage(tree, 'fmt')).toBeUndefined();
});
