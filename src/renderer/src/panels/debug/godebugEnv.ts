// The toolbar's GODEBUG profile applies to debug sessions too: the debuggee gets it in its
// environment (Delve's launch `env`), unless the configuration sets GODEBUG itself (a launch.json
// entry is the more specific choice). GOCOMPILEDEBUG is for builds and is not passed to the program.
import type { DebugConfig } from '../../../../shared/contract/debug';
import type { GodebugProfile } from '../../../../shared/godebug';

export function withGodebug(config: DebugConfig, profile: GodebugProfile | null): { config: DebugConfig; note: string | null } {
  if (!profile?.godebug) return { config, note: null };
  if (config.env && 'GODEBUG' in config.env) {
    return { config, note: `GODEBUG from the configuration (${config.env.GODEBUG}); the toolbar profile "${profile.name}" is not applied` };
  }
  return {
    config: { ...config, env: { ...config.env, GODEBUG: profile.godebug } },
    note: `GODEBUG=${profile.godebug} (profile "${profile.name}", program only)`,
  };
}
