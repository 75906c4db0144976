// The workbench's own calls: host, project, files, toolchain and consoles.
import { z } from 'zod';
import { ConsoleGodebug } from '../godebug';
import {
  ConsoleExit,
  ConsoleInfo,
  ConsolePreset,
  Empty,
  FileContent,
  HostInfo,
  ProjectTree,
  RelPath,
  TermSize,
  ToolchainInfo,
  WorkspaceState,
} from '../types';

const ConsoleId = z.object({ id: z.string().min(1).max(64) });

export const workbenchMethods = {
  'host.info': { params: Empty, result: HostInfo },
  'workspace.current': { params: Empty, result: WorkspaceState.nullable() },
  'workspace.open': { params: z.object({ path: z.string().min(1).max(4096) }), result: WorkspaceState },
  /** Shows the host's native folder picker; null when cancelled or when the host has none. */
  'workspace.pick': { params: Empty, result: WorkspaceState.nullable() },
  'workspace.recent': { params: Empty, result: z.array(z.string()) },
  'workspace.tree': { params: Empty, result: ProjectTree },
  'workspace.readFile': { params: z.object({ path: RelPath }), result: FileContent },
  /** Maps a location printed by the toolchain (relative to the console's cwd, or absolute) into the project. */
  'workspace.resolveLocation': { params: z.object({ path: RelPath }), result: z.object({ path: RelPath }).nullable() },
  'toolchain.info': { params: z.object({ refresh: z.boolean().optional() }), result: ToolchainInfo },
  /** godebug: a GODEBUG profile's values to apply to this console (see services/godebug/env.ts). */
  'console.open': { params: z.object({ preset: ConsolePreset, ...TermSize, godebug: ConsoleGodebug.optional() }), result: ConsoleInfo },
  'console.input': { params: ConsoleId.extend({ data: z.string().max(1_000_000) }), result: z.null() },
  'console.resize': { params: ConsoleId.extend(TermSize), result: z.null() },
  /** Acknowledges characters the terminal has parsed (flow control). */
  'console.ack': { params: ConsoleId.extend({ chars: z.number().int().min(0).max(100_000_000) }), result: z.null() },
  /** Ends the console's whole process tree; the tab stays with its output. */
  'console.stop': { params: ConsoleId, result: z.null() },
  /** Stops it if running and forgets it. */
  'console.close': { params: ConsoleId, result: z.null() },
} as const;

export const workbenchEvents = {
  'console.data': z.object({ id: z.string(), data: z.string() }),
  'console.exit': ConsoleExit,
  'workspace.changed': WorkspaceState,
} as const;

