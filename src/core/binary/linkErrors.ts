// Recognises the linker's own failures in build output: a symbol referenced but defined nowhere
// (cmd/link ld/errors.go), one defined twice (loader.go), a blocked //go:linkname, and the external
// linker's `undefined reference`. Each becomes a problem tied to the package that needs the symbol.
import type { LinkProblem } from '../../shared/contract/binaryTypes';
import { packageOfQualifiedName } from './symbolPackage';

const UNDEFINED = /^(.+?): relocation target (\S+) not defined(?: for (\S+) \(but is defined for (\S+)\))?$/;
const DUPLICATE = /^(?:link: )?duplicated definition of symbol (.+?), from (\S+) \(type .*?\) and (\S+) \(type .*?\)$/;
const LINKNAME = /^(?:link: )?(\S+): invalid reference to (\S+)$/;
const EXTERNAL = /undefined reference to [`'‘](.+?)['’]/;
const HEADER = /^# (\S+)/;

export function parseLinkErrors(text: string): LinkProblem[] {
  const out: LinkProblem[] = [];
  // `# importpath` names the package being linked (the main package); `main.` symbols belong to it.
  let linking: string | undefined;
  const pkgOf = (sym: string) => {
    const p = packageOfQualifiedName(sym);
    return p === 'main' ? (linking ?? 'main') : (p ?? linking);
  };
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const h = HEADER.exec(line);
    if (h) {
      linking = h[1];
      continue;
    }
    let m = UNDEFINED.exec(line);
    if (m) {
      const p: LinkProblem = { kind: 'undefined', symbol: m[2]!, referencedBy: m[1]!, message: line };
      const pkg = pkgOf(m[1]!);
      if (pkg) p.package = pkg;
      out.push(p);
      continue;
    }
    m = DUPLICATE.exec(line);
    if (m) {
      out.push({ kind: 'duplicate', symbol: m[1]!, definedIn: [m[2]!, m[3]!], package: m[2]!, message: line });
      continue;
    }
    m = LINKNAME.exec(line);
    if (m) {
      out.push({ kind: 'undefined', symbol: m[2]!, referencedBy: m[1]!, package: m[1]!, message: line });
      continue;
    }
    m = EXTERNAL.exec(line);
    if (m) {
      const p: LinkProblem = { kind: 'external', symbol: m[1]!, message: line };
      if (linking) p.package = linking;
      out.push(p);
    }
  }
  return out;
}

/** `-ldflags=-v` summary lines: build mode, symbol counts. */
export function parseLinkVerbose(text: string): { buildMode?: string; symbols?: number; reachable?: number } {
  const out: { buildMode?: string; symbols?: number; reachable?: number } = {};
  const mode = /^build mode: (\S+?),/m.exec(text);
  if (mode) out.buildMode = mode[1]!;
  const counts = /^(\d+) symbols, (\d+) reachable$/m.exec(text);
  if (counts) {
    out.symbols = Number(counts[1]);
    out.reachable = Number(counts[2]);
  }
  return out;
}
