// Build capture: profiles, the command preview, runs (start, cancel, list, open) and their live output.
import { z } from 'zod';
import { RUN_ID } from '../runFolder';
import { BuildProfile, CommandPreview, RunDetail, RunSummary } from '../build';

const RunId = z.object({ id: z.string().regex(RUN_ID, 'not a run id') });

export const buildMethods = {
  /** Built-in profiles, then the ones saved for the open project. */
  'build.profiles': { params: z.object({}).strict(), result: z.array(BuildProfile) },
  'build.saveProfile': { params: z.object({ profile: BuildProfile }), result: z.array(BuildProfile) },
  /** Removes a saved profile of the open project (built-in ones cannot be removed). */
  'build.deleteProfile': { params: z.object({ name: z.string().min(1).max(80) }), result: z.array(BuildProfile) },
  /** The exact command and environment a profile runs, before it runs. */
  'build.preview': { params: z.object({ profile: BuildProfile }), result: CommandPreview },
  'build.start': { params: z.object({ profile: BuildProfile }), result: RunSummary },
  /** Ends the build's whole process tree; the run is kept, marked cancelled. */
  'build.cancel': { params: RunId, result: z.null() },
  'build.runs': { params: z.object({}).strict(), result: z.array(RunSummary) },
  'build.run': { params: RunId, result: RunDetail },
} as const;

export const buildEvents = {
  /** Readable console text of a running build (terminal line endings). */
  'build.output': z.object({ id: z.string(), data: z.string() }),
  'build.status': RunSummary,
} as const;
