// The GODEBUG profile chosen in the toolbar, shaped for a new console: it goes to programs (go run,
// go test, the shell), not to builds, unless the profile asks for the go command too;
// GOCOMPILEDEBUG always goes to the compiler.
import type { GodebugProfile, Params } from '../../../../shared/api';

export type ConsoleGodebug = NonNullable<Params<'console.open'>['godebug']>;

/** The `godebug` of a console.open call for the selected profile; none without one. */
export function consoleGodebug(p: GodebugProfile | null): ConsoleGodebug | undefined {
  return p ? { GODEBUG: p.godebug, ...(p.gocompiledebug ? { GOCOMPILEDEBUG: p.gocompiledebug } : {}), ...(p.applyToGoCommand ? { applyToGoCommand: true } : {}) } : undefined;
}
