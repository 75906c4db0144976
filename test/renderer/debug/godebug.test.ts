import { describe, expect, it } from 'vitest';
import { withGodebug } from '../../../src/renderer/src/panels/debug/godebugEnv';

const gc = { id: 'gc', name: 'GC', godebug: 'gctrace=1', gocompiledebug: 'nil=1' };

describe('the GODEBUG profile in debug sessions', () => {
  it('goes into the debuggee environment, GOCOMPILEDEBUG does not', () => {
    const { config, note } = withGodebug({ name: 'pkg', mode: 'debug', env: { A: '1' } }, gc);
    expect(config.env).toEqual({ A: '1', GODEBUG: 'gctrace=1' });
    expect(note).toContain('GODEBUG=gctrace=1');
  });
  it('leaves a configuration that sets GODEBUG itself alone, and says so', () => {
    const { config, note } = withGodebug({ name: 'pkg', mode: 'debug', env: { GODEBUG: 'inittrace=1' } }, gc);
    expect(config.env).toEqual({ GODEBUG: 'inittrace=1' });
    expect(note).toContain('not applied');
  });
  it('changes nothing without a profile', () => {
    const c = { name: 'pkg', mode: 'debug' as const };
    expect(withGodebug(c, null)).toEqual({ config: c, note: null });
  });
});
