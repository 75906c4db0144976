// `gopsy asm` with the real compiler on a copy of resources/samples/asmlines (no run: the -S listing).
import { cp, realpath } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { asmCommand } from '../../src/cli/asm';
import { UsageError } from '../../src/cli/command';
import type { LinesAsm } from '../../src/shared/contract/linesAsm';
import { makeTemp, removeTemp } from '../support/backend';

async function cli(argv: string[]): Promise<{ code: number | undefined; out: string }> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (chunks.push(String(c)), true));
  try {
    return { code: await asmCommand.run(argv), out: chunks.join('') };
  } finally {
    spy.mockRestore();
  }
}

describe('gopsy asm', () => {
  let temp: string;
  let shapes: string;
  beforeAll(async () => {
    temp = await makeTemp('asmcli');
    await cp(path.resolve(__dirname, '../../resources/samples/asmlines'), path.join(temp, 'asmlines'), { recursive: true });
    shapes = path.join(await realpath(temp), 'asmlines/shapes/shapes.go');
  });
  afterAll(() => removeTemp(temp));

  it('prints the function around a line, source lines over their instructions', async () => {
    const { code, out } = await cli([`${shapes}:47`, '--storage', path.join(temp, 'storage')]);
    expect(code).toBe(0);
    expect(out).toContain('shapes/shapes.go:46-48 (At)');
    expect(out).toContain('from: go build -gcflags=example.com/asmlines/shapes=-S -o /dev/null ./shapes');
    expect(out).toMatch(/ 47 {2}return xs\[i\]\n(?: {9}\d{5} {2}.+\n)+/);
    expect(out).toContain('CALL runtime.panicBounds(SB)');
  }, 120_000);

  it('prints exactly a range as JSON, inlined code marked', async () => {
    const { out } = await cli([`${shapes}:54-54`, '--json', '--storage', path.join(temp, 'storage')]);
    const r = JSON.parse(out) as LinesAsm;
    expect([r.from, r.to]).toEqual([54, 54]);
    const insns = r.blocks.flatMap((b) => b.instructions);
    expect(insns.length).toBeGreaterThan(0);
    expect(insns.every((i) => i.line === 54)).toBe(true);
    expect(insns.some((i) => i.inlinedFrom?.file === 'shapes/clamp.go')).toBe(true);
  }, 120_000);

  it('refuses what is not FILE.go:LINE', async () => {
    await expect(cli(['shapes.go'])).rejects.toThrow(UsageError);
    await expect(cli([`${shapes}:9-3`])).rejects.toThrow(/must not end before/);
    await expect(cli([`${shapes}:3`, '--run', 'nope'])).rejects.toThrow(/not a run id/);
  });
});
