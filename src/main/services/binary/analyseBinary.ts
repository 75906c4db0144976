// Runs the toolchain's own tools on one binary: `go version -m` and `go tool nm -size -sort size`
// (with each symbol placed in its ELF section), and `go tool objdump -s` for one function on demand.
import { open } from 'node:fs/promises';
import type { BuildInfo, DisassembledFunction, NmSymbol } from '../../../shared/contract/binaryTypes';
import { GopsyError } from '../../../shared/rpc';
import { exactSymbolPattern, parseObjdump, type FileResolver } from '../../../core/binary/objdump';
import { markMemoryOnly, readElfSections, type ElfSection } from '../../../core/binary/elfSections';
import { readMachoSections } from '../../../core/binary/machoSections';
import { goVersionOfBinary } from '../go/version';
import { goToolNm, goToolObjdump } from '../go/tool';

/** `go version -m` reads the whole binary: it is given longer than a plain `go version`. */
const BUILD_INFO_TIMEOUT_MS = 60_000;

export interface BinaryFacts {
  buildInfo: BuildInfo | null;
  buildInfoProblem?: string;
  symbols: NmSymbol[];
  /** The section headers (ELF, or 64-bit Mach-O's as the same shape); null (with sectionsProblem) when they cannot be read. */
  sections: ElfSection[] | null;
  sectionsProblem?: string;
}

/** The file's section headers (ELF or 64-bit Mach-O), read from the file itself (a few KiB: the header, the table, the names). */
export async function readSections(binary: string): Promise<{ sections: ElfSection[] | null; problem?: string }> {
  let fh;
  try {
    fh = await open(binary, 'r');
    const f = fh;
    const read = async (offset: number, length: number) => {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await f.read(buf, 0, length, offset);
      return buf.subarray(0, bytesRead);
    };
    const sections = (await readElfSections(read)) ?? (await readMachoSections(read));
    return sections ? { sections } : { sections: null, problem: 'neither ELF nor 64-bit Mach-O, so .bss could not be told apart from data' };
  } catch (err) {
    return { sections: null, problem: `its section headers could not be read (${(err as Error).message})` };
  } finally {
    await fh?.close();
  }
}

export async function readBinaryFacts(binary: string, cwd: string): Promise<BinaryFacts> {
  const [ver, nm, elf] = await Promise.all([
    goVersionOfBinary(binary, { cwd, timeoutMs: BUILD_INFO_TIMEOUT_MS }),
    goToolNm(binary, { cwd }),
    readSections(binary),
  ]);
  // A stripped binary (-ldflags=-s) has no symbol table: nm fails, the file's sections and pclntab still tell a lot.
  const stripped = nm.exitCode !== 0 && /no symbol section|no symbols/.test(nm.stderr) && !!elf.sections;
  if (nm.exitCode !== 0 && !stripped) {
    throw new GopsyError('not-a-binary', `go tool nm could not read ${binary}: ${nm.stderr.trim().slice(0, 500)}`);
  }
  const buildInfo = ver.buildInfo;
  const parsed = stripped ? [] : nm.symbols;
  const facts: BinaryFacts = {
    buildInfo,
    symbols: elf.sections ? markMemoryOnly(parsed, elf.sections) : parsed,
    sections: elf.sections,
    ...(elf.problem ? { sectionsProblem: elf.problem } : {}),
  };
  if (!buildInfo) facts.buildInfoProblem = (ver.stderr || ver.stdout).trim().slice(0, 500) || 'no Go build info in this file';
  return facts;
}

export async function disassemble(binary: string, symbol: string, cwd: string, resolve: FileResolver): Promise<DisassembledFunction | null> {
  const res = await goToolObjdump(exactSymbolPattern(symbol), binary, { cwd });
  if (res.exitCode !== 0) throw new GopsyError('objdump-failed', `go tool objdump failed: ${res.stderr.trim().slice(0, 500)}`);
  return parseObjdump(res.stdout, resolve).find((f) => f.name === symbol) ?? null;
}
