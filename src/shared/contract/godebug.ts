// GODEBUG profiles: the catalog of the selected toolchain, validation, saved profiles, the project's
// defaults, and the trace events parsed from consoles opened with a profile.
import { z } from 'zod';
import { Empty } from '../types';
import {
  EnvValue,
  Finding,
  GodebugCatalog,
  GodebugProfile,
  ProjectGodebugDefaults,
  TraceEvent,
} from '../godebug';

const ConsoleRef = z.object({ id: z.string().min(1).max(64) });

export const godebugMethods = {
  'godebug.catalog': { params: z.object({ refresh: z.boolean().optional() }), result: GodebugCatalog },
  'godebug.validate': {
    params: z.object({ godebug: EnvValue, gocompiledebug: EnvValue.optional() }),
    result: z.object({ goVersion: z.string(), findings: z.array(Finding) }),
  },
  'godebug.profiles': { params: Empty, result: z.array(GodebugProfile) },
  'godebug.saveProfile': { params: z.object({ profile: GodebugProfile }), result: z.array(GodebugProfile) },
  'godebug.deleteProfile': { params: z.object({ id: z.string().min(1).max(64) }), result: z.array(GodebugProfile) },
  'godebug.projectDefaults': { params: Empty, result: ProjectGodebugDefaults },
  /** Every event of a console's session so far (for a view opened late or after the run). */
  'godebug.session': {
    params: ConsoleRef,
    result: z.object({ godebug: z.string(), events: z.array(TraceEvent), truncated: z.boolean() }).nullable(),
  },
} as const;

export const godebugEvents = {
  /** Trace events of a console opened with a profile, in batches, in order. */
  'godebug.events': z.object({ id: z.string(), events: z.array(TraceEvent) }),
} as const;
