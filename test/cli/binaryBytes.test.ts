// The built `gopsy binary` on real binaries: --json's fileSize, sections, per-package symbol/pclntab/other
// bytes and unattributed add up to the file size exactly (the sample, a stripped build, a darwin
// cross-build, and a real module nobody here wrote: go-internal's testscript), the text output's top line says the same, and
// `gopsy binary diff` compares sections and packages' file bytes.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copySample, removeTemp } from '../support/backend';
import { gopsy } from '../support/gopsyCli';

const REPO = path.resolve(__dirname, '../..');

interface Json {
  fileSize: number;
  sections: Array<{ name: string; size: number; memorySize?: number }>;
  packages: Array<{ package: string; symbolBytes: number; pclntabBytes: number; otherBytes: number }>;
  unattributed: number;
  unattributedParts: Array<{ name: string; size: number }>;
  fileProblems?: string[];
}

let temp: string;
const bins: Record<string, string> = {};

beforeAll(async () => {
  let project: string;
  ({ temp, project } = await copySample('cli-bytes'));
  bins.sample = path.join(temp, 'inventory.bin');
  execFileSync('go', ['build', '-o', bins.sample, '.'], { cwd: project });
  bins.stripped = path.join(temp, 'inventory-s');
  execFileSync('go', ['build', '-ldflags=-s -w', '-o', bins.stripped, '.'], { cwd: project });
  bins.darwin = path.join(temp, 'inventory-darwin');
  execFileSync('go', ['build', '-o', bins.darwin, '.'], { cwd: project, env: { ...process.env, GOOS: 'darwin', GOARCH: 'arm64' } });
  const real = execFileSync(process.execPath, [path.join(REPO, 'scripts/real-module.mjs')], { encoding: 'utf8' }).trim();
  bins.testscript = path.join(temp, 'testscript');
  execFileSync('go', ['build', '-o', bins.testscript, './cmd/testscript'], { cwd: real, env: { ...process.env, GOFLAGS: '-mod=mod', GOWORK: 'off' } });
}, 600_000);
afterAll(() => removeTemp(temp));

describe('gopsy binary --json attributes every byte', () => {
  test.each(['sample', 'stripped', 'testscript'])('%s: packages + unattributed = fileSize', async (name) => {
    const r = await gopsy(['binary', bins[name]!, '--json'], temp);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as Json;
    expect(j.fileSize).toBe(statSync(bins[name]!).size);
    const packages = j.packages.reduce((n, p) => n + p.symbolBytes + p.pclntabBytes + p.otherBytes, 0);
    expect(packages + j.unattributed).toBe(j.fileSize);
    expect(j.unattributedParts.reduce((n, p) => n + p.size, 0)).toBe(j.unattributed);
    expect(j.sections.find((s) => s.name === '.bss')).toMatchObject({ size: 0 });
    expect(j.sections.find((s) => s.name === '.bss')!.memorySize).toBeGreaterThan(0);
    const main = j.packages.find((p) => p.package === 'main')!;
    expect(main.pclntabBytes).toBeGreaterThan(0);
    expect(main.symbolBytes).toBeGreaterThan(0);
    if (name === 'stripped') expect(j.fileProblems!.join(' ')).toContain('stripped');
    else expect(j.unattributedParts.some((u) => u.name === '.debug_info')).toBe(true);
  });

  test('a darwin cross-build (Mach-O): sections, __gopclntab attributed, packages + unattributed = fileSize', async () => {
    const r = await gopsy(['binary', bins.darwin!, '--json'], temp);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as Json;
    expect(j.fileSize).toBe(statSync(bins.darwin!).size);
    expect(j.packages.reduce((n, p) => n + p.symbolBytes + p.pclntabBytes + p.otherBytes, 0) + j.unattributed).toBe(j.fileSize);
    expect(j.sections.map((s) => s.name)).toEqual(expect.arrayContaining(['__text', '__gopclntab', '__bss']));
    expect(j.sections.find((s) => s.name === '__bss')).toMatchObject({ size: 0 });
    expect(j.packages.find((p) => p.package === 'main')!.pclntabBytes).toBeGreaterThan(0);
    expect(j.fileProblems ?? []).toEqual([]);
  });

  test('the text output starts with the same top line', async () => {
    const r = await gopsy(['binary', bins.sample!], temp);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^ {2}every byte {4}[\d.]+ KiB file = [\d.]+ KiB attributed to \d+ packages \+ [\d.]+ KiB not attributed \(\.debug_info/m);
    expect(r.out).toMatch(/^ {2}\.bss +[\d.]+ KiB in memory, none in the file$/m);
    expect(r.out).toMatch(/^ +[\d.]+ KiB {2}ELF headers and padding: /m);
  });

  test('diff compares the files by section and package', async () => {
    const r = await gopsy(['binary', 'diff', bins.sample!, bins.stripped!, '--json'], temp);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as { file: { fileBefore: number; fileAfter: number; sections: Array<{ name: string; delta: number }> } };
    expect(j.file.fileBefore).toBe(statSync(bins.sample!).size);
    expect(j.file.fileAfter).toBe(statSync(bins.stripped!).size);
    // -s -w drops DWARF and the symbol table.
    expect(j.file.sections.find((s) => s.name === '.debug_info')!.delta).toBeLessThan(0);
    expect(j.file.sections.find((s) => s.name === '.symtab')!.delta).toBeLessThan(0);
    const text = await gopsy(['binary', 'diff', bins.sample!, bins.stripped!], temp);
    expect(text.out).toMatch(/^Sections that changed \(\d+\):$/m);
  });
});
