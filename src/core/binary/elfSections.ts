// Reads an ELF file's section headers (name, type, address, size) through a byte reader the caller
// supplies, and tells which symbols lie in a section that takes no file space (.bss, .noptrbss).
import type { NmSymbol } from '../../shared/contract/binaryTypes';

export interface ElfSection {
  name: string;
  /** sh_type: 1 PROGBITS, 8 NOBITS (no bytes in the file), ... */
  type: number;
  /** Mapped into memory when the program runs (SHF_ALLOC). */
  alloc: boolean;
  /** Thread-local storage (SHF_TLS): .tbss's addresses are offsets that overlap the sections after it. */
  tls: boolean;
  address: number;
  /** Where its bytes start in the file (sh_offset). */
  offset: number;
  size: number;
  /** Bytes the section takes in the file: 0 for NOBITS. */
  fileSize: number;
}

export const SHT_NOBITS = 8;
const SHF_ALLOC = 2;
const SHF_TLS = 0x400;

/** Reads `length` bytes at `offset` (fewer at the end of the file). */
export type ByteReader = (offset: number, length: number) => Promise<Uint8Array>;

/** At most this many sections are read: Go binaries have a few dozen; a larger count is a broken header. */
const MAX_SECTIONS = 4096;

class View {
  private readonly dv: DataView;
  constructor(
    bytes: Uint8Array,
    private readonly little: boolean,
  ) {
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u16(o: number): number {
    return this.dv.getUint16(o, this.little);
  }
  u32(o: number): number {
    return this.dv.getUint32(o, this.little);
  }
  u64(o: number): number {
    return Number(this.dv.getBigUint64(o, this.little));
  }
}

/** True when the header says little-endian (EI_DATA); callers check isElf first. */
export function elfLittleEndian(head: Uint8Array): boolean {
  return head[5] !== 2;
}

/** True when the bytes start like an ELF file. */
export function isElf(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
}

/** The section headers, or null when the file is not ELF. Throws on a damaged header. */
export async function readElfSections(read: ByteReader): Promise<ElfSection[] | null> {
  const head = await read(0, 64);
  if (!isElf(head)) return null;
  const is64 = head[4] === 2;
  if (head[4] !== 1 && !is64) throw new Error('unknown ELF class');
  const little = head[5] !== 2;
  const h = new View(head, little);
  if (head.length < (is64 ? 64 : 52)) throw new Error('truncated ELF header');
  const shoff = is64 ? h.u64(0x28) : h.u32(0x20);
  const shentsize = h.u16(is64 ? 0x3a : 0x2e);
  const shnum = h.u16(is64 ? 0x3c : 0x30);
  const shstrndx = h.u16(is64 ? 0x3e : 0x32);
  if (shoff === 0 || shnum === 0) return [];
  if (shnum > MAX_SECTIONS || shentsize < (is64 ? 64 : 40)) throw new Error('implausible ELF section header table');
  const table = await read(shoff, shnum * shentsize);
  if (table.length < shnum * shentsize) throw new Error('the ELF section header table lies past the end of the file');
  const t = new View(table, little);
  const raw = [];
  for (let i = 0; i < shnum; i++) {
    const o = i * shentsize;
    raw.push(
      is64
        ? { nameOff: t.u32(o), type: t.u32(o + 4), flags: t.u64(o + 8), address: t.u64(o + 16), offset: t.u64(o + 24), size: t.u64(o + 32) }
        : { nameOff: t.u32(o), type: t.u32(o + 4), flags: t.u32(o + 8), address: t.u32(o + 12), offset: t.u32(o + 16), size: t.u32(o + 20) },
    );
  }
  const strtab = raw[shstrndx];
  const names = strtab && strtab.type !== SHT_NOBITS ? await read(strtab.offset, Math.min(strtab.size, 1 << 20)) : new Uint8Array();
  const nameAt = (off: number) => {
    let end = off;
    while (end < names.length && names[end] !== 0) end++;
    return new TextDecoder().decode(names.subarray(off, end));
  };
  return raw.map((s) => ({
    name: nameAt(s.nameOff),
    type: s.type,
    alloc: (s.flags & SHF_ALLOC) !== 0,
    tls: (s.flags & SHF_TLS) !== 0,
    address: s.address,
    offset: s.offset,
    size: s.size,
    fileSize: s.type === SHT_NOBITS ? 0 : s.size,
  }));
}

/** The sections that hold memory only: allocated at run time, nothing in the file (TLS templates aside). */
export function memoryOnlySections(sections: ElfSection[]): ElfSection[] {
  return sections.filter((s) => s.alloc && !s.tls && s.type === SHT_NOBITS && s.size > 0);
}

/**
 * Marks the symbols whose address lies in a memory-only section. `go tool nm` letters them D like
 * initialised data, so only the section decides whether a symbol's bytes are in the file.
 */
export function markMemoryOnly(symbols: NmSymbol[], sections: ElfSection[]): NmSymbol[] {
  const bss = memoryOnlySections(sections);
  if (bss.length === 0) return symbols;
  return symbols.map((s) =>
    s.type !== 'U' && bss.some((b) => s.address >= b.address && s.address < b.address + b.size) ? { ...s, memoryOnly: true } : s,
  );
}
