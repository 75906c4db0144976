// The file the editor opens the first time a project is opened (later, the one open last time).
import type { ProjectTree } from '../../../../shared/api';

/**
 * The program's entry: main.go of a main package (the root's first), else the first Go file of the
 * root package, else of any package, else go.mod. Null for an empty tree.
 */
export function firstFile(tree: ProjectTree): string | null {
  const goFiles = (dir?: string) =>
    tree.packages.filter((p) => dir === undefined || p.dir === dir).flatMap((p) => p.files.filter((f) => f.kind === 'go'));
  const mains = tree.packages.filter((p) => p.name === 'main').sort((a, b) => Number(b.dir === '.') - Number(a.dir === '.'));
  const mainGo = mains.flatMap((p) => p.files).find((f) => f.kind === 'go' && f.name === 'main.go');
  return (mainGo ?? goFiles('.')[0] ?? goFiles()[0] ?? tree.moduleFiles[0])?.path ?? null;
}
