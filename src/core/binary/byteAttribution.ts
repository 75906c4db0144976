// Every byte of a binary file attributed: to a package (its symbols, its share of pclntab, its type
// descriptors and itabs) or, per section, to "not attributed" (DWARF, symbol tables, padding, headers).
// Claims are byte ranges of the file; where two overlap the earlier one keeps the bytes, so the sum of
// the packages' bytes plus the unattributed bytes is the file size exactly.
import type { BuildInfo, NmSymbol } from '../../shared/contract/binaryTypes';
import type { FileBytes, FilePackageBytes, UnattributedPart } from '../../shared/contract/binaryBytes';
import type { ElfSection } from './elfSections';
import type { Pclntab } from './pclntab';
import { MACHO_SIGNATURE, MACHO_STRTAB, MACHO_SYMTAB } from './machoSections';
import { LINKER_DATA, TYPE_DATA, moduleOfPackage, packageOfType, symbolPackage } from './symbolPackage';

type Kind = 'symbol' | 'pclntab' | 'other';
interface Claim {
  start: number;
  end: number;
  pkg: string;
  kind: Kind;
}

export interface AttributionInput {
  format: FileBytes['format'];
  fileSize: number;
  /** Section headers (ELF, or Mach-O's in the same shape); empty when the format is not read. */
  sections: ElfSection[];
  symbols: NmSymbol[];
  /** The parsed pclntab, the section it was read from and where in it the table starts. */
  pclntab?: { section: string; offsetInSection: number; table: Pclntab } | null;
  buildInfo: BuildInfo | null;
  problems?: string[];
}

/** Sub-tables of .gopclntab the symbol table may name; the parsed table attributes their bytes instead. */
const PCLNTAB_PARTS = /^runtime\.(?:pclntab|pcheader|funcnametab|cutab|filetab|pctab|functab|epclntab)$/;
/** Section-sized tables the linker fills for every package: linker data, not the runtime's own. */
const LINKER_TABLES = new Set(['runtime.typelink', 'runtime.itablink', 'runtime.firstmoduledata', 'runtime.findfunctab']);

/** Type descriptors and itabs (`type:*pkg.T`, `go:itab.*pkg.T,io.Writer`): the package in the name. */
export function isTypeData(name: string): boolean {
  return name.startsWith('type:') || name.startsWith('go:type.') || name.startsWith('go:itab.');
}

export function typeDataPackage(name: string): string {
  if (name.startsWith('go:itab.')) return symbolPackage(name);
  const bare = name.replace(/^(?:type:|go:type\.)/, '').replace(/^\.(?:eq|hash|namedata|importpath)\./, '');
  return (bare && packageOfType(bare)) || TYPE_DATA;
}

/** Why the bytes of a section (or of no section) are left unattributed, in a user's words. */
export function unattributedReason(name: string): string {
  if (name === MACHO_SYMTAB || name === MACHO_STRTAB) return 'symbol table and its names';
  if (name === MACHO_SIGNATURE) return 'code signature (the Go linker signs darwin binaries ad hoc)';
  // Mach-O names Go's sections as ELF does with `__` for the dot: __text, __gopclntab, __zdebug_info.
  const section = name.replace(/^__(?=[a-z])/, '.');
  if (/^\.z?debug_/.test(section)) return 'DWARF debug information (not read per package)';
  if (section === '.symtab' || section === '.strtab') return 'symbol table and its names';
  if (section === '.shstrtab') return 'section names';
  if (section === '.gopclntab') return 'pclntab header, padding and tables no function names';
  if (section === '.rodata') return 'type descriptors, strings and constants the symbol table does not name';
  if (section === '.text') return 'padding between functions and code the symbol table does not name';
  if (section.startsWith('.note')) return 'build ids';
  if (section === '.data' || section === '.noptrdata') return 'data the symbol table does not name, padding';
  return 'bytes no symbol covers';
}

export const HEADERS_AND_PADDING = 'ELF headers and padding';
export const MACHO_HEADERS_AND_PADDING = 'Mach-O headers, __LINKEDIT and padding';

export function attributeFileBytes(input: AttributionInput): FileBytes {
  const { fileSize, symbols, pclntab } = input;
  const problems = [...(input.problems ?? [])];
  // Each section's bytes in the file, clipped to the file and to the sections before it.
  const placed: Array<{ s: ElfSection; start: number; end: number }> = [];
  let reached = 0;
  const cut: string[] = [];
  for (const s of [...input.sections].filter((x) => x.fileSize > 0).sort((a, b) => a.offset - b.offset)) {
    const start = Math.min(Math.max(s.offset, reached), fileSize);
    const end = Math.max(start, Math.min(s.offset + s.fileSize, fileSize));
    if (s.offset + s.fileSize > fileSize) cut.push(s.name || '(unnamed)');
    placed.push({ s, start, end });
    reached = end;
  }
  if (cut.length > 0) problems.push(`the file ends before ${cut.length} of its sections do (${cut.slice(0, 5).join(', ')}${cut.length > 5 ? ', …' : ''}): truncated? Only the bytes in the file are counted`);
  const bySection = new Map(placed.map((p) => [p.s, p]));
  const claims: Claim[] = [];
  // Many claims share an owner (a function's name, its tables, its funcdata): its package is worked out once.
  const pkgCache = new Map<string, string>();
  const pkgOf = (name: string) => {
    let p = pkgCache.get(name);
    if (p === undefined) pkgCache.set(name, (p = symbolPackage(name)));
    return p;
  };
  const clip = (p: { start: number; end: number }, start: number, length: number, pkg: string, kind: Kind) => {
    const a = Math.max(start, p.start);
    const b = Math.min(start + length, p.end);
    if (b > a) claims.push({ start: a, end: b, pkg, kind });
  };
  // pclntab: each function's and compilation unit's bytes go to its package.
  const table = pclntab?.table;
  const pcl = pclntab ? placed.find((p) => p.s.name === pclntab.section) : undefined;
  if (table && pcl) {
    const cuPkg = new Map([...table.cuOwners].map(([cu, fn]) => [`cu:${cu}`, symbolPackage(fn)]));
    for (const c of table.claims) {
      if (c.part === 'header') continue;
      clip(pcl, pcl.s.offset + pclntab!.offsetInSection + c.start, c.length, c.owner.startsWith('cu:') ? (cuPkg.get(c.owner) ?? LINKER_DATA) : pkgOf(c.owner), 'pclntab');
    }
  }
  // funcdata (stack maps, inline trees, ...) lives in go:func.*: each function's pieces run to the next piece.
  const gofunc = table ? symbols.find((s) => s.name === 'go:func.*' && s.size > 0) : undefined;
  const inSection = (addr: number) => placed.find((p) => p.s.alloc && addr >= p.s.address && addr < p.s.address + p.s.fileSize);
  if (table && gofunc) {
    const p = inSection(gofunc.address);
    const owners = new Map<number, string>();
    for (const f of table.functions) for (const off of f.funcdata) if (off < gofunc.size && !owners.has(off)) owners.set(off, f.name);
    const offs = [...owners.keys()].sort((a, b) => a - b);
    if (p) {
      const base = p.s.offset + (gofunc.address - p.s.address);
      if ((offs[0] ?? gofunc.size) > 0) clip(p, base, offs[0] ?? gofunc.size, LINKER_DATA, 'symbol');
      offs.forEach((off, i) => clip(p, base + off, (offs[i + 1] ?? gofunc.size) - off, pkgOf(owners.get(off)!), 'pclntab'));
    }
  }
  // No symbol table (stripped): code is attributed by function, each running to the next one's entry.
  const text = placed.find((p) => p.s.name === '.text' || p.s.name === '__text');
  if (table && text && symbols.length === 0 && table.functions.length > 0) {
    const fns = [...table.functions].sort((a, b) => a.entryOff - b.entryOff);
    if (fns.at(-1)!.entryOff < text.s.fileSize) {
      fns.forEach((f, i) => clip(text, text.s.offset + f.entryOff, (fns[i + 1]?.entryOff ?? text.s.fileSize) - f.entryOff, symbolPackage(f.name), 'symbol'));
      problems.push("code attributed by the pclntab's function entries (padding included), assuming Go's code starts .text as Go's own linker lays it out");
    }
  }
  for (const s of symbols) {
    if (s.type === 'U' || s.size <= 0 || s.memoryOnly || s === gofunc) continue;
    if (table && PCLNTAB_PARTS.test(s.name)) continue;
    const p = inSection(s.address);
    if (!p) continue;
    const start = p.s.offset + (s.address - p.s.address);
    if (isTypeData(s.name)) clip(p, start, s.size, typeDataPackage(s.name), 'other');
    else clip(p, start, s.size, LINKER_TABLES.has(s.name) ? LINKER_DATA : symbolPackage(s.name), 'symbol');
  }
  // The sweep: sorted by start, each claim keeps only the bytes no earlier claim took.
  claims.sort((a, b) => a.start - b.start || b.end - a.end);
  const pkgs = new Map<string, FilePackageBytes>();
  const claimedIn = new Map<ElfSection, number>();
  let covered = 0;
  let pi = 0;
  for (const c of claims) {
    const a = Math.max(c.start, covered);
    if (c.end <= a) continue;
    covered = c.end;
    const n = c.end - a;
    while (pi < placed.length && placed[pi]!.end <= a) pi++;
    const sec = placed[pi]!.s;
    claimedIn.set(sec, (claimedIn.get(sec) ?? 0) + n);
    let row = pkgs.get(c.pkg);
    if (!row) {
      const module = moduleOfPackage(c.pkg, input.buildInfo?.main?.path, (input.buildInfo?.deps ?? []).map((d) => d.path));
      pkgs.set(c.pkg, (row = { package: c.pkg, module, symbolBytes: 0, pclntabBytes: 0, otherBytes: 0, total: 0 }));
    }
    if (c.kind === 'symbol') row.symbolBytes += n;
    else if (c.kind === 'pclntab') row.pclntabBytes += n;
    else row.otherBytes += n;
    row.total += n;
  }
  const sections: FileBytes['sections'] = input.sections
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.size > 0 || s.fileSize > 0)
    .map(({ s, i }) => {
      const p = bySection.get(s);
      const inFile = p ? p.end - p.start : 0;
      const attributed = claimedIn.get(s) ?? 0;
      return { name: s.name || `(section ${i}, unnamed)`, size: inFile, ...(s.fileSize === 0 ? { memorySize: s.size } : {}), attributed, unattributed: inFile - attributed };
    });
  const parts: UnattributedPart[] = sections
    .filter((s) => s.unattributed > 0)
    .map((s) => ({ name: s.name, size: s.unattributed, why: unattributedReason(s.name) }));
  const inSections = placed.reduce((n, p) => n + (p.end - p.start), 0);
  if (fileSize - inSections > 0) {
    const read = input.sections.length > 0;
    const why =
      input.format === 'elf'
        ? 'file header, program headers, section headers, alignment'
        : read
          ? 'Mach-O header, load commands, __LINKEDIT tables no section names (dynamic symbols, fixups), alignment'
          : `the ${input.format} format is not read: nothing attributed`;
    parts.push({ name: input.format === 'elf' ? HEADERS_AND_PADDING : read ? MACHO_HEADERS_AND_PADDING : `(${input.format} file)`, size: fileSize - inSections, why });
  }
  parts.sort((a, b) => b.size - a.size);
  const packages = [...pkgs.values()].sort((a, b) => b.total - a.total || a.package.localeCompare(b.package));
  return {
    format: input.format,
    fileSize,
    sections,
    packages,
    attributed: packages.reduce((n, p) => n + p.total, 0),
    unattributed: parts.reduce((n, p) => n + p.size, 0),
    unattributedParts: parts,
    ...(table ? { pclntab: { functions: table.nfunc, files: table.nfiles } } : {}),
    problems,
  };
}
