// The attribution's invariants on any layout (fast-check): packages + unattributed = file size, each
// section's attributed + unattributed = its bytes in the file, nothing negative; and the small pieces:
// pc-value table lengths, type data's package, the top line, a damaged pclntab refused with a sentence.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributeFileBytes, typeDataPackage } from '../../../src/core/binary/byteAttribution';
import { parsePclntab, pcvalueLength } from '../../../src/core/binary/pclntab';
import { fileBytesHeadline } from '../../../src/core/binary/fileTree';
import { diffFileBytes } from '../../../src/core/binary/fileBytesDiff';
import { markMemoryOnly, readElfSections, type ElfSection } from '../../../src/core/binary/elfSections';
import { parseNm } from '../../../src/core/binary/nm';
import { parseBuildInfo } from '../../../src/core/binary/buildInfo';
import { fixture } from '../fixtures';
import type { NmSymbol } from '../../../src/shared/contract/binaryTypes';

const section = fc.record({
  name: fc.constantFrom('.text', '.rodata', '.data', '.bss', '.debug_info', '.symtab', ''),
  nobits: fc.boolean(),
  alloc: fc.boolean(),
  address: fc.nat(1 << 20),
  offset: fc.nat(1 << 16),
  size: fc.nat(1 << 14),
});
const symbol = fc.record({
  name: fc.constantFrom('main.main', 'fmt.Println', 'type:*main.T', 'go:itab.*os.File,io.Writer', 'runtime.x', 'go:string.*'),
  address: fc.nat(1 << 20),
  size: fc.nat(1 << 12),
  type: fc.constantFrom('T', 'D', 'R', 'U'),
});

describe('attributeFileBytes', () => {
  it('adds up to the file size exactly on any sections and symbols', () => {
    fc.assert(
      fc.property(fc.array(section, { maxLength: 12 }), fc.array(symbol, { maxLength: 40 }), fc.nat(1 << 17), (secs, syms, fileSize) => {
        const sections: ElfSection[] = secs.map((s) => ({
          name: s.name,
          type: s.nobits ? 8 : 1,
          alloc: s.alloc,
          tls: false,
          address: s.address,
          offset: s.offset,
          size: s.size,
          fileSize: s.nobits ? 0 : s.size,
        }));
        const b = attributeFileBytes({ format: 'elf', fileSize, sections, symbols: syms as NmSymbol[], buildInfo: null });
        const packages = b.packages.reduce((n, p) => n + p.symbolBytes + p.pclntabBytes + p.otherBytes, 0);
        expect(packages + b.unattributed).toBe(fileSize);
        expect(b.unattributedParts.reduce((n, p) => n + p.size, 0)).toBe(b.unattributed);
        for (const s of b.sections) {
          expect(s.attributed + s.unattributed).toBe(s.size);
          expect(s.unattributed).toBeGreaterThanOrEqual(0);
        }
        for (const u of b.unattributedParts) expect(u.size).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('gives overlapping symbols\' bytes once, and type data to the package in its name', () => {
    const sections: ElfSection[] = [{ name: '.rodata', type: 1, alloc: true, tls: false, address: 0x1000, offset: 0x100, size: 0x100, fileSize: 0x100 }];
    const symbols: NmSymbol[] = [
      { name: 'type:*example.com/p.T', address: 0x1000, size: 0x40, type: 'R' },
      { name: 'example.com/p.table', address: 0x1020, size: 0x40, type: 'R' },
    ];
    const b = attributeFileBytes({ format: 'elf', fileSize: 0x300, sections, symbols, buildInfo: null });
    expect(b.packages).toEqual([{ package: 'example.com/p', module: '(unknown module)', symbolBytes: 0x20, pclntabBytes: 0, otherBytes: 0x40, total: 0x60 }]);
    expect(b.unattributedParts).toEqual([
      { name: 'ELF headers and padding', size: 0x200, why: 'file header, program headers, section headers, alignment' },
      { name: '.rodata', size: 0xa0, why: 'type descriptors, strings and constants the symbol table does not name' },
    ]);
    expect(fileBytesHeadline(b, (n) => `${n} B`)).toBe('768 B file = 96 B attributed to 1 packages + 672 B not attributed (ELF headers and padding 512 B, .rodata 160 B)');
    const same = diffFileBytes(b, b);
    expect([same.sections, same.packages, same.unattributed]).toEqual([[], [], []]);
  });
});

describe('pclntab pieces', () => {
  it('measures a pc-value table up to its 0 terminator, varints included', () => {
    // (value +1, pc 2), (value, pc as a two-byte varint), then the end.
    const t = Uint8Array.from([0x02, 0x02, 0x82, 0x01, 0x05, 0x00, 0xff]);
    expect(pcvalueLength(t, 0, t.length)).toBe(6);
    // A first value delta of 0 is a value, not the end.
    expect(pcvalueLength(Uint8Array.from([0x00, 0x04, 0x00]), 0, 3)).toBe(3);
  });

  it('names the package of type data and itabs', () => {
    expect(typeDataPackage('type:*example.com/inventory/store.Store')).toBe('example.com/inventory/store');
    expect(typeDataPackage('type:.eq.[8]internal/abi.Kind')).toBe('internal/abi');
    expect(typeDataPackage('go:itab.*os.File,io.Writer')).toBe('os');
    expect(typeDataPackage('type:func(int) bool')).toBe('(type data)');
  });

  it('refuses a damaged header with an Error, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 200 }), (tail) => {
        const bytes = Uint8Array.from([0xf1, 0xff, 0xff, 0xff, 0, 0, 1, 8, ...tail]);
        try {
          const t = parsePclntab(bytes, true);
          expect(t.claims.every((c) => c.start >= 0 && c.start + c.length <= bytes.length)).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(Error);
        }
      }),
      { numRuns: 500 },
    );
    expect(() => parsePclntab(Uint8Array.from([1, 2, 3, 4, 0, 0, 1, 8]), true)).toThrow(/unknown magic/);
  });
});

describe('the sample binary from its recorded headers (scripts/fixtures-binary.mjs)', () => {
  const recorded = JSON.parse(fixture('elf-headers-inventory.json')) as { fileSize: number; chunks: Array<{ offset: number; base64: string }> };
  const chunks = recorded.chunks.map((c) => ({ offset: c.offset, bytes: Buffer.from(c.base64, 'base64') }));
  // Reads what was recorded; any other byte of the binary is not there (the reader would see zeros).
  const read = async (offset: number, length: number) => {
    const out = new Uint8Array(length);
    for (const c of chunks) {
      const from = Math.max(offset, c.offset);
      const to = Math.min(offset + length, c.offset + c.bytes.length);
      if (to > from) out.set(c.bytes.subarray(from - c.offset, to - c.offset), from - offset);
    }
    return out;
  };

  it('reads its sections and, with its nm symbols, attributes every byte', async () => {
    const sections = (await readElfSections(read))!;
    expect(sections.map((s) => s.name)).toEqual(expect.arrayContaining(['.text', '.rodata', '.gopclntab', '.bss', '.noptrbss', '.debug_info', '.symtab']));
    const symbols = markMemoryOnly(parseNm(fixture('nm-inventory.txt')), sections);
    const b = attributeFileBytes({ format: 'elf', fileSize: recorded.fileSize, sections, symbols, buildInfo: parseBuildInfo(fixture('version-m-inventory.txt')) });
    expect(b.attributed + b.unattributed).toBe(recorded.fileSize);
    expect(b.packages.reduce((n, p) => n + p.total, 0)).toBe(b.attributed);
    expect(b.sections.find((s) => s.name === '.bss')).toMatchObject({ size: 0, attributed: 0 });
    expect(b.packages.find((p) => p.package === 'example.com/inventory/store')!.module).toBe('example.com/inventory');
    expect(b.unattributedParts.find((u) => u.name === '.debug_info')!.size).toBe(sections.find((s) => s.name === '.debug_info')!.fileSize);
    // Without the pclntab parsed, .gopclntab stays unattributed but for the symbols nm places in it (go:func.*).
    const pcl = b.sections.find((s) => s.name === '.gopclntab')!;
    expect(pcl.unattributed).toBeGreaterThan(pcl.size / 2);
  });
});
