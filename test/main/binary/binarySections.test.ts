// Binary sizes against the toolchain's own answer: the inventory sample built for real, its ELF
// sections read by gopsy and by Go's debug/elf, and .bss symbols (nm letters them D) kept out of
// the on-disk totals and the treemap of file bytes.
import { execFileSync } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseFile } from '../../../src/main/services/binary/binaryService';
import { readBinaryFacts, readSections } from '../../../src/main/services/binary/analyseBinary';
import { diffSizes } from '../../../src/core/binary/sizeDiff';
import type { BinaryAnalysis } from '../../../src/shared/contract/binary';
import type { SizeNode } from '../../../src/shared/contract/binaryTypes';
import { elfSections, type GoSection } from '../../support/elfSections';
import { copySample, removeTemp } from '../../support/backend';

const leaves = (n: SizeNode): SizeNode[] => (n.children ? n.children.flatMap(leaves) : [n]);

describe('binary sizes of a real Go binary', () => {
  let temp: string;
  let bin: string;
  let reference: GoSection[];
  let analysis: BinaryAnalysis;

  beforeAll(async () => {
    let project: string;
    ({ temp, project } = await copySample('bss'));
    bin = path.join(temp, 'inventory.bin');
    execFileSync('go', ['build', '-o', bin, '.'], { cwd: project });
    reference = elfSections(bin, temp);
    const st = await stat(bin);
    ({ analysis } = await analyseFile(bin, temp, { id: 'bss', name: 'inventory', location: bin, fileSize: st.size }));
  }, 180_000);
  afterAll(() => removeTemp(temp));

  it('reads the same section headers as debug/elf', async () => {
    const { sections } = await readSections(bin);
    expect(sections!.map((s) => ({ Name: s.name, Type: s.type, Alloc: s.alloc, Address: s.address, Size: s.size }))).toEqual(reference);
    expect(reference.find((s) => s.Name === '.noptrbss')?.Type).toBe(8); // SHT_NOBITS
  });

  it('puts .bss symbols apart: memory only, never in the file total or the treemap', async () => {
    const bss = reference.filter((s) => s.Alloc && s.Type === 8);
    const bssSize = bss.reduce((n, s) => n + s.Size, 0);
    const facts = await readBinaryFacts(bin, temp);
    const inBss = facts.symbols.filter((s) => s.type !== 'U' && bss.some((b) => s.address >= b.Address && s.address < b.Address + b.Size));
    const bssSymbols = inBss.reduce((n, s) => n + s.size, 0);
    // Every Go binary's heap state lives in .bss; nm letters it D all the same.
    expect(inBss.find((s) => s.name === 'runtime.mheap_')?.type).toBe('D');
    expect(bssSymbols).toBeGreaterThan(0);
    expect(bssSymbols).toBeLessThanOrEqual(bssSize);
    expect(analysis.memoryOnlyTotal).toBe(bssSymbols);
    expect(analysis.memoryOnlyPackages.find((p) => p.package === 'runtime')!.size).toBeGreaterThan(0);
    const names = new Set(leaves(analysis.tree).map((l) => l.name));
    expect(names.has('runtime.mheap_')).toBe(false);
    // The file bytes the treemap shows fit in the file's sections that have bytes.
    const inFile = reference.filter((s) => s.Alloc && s.Type !== 8).reduce((n, s) => n + s.Size, 0);
    expect(analysis.symbolTotal).toBeLessThanOrEqual(inFile);
    expect(analysis.symbolTotal).toBeLessThanOrEqual(analysis.fileSize);
    expect(analysis.tree.size).toBe(analysis.symbolTotal);
    const all = facts.symbols.filter((s) => s.type !== 'U' && s.size > 0).reduce((n, s) => n + s.size, 0);
    expect(analysis.symbolTotal + analysis.memoryOnlyTotal).toBe(all);
  });

  it('leaves .bss out of size diffs', async () => {
    const facts = await readBinaryFacts(bin, temp);
    const grown = facts.symbols.map((s) => (s.name === 'runtime.mheap_' ? { ...s, size: s.size * 2 } : s));
    const d = diffSizes(facts.symbols, grown);
    expect(d.totalAfter).toBe(d.totalBefore);
    expect(d.symbols.map((s) => s.name)).not.toContain('runtime.mheap_');
  });
});
