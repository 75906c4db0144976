// Which package a linker symbol belongs to. Go symbol names are `importpath.Name` where the import
// path may hold dots and slashes, and the name may hold brackets (generics), parentheses (methods),
// `.funcN` (closures) and spaces; the linker adds `type:*`, `go:itab.*`, `go:string.*`, `go:func.*`.

/** Pseudo-packages for what no Go package owns; they start with '(' so they never clash with import paths. */
export const LINKER_DATA = '(linker data)';
export const TYPE_DATA = '(type data)';
export const NON_GO = '(C and assembly)';

/** Removes bracketed parts (type arguments), which may contain dots, slashes and spaces. */
function stripBrackets(name: string): string {
  let depth = 0;
  let out = '';
  for (const ch of name) {
    if (ch === '[') depth++;
    else if (ch === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return out;
}

/** `example.com/inventory/store.(*Store).Add` → `example.com/inventory/store`; null when there is no package part. */
export function packageOfQualifiedName(name: string): string | null {
  const plain = stripBrackets(name);
  const slash = plain.lastIndexOf('/');
  const dot = plain.indexOf('.', slash + 1);
  if (dot <= 0) return null;
  return plain.slice(0, dot);
}

/** The package of a type written as the linker writes it (`*pkg.T`, `[8]pkg.T`, `[]pkg.T`). */
export function packageOfType(t: string): string | null {
  const bare = t.replace(/^(?:\*|\[\]|\[\d+\])+/, '');
  if (/^(?:struct|func|map|interface|chan)\b/.test(bare)) return null;
  return packageOfQualifiedName(bare);
}

export function symbolPackage(name: string): string {
  if (name.startsWith('go:itab.')) {
    // go:itab.<concrete type>,<interface>: the concrete type's package pays for it.
    const concrete = name.slice('go:itab.'.length).split(',')[0] ?? '';
    return packageOfType(concrete) ?? LINKER_DATA;
  }
  if (name.startsWith('type:')) {
    const generated = /^type:\.(?:eq|hash)\.(.+)$/.exec(name);
    return (generated && packageOfType(generated[1]!)) || TYPE_DATA;
  }
  if (name.startsWith('go:')) return LINKER_DATA;
  return packageOfQualifiedName(name) ?? NON_GO;
}

/** The module that provides a package, by the longest module path that prefixes it. */
export function moduleOfPackage(pkg: string, mainModule: string | undefined, modules: string[]): string {
  if (pkg.startsWith('(')) return '(linker)';
  if (pkg === 'main') return mainModule ?? '(main module)';
  let best = '';
  for (const m of mainModule ? [mainModule, ...modules] : modules) {
    if ((pkg === m || pkg.startsWith(m + '/')) && m.length > best.length) best = m;
  }
  if (best) return best;
  // The standard library's import paths have no dot in their first element (vendor/golang.org/... too).
  if (!(pkg.split('/')[0] ?? '').includes('.')) return 'std';
  return '(unknown module)';
}
