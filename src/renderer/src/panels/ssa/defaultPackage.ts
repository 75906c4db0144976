// Which package the SSA view shows first, and what it says when a package compiles no function.
import type { TreePackage } from '../../../../shared/api';

/** The folder (as TreePackage.dir names it) of a project-relative file. */
function dirOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '.' : file.slice(0, slash);
}

/**
 * The package picked last time in this project if it is still there, else the package of the file last
 * opened in the editor, else the main package at the root, else the first. (The first non-main package
 * was the default once: in the sample that is a package whose only file is doc.go, so the view opened
 * on an empty list.)
 */
export function defaultPackage(packages: TreePackage[], picked: string | null, lastFile: string | null): string {
  const has = (dir: string | null) => (dir !== null && packages.some((p) => p.dir === dir) ? dir : null);
  return has(picked) ?? has(lastFile ? dirOf(lastFile) : null) ?? packages.find((p) => p.dir === '.' && p.name === 'main')?.dir ?? packages[0]?.dir ?? '';
}

/** Why a package's function list is empty: nothing in its build compiles a function. */
export function noFunctionsText(p: TreePackage | undefined, test: boolean): string {
  if (!p) return 'No function to show.';
  const left = p.files.filter((f) => f.kind === 'ignored').map((f) => f.name);
  const why = left.length > 0 ? ` Left out by build constraints: ${left.join(', ')}.` : '';
  return `The compiler compiles no function in ${p.importPath}${test ? ' (test build)' : ''}.${why}`;
}
