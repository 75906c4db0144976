import { describe, expect, it } from 'vitest';
import { parseGoList, relativeDir } from '../../src/core/goList';
import { FIXTURE_ROOT, fixture } from './fixtures';

describe('parseGoList on the sample project', () => {
  const tree = parseGoList(fixture('go-list-inventory.json'), FIXTURE_ROOT);

  it('lists every package with its directory relative to the root', () => {
    expect(tree.error).toBeUndefined();
    expect(tree.packages.map((p) => [p.importPath, p.dir, p.name])).toEqual([
      ['example.com/inventory', '.', 'main'],
      ['example.com/inventory/broken', 'broken', 'broken'],
      ['example.com/inventory/internal/textfmt', 'internal/textfmt', 'textfmt'],
      ['example.com/inventory/store', 'store', 'store'],
    ]);
  });

  it('classifies build, test and constraint-excluded files', () => {
    const store = tree.packages.find((p) => p.dir === 'store')!;
    expect(store.files).toEqual([
      { name: 'store.go', path: 'store/store.go', kind: 'go' },
      { name: 'store_test.go', path: 'store/store_test.go', kind: 'test' },
    ]);
    const broken = tree.packages.find((p) => p.dir === 'broken')!;
    expect(broken.files.find((f) => f.name === 'typeerror.go')?.kind).toBe('ignored');
    const root = tree.packages.find((p) => p.dir === '.')!;
    expect(root.files.map((f) => f.path)).toEqual(['main.go']);
  });
});

describe('parseGoList on other input', () => {
  it('keeps a package error from go list -e', () => {
    const text = JSON.stringify({
      Dir: '/p/bad',
      ImportPath: 'x/bad',
      Name: 'bad',
      GoFiles: ['a.go'],
      Error: { Err: 'bad/a.go:3:1: expected declaration' },
    });
    const tree = parseGoList(text, '/p');
    expect(tree.packages[0]!.error).toBe('bad/a.go:3:1: expected declaration');
  });

  it('skips packages outside the root (replace targets) and wrong shapes', () => {
    const text = [
      JSON.stringify({ Dir: '/elsewhere/m', ImportPath: 'other/m' }),
      JSON.stringify({ Dir: '/p', ImportPath: 'x', GoFiles: ['a.go', 7, null] }),
      '"a string"',
      '[1,2]',
    ].join('\n');
    const tree = parseGoList(text, '/p');
    expect(tree.packages).toHaveLength(1);
    expect(tree.packages[0]!.files).toEqual([{ name: 'a.go', path: 'a.go', kind: 'go' }]);
  });

  it('reports unreadable output', () => {
    expect(parseGoList('{"Dir": "/p", "Import', '/p').error).toMatch(/not fully readable/);
  });

  it('relativeDir', () => {
    expect(relativeDir('/a/b', '/a/b')).toBe('.');
    expect(relativeDir('/a/b/', '/a/b/c/d')).toBe('c/d');
    expect(relativeDir('/a/b', '/a/bc')).toBeNull();
    expect(relativeDir('C:\\w\\p', 'C:\\w\\p\\x')).toBe('x');
  });
});
