// Turns `go list -e -json ./...` output into the project tree the workbench shows:
// packages with their files (build, test, ignored by constraints), relative to the project root.
import type { ProjectTree, TreeFile, TreeFileKind, TreePackage } from '../shared/api';
import { parseJsonStream } from './jsonStream';

interface GoListPackage {
  Dir?: string;
  ImportPath?: string;
  Name?: string;
  GoFiles?: string[];
  CgoFiles?: string[];
  TestGoFiles?: string[];
  XTestGoFiles?: string[];
  IgnoredGoFiles?: string[];
  OtherFiles?: string[];
  Error?: { Err?: string; Pos?: string };
}

// The order go itself uses (byte order), not the locale's: store.go before store_test.go.
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Relative path from root to dir with '/' separators; null when dir is outside root. */
export function relativeDir(root: string, dir: string): string | null {
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '');
  const r = norm(root);
  const d = norm(dir);
  if (d === r) return '.';
  if (d.startsWith(r + '/')) return d.slice(r.length + 1);
  return null;
}

export function parseGoList(text: string, root: string): ProjectTree {
  const { values, errors } = parseJsonStream(text);
  const packages: TreePackage[] = [];
  for (const v of values) {
    if (!v || typeof v !== 'object') continue;
    const p = v as GoListPackage;
    const dirAbs = str(p.Dir);
    const dir = dirAbs ? relativeDir(root, dirAbs) : null;
    if (dir === null) continue; // a package outside the project (a replace target): not ours to show
    const files: TreeFile[] = [];
    const add = (names: unknown, kind: TreeFileKind) => {
      for (const name of strs(names)) {
        files.push({ name, path: dir === '.' ? name : `${dir}/${name}`, kind });
      }
    };
    add(p.GoFiles, 'go');
    add(p.CgoFiles, 'cgo');
    add(p.TestGoFiles, 'test');
    add(p.XTestGoFiles, 'test');
    add(p.IgnoredGoFiles, 'ignored');
    add(p.OtherFiles, 'other');
    files.sort((a, b) => byCodePoint(a.name, b.name));
    const err = p.Error && typeof p.Error === 'object' ? str(p.Error.Err) : undefined;
    const pkg: TreePackage = {
      importPath: str(p.ImportPath) ?? dir,
      name: str(p.Name) ?? '',
      dir,
      files,
    };
    if (err) pkg.error = err;
    packages.push(pkg);
  }
  packages.sort((a, b) => byCodePoint(a.importPath, b.importPath));
  const tree: ProjectTree = { packages, moduleFiles: [] };
  if (errors.length > 0) tree.error = `go list output was not fully readable: ${errors[0]}`;
  return tree;
}
