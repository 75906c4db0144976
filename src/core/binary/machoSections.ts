// Reads a 64-bit Mach-O file's sections (LC_SEGMENT_64 load commands and the section headers after
// each, as Go's debug/macho does) into the same shape as ELF's, so that one attribution serves both.
// The symbol table, its strings and the code signature live in __LINKEDIT outside any section: they are
// given as sections of their own (LC_SYMTAB, LC_CODE_SIGNATURE) so that their bytes are named.
import { SHT_NOBITS, type ByteReader, type ElfSection } from './elfSections';

const MH_MAGIC_64 = 0xfeedfacf;
const LC_SEGMENT_64 = 0x19;
const LC_SYMTAB = 0x2;
const LC_CODE_SIGNATURE = 0x1d;
/** Section types (flags & 0xff) with no bytes in the file: S_ZEROFILL, S_GB_ZEROFILL, S_THREAD_LOCAL_ZEROFILL. */
const ZEROFILL = new Set([0x1, 0xc, 0x12]);
const S_THREAD_LOCAL_REGULAR = 0x11;
/** Load commands take at most this many bytes (a few KiB in a Go binary; more is a broken header). */
const MAX_COMMANDS_BYTES = 1 << 20;

/** The sections the __LINKEDIT pieces are given (not sections in the file: Go's debug/macho has no name for them). */
export const MACHO_SYMTAB = '__LINKEDIT symbol table';
export const MACHO_STRTAB = '__LINKEDIT symbol names';
export const MACHO_SIGNATURE = '__LINKEDIT code signature';

/** True for a 64-bit little-endian Mach-O file (what Go builds for darwin/amd64 and darwin/arm64). */
export function isMacho64(head: Uint8Array): boolean {
  return head.length >= 4 && new DataView(head.buffer, head.byteOffset, 4).getUint32(0, true) === MH_MAGIC_64;
}

const cstring = (b: Uint8Array) => {
  const end = b.indexOf(0);
  return new TextDecoder().decode(end < 0 ? b : b.subarray(0, end));
};

const linkedit = (name: string, offset: number, size: number): ElfSection => ({ name, type: 0, alloc: false, tls: false, address: 0, offset, size, fileSize: size });

/** The sections, or null when the file is not a 64-bit little-endian Mach-O. Throws on a damaged header. */
export async function readMachoSections(read: ByteReader): Promise<ElfSection[] | null> {
  const head = await read(0, 32);
  if (!isMacho64(head)) return null;
  if (head.length < 32) throw new Error('truncated Mach-O header');
  const h = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const ncmds = h.getUint32(16, true);
  const sizeofcmds = h.getUint32(20, true);
  if (sizeofcmds > MAX_COMMANDS_BYTES) throw new Error('implausible Mach-O load commands');
  const cmds = await read(32, sizeofcmds);
  if (cmds.length < sizeofcmds) throw new Error('the Mach-O load commands lie past the end of the file');
  const v = new DataView(cmds.buffer, cmds.byteOffset, cmds.byteLength);
  const u64 = (o: number) => Number(v.getBigUint64(o, true));
  const out: ElfSection[] = [];
  for (let i = 0, o = 0; i < ncmds; i++) {
    if (o + 8 > cmds.length) throw new Error('a Mach-O load command runs past the others');
    const cmd = v.getUint32(o, true);
    const size = v.getUint32(o + 4, true);
    if (size < 8 || o + size > cmds.length) throw new Error('a Mach-O load command has a wrong size');
    if (cmd === LC_SEGMENT_64) {
      const segname = cstring(cmds.subarray(o + 8, o + 24));
      const nsects = v.getUint32(o + 64, true);
      if (72 + nsects * 80 > size) throw new Error(`segment ${segname} holds more sections than its command`);
      for (let s = 0; s < nsects; s++) {
        const so = o + 72 + s * 80;
        const type = v.getUint32(so + 64, true) & 0xff;
        const bytes = u64(so + 40);
        const zero = ZEROFILL.has(type);
        const sectname = cstring(cmds.subarray(so, so + 16));
        out.push({
          // Go has a __rodata in __TEXT and in __DATA_CONST: the second one is named with its segment.
          name: out.some((x) => x.name === sectname) ? `${segname},${sectname}` : sectname,
          // Zero-filled sections are ELF's NOBITS: memory at run time, nothing in the file.
          type: zero ? SHT_NOBITS : 1,
          alloc: segname !== '__DWARF',
          tls: type === S_THREAD_LOCAL_REGULAR || type === 0x12,
          address: u64(so + 32),
          offset: zero ? 0 : v.getUint32(so + 48, true),
          size: bytes,
          fileSize: zero ? 0 : bytes,
        });
      }
    } else if (cmd === LC_SYMTAB) {
      const [symoff, nsyms, stroff, strsize] = [8, 12, 16, 20].map((k) => v.getUint32(o + k, true)) as [number, number, number, number];
      if (nsyms > 0) out.push(linkedit(MACHO_SYMTAB, symoff, nsyms * 16));
      if (strsize > 0) out.push(linkedit(MACHO_STRTAB, stroff, strsize));
    } else if (cmd === LC_CODE_SIGNATURE) {
      const [dataoff, datasize] = [8, 12].map((k) => v.getUint32(o + k, true)) as [number, number];
      if (datasize > 0) out.push(linkedit(MACHO_SIGNATURE, dataoff, datasize));
    }
    o += size;
  }
  return out;
}
