// Every byte attributed, on real binaries built here: the inventory sample as built by default, stripped
// (-s -w), static without cgo, cross-built for macOS (Mach-O, checked against debug/macho) and Windows
// (PE, not read yet), plus a truncated copy and a non-Go ELF file. The invariant: packages + unattributed = file size.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseFile } from '../../../src/main/services/binary/binaryService';
import { readFileBytes } from '../../../src/main/services/binary/fileBytes';
import { readSections } from '../../../src/main/services/binary/analyseBinary';
import { parsePclntab } from '../../../src/core/binary/pclntab';
import type { FileBytes } from '../../../src/shared/contract/binaryBytes';
import type { SizeNode } from '../../../src/shared/contract/binaryTypes';
import { elfSections, goPclntabFunctions } from '../../support/elfSections';
import { goMacho } from '../../support/machoSections';
import { SAMPLE_DIR, copySample, removeTemp } from '../../support/backend';

const analyse = async (bin: string, cwd: string) => (await analyseFile(bin, cwd, { id: 't', name: path.basename(bin), location: bin, fileSize: statSync(bin).size })).analysis;

function expectExact(b: FileBytes, fileSize: number) {
  expect(b.fileSize).toBe(fileSize);
  expect(b.packages.reduce((n, p) => n + p.symbolBytes + p.pclntabBytes + p.otherBytes, 0) + b.unattributed).toBe(fileSize);
  expect(b.attributed + b.unattributed).toBe(fileSize);
  expect(b.unattributedParts.reduce((n, p) => n + p.size, 0)).toBe(b.unattributed);
  for (const p of b.packages) expect(p.total).toBe(p.symbolBytes + p.pclntabBytes + p.otherBytes);
  for (const s of b.sections) expect(s.attributed + s.unattributed).toBe(s.size);
}

const sumTree = (n: SizeNode): boolean => !n.children || (n.children.reduce((s, c) => s + c.size, 0) === n.size && n.children.every(sumTree));

describe('every byte of a real Go binary attributed', () => {
  let temp: string;
  let project: string;
  const bins: Record<string, string> = {};

  beforeAll(async () => {
    ({ temp, project } = await copySample('bytes'));
    const build = (name: string, args: string[], env: Record<string, string> = {}) => {
      bins[name] = path.join(temp, name);
      execFileSync('go', ['build', ...args, '-o', bins[name]!, '.'], { cwd: project, env: { ...process.env, ...env } });
    };
    build('default', []);
    build('stripped', ['-ldflags=-s -w']);
    build('static', ['-ldflags=-extldflags=-static'], { CGO_ENABLED: '0' });
    build('darwin', [], { GOOS: 'darwin', GOARCH: 'arm64' });
    build('windows', [], { GOOS: 'windows', GOARCH: 'amd64' });
  }, 300_000);
  afterAll(() => removeTemp(temp));

  it('adds up to the file size exactly, with the sections debug/elf reads', async () => {
    const a = await analyse(bins.default!, temp);
    const b = a.bytes!;
    expectExact(b, a.fileSize);
    expect(b.problems).toEqual([]);
    const ref = elfSections(bins.default!, temp).filter((s) => s.Name);
    expect(b.sections.map((s) => s.name)).toEqual(ref.filter((s) => s.Size > 0).map((s) => s.Name));
    // .bss and .noptrbss take memory, not file bytes.
    for (const name of ['.bss', '.noptrbss']) {
      const s = b.sections.find((x) => x.name === name)!;
      expect(s.size).toBe(0);
      expect(s.memorySize).toBe(ref.find((r) => r.Name === name)!.Size);
    }
    // pclntab and funcdata go to packages: almost all of .gopclntab is attributed.
    const pcl = b.sections.find((s) => s.name === '.gopclntab')!;
    expect(pcl.attributed / pcl.size).toBeGreaterThan(0.98);
    const runtime = b.packages.find((p) => p.package === 'runtime')!;
    expect(runtime.pclntabBytes).toBeGreaterThan(0);
    expect(b.packages.find((p) => p.package === 'main')!.symbolBytes).toBeGreaterThan(0);
    // DWARF is named, never spread over packages.
    expect(b.unattributedParts.some((u) => u.name === '.debug_info' && u.why.includes('DWARF'))).toBe(true);
    expect(b.unattributedParts.some((u) => u.name === 'ELF headers and padding')).toBe(true);
    // The whole-file tree: root is the file size, every node the sum of its children.
    expect(a.fileTree!.size).toBe(a.fileSize);
    expect(sumTree(a.fileTree!)).toBe(true);
  });

  it('reads the same functions from the pclntab as debug/gosym', async () => {
    const { sections } = await readSections(bins.default!);
    const sec = sections!.find((s) => s.name === '.gopclntab')!;
    const bytes = readFileSync(bins.default!).subarray(sec.offset, sec.offset + sec.size);
    const table = parsePclntab(bytes, true);
    const ref = goPclntabFunctions(bins.default!, temp);
    expect(table.nfunc).toBe(ref.length);
    expect(table.functions.map((f) => f.name)).toEqual(ref);
  });

  it('attributes a stripped binary (-s -w) through its pclntab alone', async () => {
    const a = await analyse(bins.stripped!, temp);
    const b = a.bytes!;
    expectExact(b, a.fileSize);
    expect(b.sections.some((s) => s.name.startsWith('.debug_') || s.name === '.symtab')).toBe(false);
    expect(b.problems.join(' ')).toContain('stripped');
    expect(b.packages.find((p) => p.package === 'main')!.pclntabBytes).toBeGreaterThan(0);
    // Code is attributed by the pclntab's function entries.
    const text = b.sections.find((s) => s.name === '.text')!;
    expect(text.attributed).toBe(text.size);
    expect(b.packages.find((p) => p.package === 'main')!.symbolBytes).toBeGreaterThan(0);
  });

  it('adds up on a cgo binary linked by the system linker', async () => {
    const cgo = path.join(path.dirname(project), 'cgodeps');
    cpSync(path.join(SAMPLE_DIR, '..', 'cgodeps'), cgo, { recursive: true });
    mkdirSync(path.join(cgo, 'lib'));
    execFileSync('gcc', ['-shared', '-fPIC', '-o', path.join(cgo, 'lib', 'libgopsydemo.so'), path.join(cgo, 'clib', 'gopsydemo.c')]);
    const bin = path.join(temp, 'cgo');
    execFileSync('go', ['build', '-o', bin, '.'], { cwd: cgo });
    const a = await analyse(bin, temp);
    expectExact(a.bytes!, a.fileSize);
    expect(a.bytes!.problems).toEqual([]);
    expect(a.bytes!.packages.find((p) => p.package === 'main')!.pclntabBytes).toBeGreaterThan(0);
  }, 180_000);

  it('adds up on a static build without cgo', async () => {
    const a = await analyse(bins.static!, temp);
    expectExact(a.bytes!, a.fileSize);
    expect(a.bytes!.problems).toEqual([]);
  });

  it('reads a darwin cross-build\'s Mach-O sections as debug/macho does and attributes its __gopclntab', async () => {
    const a = await analyse(bins.darwin!, temp);
    const b = a.bytes!;
    expect(b.format).toBe('mach-o');
    expectExact(b, a.fileSize);
    expect(b.problems).toEqual([]);
    const ref = goMacho(bins.darwin!, temp);
    const { sections } = await readSections(bins.darwin!);
    const own = sections!.filter((s) => !s.name.startsWith('__LINKEDIT '));
    // A name that repeats (__rodata in __TEXT and __DATA_CONST) is given its segment the second time.
    const refNames = ref.Sections.map((s, i) => (ref.Sections.slice(0, i).some((p) => p.Name === s.Name) ? `${s.Seg},${s.Name}` : s.Name));
    expect(own.map((s) => [s.name, s.address, s.size])).toEqual(ref.Sections.map((s, i) => [refNames[i], s.Addr, s.Size]));
    expect(new Set(own.map((s) => s.name)).size).toBe(own.length);
    // __bss and __noptrbss take memory, not file bytes.
    for (const name of ['__bss', '__noptrbss']) {
      const s = b.sections.find((x) => x.name === name)!;
      expect(s.size).toBe(0);
      expect(s.memorySize).toBe(ref.Sections.find((r) => r.Name === name)!.Size);
    }
    expect(b.pclntab?.functions).toBe(ref.Funcs.length);
    const pcl = b.sections.find((s) => s.name === '__gopclntab')!;
    expect(pcl.attributed / pcl.size).toBeGreaterThan(0.98);
    expect(b.packages.find((p) => p.package === 'runtime')!.pclntabBytes).toBeGreaterThan(0);
    expect(b.packages.find((p) => p.package === 'main')!.symbolBytes).toBeGreaterThan(0);
    expect(b.unattributedParts.some((u) => u.name.startsWith('__zdebug_') || u.name.startsWith('__debug_'))).toBe(true);
    expect(b.unattributedParts.find((u) => u.name === '__LINKEDIT symbol table')?.why).toContain('symbol table');
    expect(a.fileTree!.size).toBe(a.fileSize);
    expect(sumTree(a.fileTree!)).toBe(true);
  });

  it('says clearly that PE is not read, and still adds up', async () => {
    const a = await analyse(bins.windows!, temp);
    expect(a.bytes!.format).toBe('pe');
    expectExact(a.bytes!, a.fileSize);
    expect(a.bytes!.problems[0]).toMatch(/Nothing attributed: it is PE/);
    expect(a.bytes!.unattributed).toBe(a.fileSize);
  });

  it('keeps the total right on a truncated file and on a non-Go ELF file', async () => {
    const cut = path.join(temp, 'truncated');
    const whole = readFileSync(bins.default!);
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const { sections } = await readSections(cut);
    const b = await readFileBytes(cut, statSync(cut).size, sections, [], null);
    expectExact(b, statSync(cut).size);
    expect(b.problems.join(' ')).toMatch(/the file ends before \d+ of its sections/);
    const other = path.join(temp, 'true');
    copyFileSync('/bin/true', other);
    const t = await readFileBytes(other, statSync(other).size, (await readSections(other)).sections, [], null);
    expectExact(t, statSync(other).size);
    expect(t.problems.join(' ')).toContain('no Go pclntab');
  });
});
