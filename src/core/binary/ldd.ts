// Parses `ldd BIN` (glibc): one line per object the dynamic loader would map. A `name => not found`
// line is a library the loader cannot find with the current search path; a Go binary without cgo
// is static, which ldd reports as "not a dynamic executable" (or "statically linked").
import type { DynamicLibrary } from '../../shared/contract/binaryTypes';

export interface LddResult {
  /** The binary needs no dynamic loader. */
  static: boolean;
  libraries: DynamicLibrary[];
}

const ADDR = /\s*\((0x[0-9a-fA-F]+)\)\s*$/;

export function parseLdd(text: string): LddResult {
  if (/not a dynamic executable|statically linked/.test(text)) return { static: true, libraries: [] };
  const libraries: DynamicLibrary[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('ldd:')) continue;
    const arrow = line.indexOf(' => ');
    if (arrow >= 0) {
      const name = line.slice(0, arrow).trim();
      const rest = line.slice(arrow + 4).trim();
      if (rest === 'not found') {
        libraries.push({ name, kind: 'library', notFound: true });
        continue;
      }
      const m = ADDR.exec(rest);
      const where = (m ? rest.slice(0, m.index) : rest).trim();
      // `libfoo.so => (0x…)` (old glibc's vdso) has no path.
      libraries.push({ name, kind: 'library', notFound: false, ...(where ? { path: where } : {}) });
      continue;
    }
    const m = ADDR.exec(line);
    const name = (m ? line.slice(0, m.index) : line).trim();
    // Without `=>`: the vDSO (the kernel maps it, no file) or the loader itself (an absolute path).
    if (name.startsWith('/')) libraries.push({ name: name.slice(name.lastIndexOf('/') + 1), kind: 'interpreter', notFound: false, path: name });
    else libraries.push({ name, kind: 'vdso', notFound: false });
  }
  return { static: false, libraries };
}
