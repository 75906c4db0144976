// Which package of the project tree a build artefact's package name means.
import type { TreePackage } from '../../../../shared/api';

/**
 * The tree's package for what a build reports: an import path, `main` (the go command's name for a
 * main package in -bench output), a directory; test variants (`p [p.test]`) reveal p.
 */
export function findPackage(packages: TreePackage[], target: string): TreePackage | undefined {
  const t = target.replace(/ \[.*\]$/, '').replace(/^\.\//, '');
  return (
    packages.find((p) => p.importPath === t || p.dir === t) ?? (t === 'main' ? packages.find((p) => p.name === 'main') : undefined)
  );
}
