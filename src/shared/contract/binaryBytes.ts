// Every byte of a binary file attributed: per package (symbols, pclntab share, type data and itabs)
// plus what no package owns, per section. packages' totals + unattributed = fileSize, exactly.
import { z } from 'zod';

export const FilePackageBytes = z.object({
  package: z.string(),
  module: z.string(),
  /** Bytes of its functions and data (nm's symbols), clipped to the file. */
  symbolBytes: z.number(),
  /** Its functions' share of the PC/line table: names, _func records, pc-value tables, file tables, funcdata. */
  pclntabBytes: z.number(),
  /** Its type descriptors and itabs the symbol table names. */
  otherBytes: z.number(),
  total: z.number(),
});
export type FilePackageBytes = z.infer<typeof FilePackageBytes>;

export const UnattributedPart = z.object({ name: z.string(), size: z.number(), why: z.string() });
export type UnattributedPart = z.infer<typeof UnattributedPart>;

export const FileSectionBytes = z.object({
  name: z.string(),
  /** Bytes in the file (0 for .bss and .noptrbss). */
  size: z.number(),
  /** For sections with no bytes in the file: the memory they take when the program runs. */
  memorySize: z.number().optional(),
  attributed: z.number(),
  unattributed: z.number(),
});
export type FileSectionBytes = z.infer<typeof FileSectionBytes>;

export const FileBytes = z.object({
  format: z.enum(['elf', 'mach-o', 'pe', 'unknown']),
  fileSize: z.number(),
  sections: z.array(FileSectionBytes),
  packages: z.array(FilePackageBytes),
  attributed: z.number(),
  unattributed: z.number(),
  unattributedParts: z.array(UnattributedPart),
  pclntab: z.object({ functions: z.number(), files: z.number() }).optional(),
  /** What could not be read (a format not supported, no pclntab, a truncated file), in a user's words. */
  problems: z.array(z.string()),
});
export type FileBytes = z.infer<typeof FileBytes>;

/** One entry of a size comparison: its bytes before and after and the change. */
export const SizeDelta = z.object({ name: z.string(), before: z.number(), after: z.number(), delta: z.number() });
export type SizeDelta = z.infer<typeof SizeDelta>;

/** Two whole files compared: the file size, each section, each package's attributed bytes, each unattributed part. */
export const FileBytesDiff = z.object({
  fileBefore: z.number(),
  fileAfter: z.number(),
  unattributedBefore: z.number(),
  unattributedAfter: z.number(),
  sections: z.array(SizeDelta),
  /** By package: all its bytes in the file (symbols, pclntab share, type data). */
  packages: z.array(SizeDelta),
  unattributed: z.array(SizeDelta),
});
export type FileBytesDiff = z.infer<typeof FileBytesDiff>;
