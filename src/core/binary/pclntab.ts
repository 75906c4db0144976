// Parses the Go runtime's PC/line table (.gopclntab, Go 1.18 and later: magic 0xfffffff0/0xfffffff1)
// into byte claims: which bytes of the table belong to which function (its name, its _func record, its
// pcsp/pcfile/pcln/pcdata tables) or compilation unit (its file list and file names). Layout from
// runtime/symtab.go (pcHeader) and runtime/runtime2.go (_func).

/** A byte range of the table, relative to the table's start, and who it belongs to. */
export interface PclntabClaim {
  start: number;
  length: number;
  /** A function name, or `cu:N` for compilation unit N (the caller maps both to packages). */
  owner: string;
  part: 'header' | 'funcname' | 'func' | 'pctab' | 'cutab' | 'filetab';
}

export interface PclntabFunction {
  name: string;
  /** Offset of the entry from the start of the text. */
  entryOff: number;
  /** Offset in go:func.* of each of its funcdata (stack maps, inline trees...), nil ones left out. */
  funcdata: number[];
}

export interface Pclntab {
  magic: number;
  ptrSize: number;
  nfunc: number;
  nfiles: number;
  /** The table's regions, relative to its start, in file order. */
  regions: Array<{ name: 'header' | 'funcnametab' | 'cutab' | 'filetab' | 'pctab' | 'functab'; start: number; length: number }>;
  functions: PclntabFunction[];
  /** The function that owns each compilation unit (the first one compiled in it), by cutab offset. */
  cuOwners: Map<number, string>;
  claims: PclntabClaim[];
}

export const PCLNTAB_MAGICS = [0xfffffff0, 0xfffffff1];

/** A table with more functions than this is a damaged header (large programs have a few hundred thousand). */
const MAX_FUNCS = 20_000_000;
const NIL = 0xffffffff;

/** Length of the NUL-terminated string at `off` (with its NUL), bounded by `end`. */
function cstrLength(b: Uint8Array, off: number, end: number): number {
  let i = off;
  while (i < end && b[i] !== 0) i++;
  return Math.min(i + 1, end) - off;
}

/** Length in bytes of the pc-value table at `off` (runtime.step: value/pc varint pairs ended by a 0 value delta). */
export function pcvalueLength(b: Uint8Array, off: number, end: number): number {
  let p = off;
  let first = true;
  while (p < end) {
    if (b[p] === 0 && !first) return p + 1 - off;
    // The value delta, then the pc delta: each a varint.
    while (p < end && (b[p]! & 0x80) !== 0) p++;
    p++;
    while (p < end && (b[p]! & 0x80) !== 0) p++;
    p++;
    first = false;
  }
  return Math.max(0, end - off);
}

/** The table's header, or null when `bytes` does not start with a known Go 1.18+ magic. */
export function pclntabMagic(bytes: Uint8Array, little: boolean): number | null {
  if (bytes.length < 8) return null;
  const magic = new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(0, little);
  return PCLNTAB_MAGICS.includes(magic) && bytes[4] === 0 && bytes[5] === 0 ? magic : null;
}

/** Parses the table; throws with a sentence when the header does not fit the bytes. */
export function parsePclntab(bytes: Uint8Array, little: boolean): Pclntab {
  const magic = pclntabMagic(bytes, little);
  if (magic === null) throw new Error('not a Go 1.18+ pclntab (unknown magic)');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ptrSize = bytes[7]!;
  if (ptrSize !== 4 && ptrSize !== 8) throw new Error(`pclntab pointer size ${ptrSize} is neither 4 nor 8`);
  const word = (i: number) => {
    const o = 8 + i * ptrSize;
    if (o + ptrSize > bytes.length) throw new Error('truncated pclntab header');
    return ptrSize === 8 ? Number(dv.getBigUint64(o, little)) : dv.getUint32(o, little);
  };
  const u32 = (o: number) => dv.getUint32(o, little);
  const nfunc = word(0);
  const nfiles = word(1);
  const [funcnameOff, cuOff, filetabOff, pctabOff, functabOff] = [word(3), word(4), word(5), word(6), word(7)];
  const headerLen = 8 + 8 * ptrSize;
  const offs = [headerLen, funcnameOff, cuOff, filetabOff, pctabOff, functabOff, bytes.length];
  for (let i = 1; i < offs.length; i++) {
    if (offs[i]! < offs[i - 1]!) throw new Error('pclntab regions out of order: a damaged or unknown layout');
  }
  if (nfunc > MAX_FUNCS || functabOff + (nfunc + 1) * 8 > bytes.length) throw new Error('pclntab function table runs past the end of the section');
  const regions: Pclntab['regions'] = [
    { name: 'header', start: 0, length: headerLen },
    { name: 'funcnametab', start: funcnameOff, length: cuOff - funcnameOff },
    { name: 'cutab', start: cuOff, length: filetabOff - cuOff },
    { name: 'filetab', start: filetabOff, length: pctabOff - filetabOff },
    { name: 'pctab', start: pctabOff, length: functabOff - pctabOff },
    { name: 'functab', start: functabOff, length: bytes.length - functabOff },
  ];
  const claims: PclntabClaim[] = [{ start: 0, length: headerLen, owner: '', part: 'header' }];
  const functions: PclntabFunction[] = [];
  const cuOwners = new Map<number, string>();
  const dec = new TextDecoder();
  // Every name in funcnametab, whether of a function or only of one inlined elsewhere (inline trees
  // name their callees here), belongs to the function it names. Decoded once, by offset.
  const names = new Map<number, string>();
  for (let o = funcnameOff; o < cuOff; ) {
    const len = cstrLength(bytes, o, cuOff);
    if (len > 1) {
      const name = dec.decode(bytes.subarray(o, o + len - 1));
      names.set(o, name);
      claims.push({ start: o, length: len, owner: name, part: 'funcname' });
    }
    o += len;
  }
  for (let i = 0; i < nfunc; i++) {
    const pair = functabOff + i * 8;
    const fo = functabOff + u32(pair + 4);
    if (fo + 44 > bytes.length) throw new Error(`pclntab function ${i} lies past the end of the section`);
    const nameOff = funcnameOff + u32(fo + 4);
    const name = names.get(nameOff) ?? (nameOff < cuOff ? dec.decode(bytes.subarray(nameOff, nameOff + Math.max(0, cstrLength(bytes, nameOff, cuOff) - 1))) : '');
    const npcdata = u32(fo + 28);
    const cu = u32(fo + 32);
    const nfuncdata = bytes[fo + 43]!;
    const recordLen = 44 + 4 * npcdata + 4 * nfuncdata;
    if (fo + recordLen > bytes.length) throw new Error(`pclntab function ${name} lies past the end of the section`);
    claims.push({ start: pair, length: 8, owner: name, part: 'func' });
    claims.push({ start: fo, length: recordLen, owner: name, part: 'func' });
    // pcsp, pcfile, pcln, then the pcdata tables; 0 means "none", and identical tables are shared.
    const tables = [u32(fo + 16), u32(fo + 20), u32(fo + 24)];
    for (let k = 0; k < npcdata; k++) tables.push(u32(fo + 44 + 4 * k));
    for (const t of tables) {
      if (t === 0) continue;
      const start = pctabOff + t;
      if (start < functabOff) claims.push({ start, length: pcvalueLength(bytes, start, functabOff), owner: name, part: 'pctab' });
    }
    const funcdata: number[] = [];
    for (let k = 0; k < nfuncdata; k++) {
      const off = u32(fo + 44 + 4 * npcdata + 4 * k);
      if (off !== NIL) funcdata.push(off);
    }
    if (!cuOwners.has(cu)) cuOwners.set(cu, name);
    functions.push({ name, entryOff: u32(pair), funcdata });
  }
  // Each compilation unit's file list (cutab, uint32 offsets into filetab) runs to the next unit's.
  const cus = [...cuOwners.keys()].sort((a, b) => a - b);
  const cuEntries = (filetabOff - cuOff) / 4;
  cus.forEach((cu, i) => {
    const owner = `cu:${cu}`;
    const end = Math.min(i + 1 < cus.length ? cus[i + 1]! : cuEntries, cuEntries);
    if (cu >= end) return;
    claims.push({ start: cuOff + cu * 4, length: (end - cu) * 4, owner, part: 'cutab' });
    for (let k = cu; k < end; k++) {
      const f = u32(cuOff + k * 4);
      if (f === NIL) continue;
      const start = filetabOff + f;
      if (start < pctabOff) claims.push({ start, length: cstrLength(bytes, start, pctabOff), owner, part: 'filetab' });
    }
  });
  return { magic, ptrSize, nfunc, nfiles, regions, functions, cuOwners, claims };
}
