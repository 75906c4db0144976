// `gopsy godebug check|parse` against the real toolchain and real captured output.
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { godebugCommand } from '../../src/cli/godebug';

const FIXTURES = path.resolve(__dirname, '../fixtures/godebug');

async function run(argv: string[]): Promise<{ code: number | undefined; out: string }> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (chunks.push(String(c)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await godebugCommand.run(argv), out: chunks.join('') };
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('gopsy godebug check', () => {
  it('fails on mmap=1 with one line naming the reason', async () => {
    const { code, out } = await run(['check', 'gctrace=1,mmap=1']);
    expect(code).toBe(1);
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).toMatch(/^GODEBUG mmap=1: error: mmap is not a setting of go1\.\d+/);
  });

  it('passes the built-in presets, and checks GOCOMPILEDEBUG keys', async () => {
    expect(await run(['check', 'schedtrace=1000,scheddetail=1'])).toEqual({ code: 0, out: '' });
    const c = await run(['check', 'gctrace=1', '--compile', 'nil=1,bogus=1', '--json']);
    expect(c.code).toBe(1);
    expect(JSON.parse(c.out.trim())).toMatchObject({ variable: 'GOCOMPILEDEBUG', key: 'bogus', code: 'unknown' });
  });
});

describe('gopsy godebug parse', () => {
  it('prints events as JSON lines', async () => {
    const { code, out } = await run(['parse', path.join(FIXTURES, 'current-inittrace.txt'), '--json']);
    expect(code).toBe(0);
    const evs = out.trim().split('\n').map((l) => JSON.parse(l) as { kind: string; pkg?: string });
    expect(evs.filter((e) => e.kind === 'init').map((e) => e.pkg)).toContain('net/http');
  });

  it('summarises, and says so when the file cannot be read', async () => {
    expect((await run(['parse', path.join(FIXTURES, 'current-gctrace.txt')])).out).toMatch(/GC: \d+ cycles/);
    expect((await run(['parse', '/nonexistent/file'])).code).toBe(1);
  });
});
