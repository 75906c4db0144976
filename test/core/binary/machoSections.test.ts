// Mach-O section headers on hand-made headers: a segment with a section and a zero-fill one, __LINKEDIT's
// symbol table, and bad input (not Mach-O, load commands cut short or with a wrong size) refused plainly.
// Real darwin cross-builds are checked against debug/macho in test/main/binary/fileBytes.test.ts.
import { expect, test } from 'vitest';
import { readMachoSections, MACHO_SYMTAB } from '../../../src/core/binary/machoSections';
import { SHT_NOBITS } from '../../../src/core/binary/elfSections';

function machO(): Uint8Array {
  const seg = 72 + 2 * 80;
  const symtab = 24;
  const buf = new Uint8Array(32 + seg + symtab);
  const v = new DataView(buf.buffer);
  v.setUint32(0, 0xfeedfacf, true);
  v.setUint32(16, 2, true); // ncmds
  v.setUint32(20, seg + symtab, true);
  const name = (o: number, s: string) => buf.set(new TextEncoder().encode(s), o);
  let o = 32;
  v.setUint32(o, 0x19, true);
  v.setUint32(o + 4, seg, true);
  name(o + 8, '__DATA');
  v.setUint32(o + 64, 2, true);
  const sect = (i: number, n: string, addr: number, size: number, offset: number, flags: number) => {
    const so = o + 72 + i * 80;
    name(so, n);
    name(so + 16, '__DATA');
    v.setBigUint64(so + 32, BigInt(addr), true);
    v.setBigUint64(so + 40, BigInt(size), true);
    v.setUint32(so + 48, offset, true);
    v.setUint32(so + 64, flags, true);
  };
  sect(0, '__data', 0x1000, 64, 4096, 0);
  sect(1, '__bss', 0x1040, 512, 0, 0x1);
  o += seg;
  v.setUint32(o, 0x2, true);
  v.setUint32(o + 4, symtab, true);
  v.setUint32(o + 8, 8192, true);
  v.setUint32(o + 12, 3, true);
  v.setUint32(o + 16, 9000, true);
  v.setUint32(o + 20, 100, true);
  return buf;
}

const reader = (b: Uint8Array) => (offset: number, length: number) => Promise.resolve(b.subarray(offset, offset + length));

test('sections, zero-fill as memory only, and the symbol table in __LINKEDIT', async () => {
  const s = (await readMachoSections(reader(machO())))!;
  expect(s.map((x) => [x.name, x.address, x.size, x.fileSize])).toEqual([
    ['__data', 0x1000, 64, 64],
    ['__bss', 0x1040, 512, 0],
    [MACHO_SYMTAB, 0, 48, 48],
    ['__LINKEDIT symbol names', 0, 100, 100],
  ]);
  expect(s[1]!.type).toBe(SHT_NOBITS);
  expect(s[0]!.offset).toBe(4096);
});

test('not Mach-O is null; damaged load commands are an Error', async () => {
  expect(await readMachoSections(reader(new TextEncoder().encode('\x7fELF and more bytes than thirty two')))).toBeNull();
  const whole = machO();
  await expect(readMachoSections(reader(whole.subarray(0, 100)))).rejects.toThrow(/past the end/);
  const bad = machO();
  new DataView(bad.buffer).setUint32(32 + 4, 4, true);
  await expect(readMachoSections(reader(bad))).rejects.toThrow(/wrong size/);
});
