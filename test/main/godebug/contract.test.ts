// The contract only lets GODEBUG / GOCOMPILEDEBUG values through as plain settings text: they end up
// in a child's environment and in a `-exec 'env K=V'` argument the go command splits on spaces.
import { describe, expect, it } from 'vitest';
import { methods } from '../../../src/shared/api';
import { execEnvArgs, godebugEnvFor } from '../../../src/main/services/godebug/env';

const open = methods['console.open'].params;
const base = { preset: 'run', cols: 80, rows: 24 };

describe('console.open godebug param', () => {
  it('accepts settings text', () => {
    expect(open.safeParse({ ...base, godebug: { GODEBUG: 'gctrace=1,schedtrace=1000', GOCOMPILEDEBUG: 'ssa/check_bce/debug=1' } }).success).toBe(true);
    expect(open.safeParse(base).success).toBe(true);
  });

  it('refuses spaces, quotes, shell syntax and other variables', () => {
    for (const bad of ['gctrace=1 LD_PRELOAD=x', "gctrace='1'", 'gctrace=$(id)', 'a;b', 'x\ny', '`id`']) {
      expect(open.safeParse({ ...base, godebug: { GODEBUG: bad } }).success, bad).toBe(false);
    }
    expect(open.safeParse({ ...base, godebug: { GODEBUG: 'gctrace=1', LD_PRELOAD: '/x.so' } }).success).toBe(false);
  });
});

describe('how a profile reaches the processes', () => {
  it('program only by default, go command when asked, compiler always', () => {
    const p = godebugEnvFor({ GODEBUG: 'gctrace=1', GOCOMPILEDEBUG: 'nil=1' });
    expect(p.program).toEqual({ GODEBUG: 'gctrace=1' });
    expect(p.goCommand).toEqual({ GOCOMPILEDEBUG: 'nil=1' });
    expect(godebugEnvFor({ GODEBUG: 'gctrace=1', applyToGoCommand: true }).goCommand).toEqual({ GODEBUG: 'gctrace=1' });
    expect(execEnvArgs(p.program)).toEqual(['-exec', 'env GODEBUG=gctrace=1']);
    expect(execEnvArgs({})).toEqual([]);
  });
});
