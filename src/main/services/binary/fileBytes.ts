// Reads a binary file itself to attribute every byte: its format, its ELF (or Mach-O) sections and its Go
// pclntab (the one section read whole), then hands them with nm's symbols to src/core's attribution.
import { open } from 'node:fs/promises';
import type { BuildInfo, NmSymbol } from '../../../shared/contract/binaryTypes';
import type { FileBytes } from '../../../shared/contract/binaryBytes';
import { elfLittleEndian, isElf, type ElfSection } from '../../../core/binary/elfSections';
import { isMacho64 } from '../../../core/binary/machoSections';
import { parsePclntab, pclntabMagic, type Pclntab } from '../../../core/binary/pclntab';
import { attributeFileBytes } from '../../../core/binary/byteAttribution';
import { errorMessage } from '../../../shared/rpc';

/** A pclntab larger than this is not read (a 1 GB table is a damaged header, not a program). */
const MAX_PCLNTAB_BYTES = 1 << 30;

/** The file format from its first bytes. */
export function fileFormat(head: Uint8Array): FileBytes['format'] {
  if (isElf(head)) return 'elf';
  if (head.length >= 4) {
    const be = ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0;
    if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(be)) return 'mach-o';
  }
  if (head.length >= 2 && head[0] === 0x4d && head[1] === 0x5a) return 'pe';
  return 'unknown';
}

const FORMAT_NAMES: Record<FileBytes['format'], string> = { elf: 'ELF', 'mach-o': 'Mach-O', pe: 'PE (Windows)', unknown: 'an unknown format' };

/** Where the pclntab lies: the .gopclntab section, or (external linking) the section holding runtime.pcheader. */
function pclntabPlace(sections: ElfSection[], symbols: NmSymbol[]): { section: ElfSection; offsetInSection: number } | null {
  const own = sections.find((s) => (s.name === '.gopclntab' || s.name === '__gopclntab') && s.fileSize > 0);
  if (own) return { section: own, offsetInSection: 0 };
  const sym = symbols.find((s) => s.name === 'runtime.pcheader' || s.name === 'runtime.pclntab');
  const sec = sym && sections.find((s) => s.alloc && s.fileSize > 0 && sym.address >= s.address && sym.address < s.address + s.fileSize);
  return sec && sym ? { section: sec, offsetInSection: sym.address - sec.address } : null;
}

/**
 * Attributes every byte of `file`. `sections` are its ELF or Mach-O section headers (null when neither),
 * `symbols` nm's (empty for a stripped binary: the pclntab still names every function).
 */
export async function readFileBytes(file: string, fileSize: number, sections: ElfSection[] | null, symbols: NmSymbol[], buildInfo: BuildInfo | null): Promise<FileBytes> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(64);
    await fh.read(head, 0, 64, 0);
    const format = fileFormat(head);
    const machO = format === 'mach-o' && isMacho64(head);
    if ((format !== 'elf' && !machO) || !sections) {
      const why =
        format === 'elf' || machO
          ? `its ${FORMAT_NAMES[format]} section headers could not be read`
          : `it is ${FORMAT_NAMES[format]}: gopsy reads the sections and pclntab of ELF and 64-bit Mach-O files only so far`;
      return attributeFileBytes({ format, fileSize, sections: [], symbols: [], buildInfo, problems: [`Nothing attributed: ${why}. The symbol sizes below are go tool nm's.`] });
    }
    const problems: string[] = [];
    let pclntab: { section: string; offsetInSection: number; table: Pclntab } | null = null;
    const place = pclntabPlace(sections, symbols);
    if (!place) problems.push('no Go pclntab found: not a Go binary, or one gopsy cannot read; the bytes of functions\' line tables stay unattributed');
    else {
      const length = Math.min(place.section.fileSize - place.offsetInSection, MAX_PCLNTAB_BYTES, Math.max(0, fileSize - place.section.offset - place.offsetInSection));
      const bytes = Buffer.alloc(length);
      const { bytesRead } = await fh.read(bytes, 0, length, place.section.offset + place.offsetInSection);
      const little = machO || elfLittleEndian(head);
      const got = bytes.subarray(0, bytesRead);
      if (pclntabMagic(got, little) === null) problems.push(`${place.section.name} is not a Go 1.18+ pclntab (older Go, or damaged): its bytes stay unattributed`);
      else {
        try {
          pclntab = { section: place.section.name, offsetInSection: place.offsetInSection, table: parsePclntab(got, little) };
        } catch (err) {
          problems.push(`the pclntab could not be read (${errorMessage(err)}): its bytes stay unattributed`);
        }
      }
    }
    if (symbols.length === 0) problems.push('no symbol table (stripped with -ldflags=-s): only the pclntab is attributed to packages');
    return attributeFileBytes({ format, fileSize, sections, symbols, pclntab, buildInfo, problems });
  } finally {
    await fh.close();
  }
}
