// The debugger's calls and events: sessions on Delve (dlv dap), breakpoints, goroutines, stack,
// variables, evaluate, and launch configurations shared with VS Code's .vscode/launch.json.
import { z } from 'zod';
import { ConsoleInfo, Empty, RelPath, ToolBinaryInfo } from '../types';

const Text = (max: number) => z.string().max(max);

export const DebugMode = z.enum(['debug', 'test', 'exec', 'core', 'attach', 'remote']);
export type DebugMode = z.infer<typeof DebugMode>;

/** One way to start a session: what VS Code calls a launch configuration. */
export const DebugConfig = z.object({
  name: Text(200),
  mode: DebugMode,
  /** Package directory (debug, test) or binary (exec, core), project-relative. */
  program: Text(4096).optional(),
  args: z.array(Text(4096)).max(200).optional(),
  /** Working directory of the program, project-relative. */
  cwd: Text(4096).optional(),
  env: z.record(Text(200), Text(8192)).optional(),
  buildFlags: z.array(Text(4096)).max(50).optional(),
  /** `dlv test -run` filter (a regular expression over test names). */
  testFilter: Text(1000).optional(),
  /** Core dump for mode core, project-relative or absolute. */
  coreFile: Text(4096).optional(),
  /** Local process for mode attach. */
  processId: z.number().int().positive().optional(),
  /** Headless Delve server for mode remote. */
  host: Text(255).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  stopOnEntry: z.boolean().optional(),
});
export type DebugConfig = z.infer<typeof DebugConfig>;

export const BreakpointSpec = z.object({
  line: z.number().int().min(1).max(10_000_000),
  condition: Text(2000).optional(),
  /** Delve's hit conditions: `5` (the 5th hit), `>= 5`, `% 2` ... */
  hitCondition: Text(200).optional(),
  /** A logpoint: prints this (with `{expr}` substitutions) instead of stopping. */
  logMessage: Text(2000).optional(),
});
export type BreakpointSpec = z.infer<typeof BreakpointSpec>;

export const BreakpointState = BreakpointSpec.extend({
  path: RelPath,
  /** Delve placed it (true), or could not (false, with its reason); absent when no session runs. */
  verified: z.boolean().optional(),
  message: z.string().optional(),
});
export type BreakpointState = z.infer<typeof BreakpointState>;

/** A place in the source: project-relative when the file is in the project, else absolute. */
export const SourcePlace = z.object({ path: z.string(), inProject: z.boolean(), line: z.number(), column: z.number() });
export type SourcePlace = z.infer<typeof SourcePlace>;

export const DebugStatus = z.enum(['idle', 'starting', 'running', 'stopped', 'ended']);
export const DebugState = z.object({
  status: DebugStatus,
  config: DebugConfig.optional(),
  /** Console tab that shows dlv's own output. */
  console: ConsoleInfo.optional(),
  /** Why it stopped: breakpoint, step, pause, exception, entry... */
  reason: z.string().optional(),
  threadId: z.number().optional(),
  location: SourcePlace.optional(),
  /** The last error (start failed, dlv missing ...), shown to the user as it is. */
  problem: z.string().optional(),
  exitCode: z.number().optional(),
});
export type DebugState = z.infer<typeof DebugState>;

export const Goroutine = z.object({ id: z.number(), name: z.string(), user: z.boolean() });
export type Goroutine = z.infer<typeof Goroutine>;

export const StackFrame = z.object({ id: z.number(), name: z.string(), location: SourcePlace.optional() });
export type StackFrame = z.infer<typeof StackFrame>;

export const DebugVariable = z.object({
  name: z.string(),
  value: z.string(),
  type: z.string().optional(),
  /** Non-zero: expandable, pass it to debug.variables. */
  reference: z.number(),
  /** Children counts when Delve knows them (slices, maps). */
  indexed: z.number().optional(),
  named: z.number().optional(),
  /** The value was cut to keep the window responsive. */
  truncated: z.boolean().optional(),
  /** Delve could not read it (optimised away, no location): offer an unoptimised rebuild. */
  unavailable: z.boolean().optional(),
});
export type DebugVariable = z.infer<typeof DebugVariable>;

export const DlvInfo = ToolBinaryInfo;

const ThreadArg = z.object({ threadId: z.number().int().optional() });

export const debugMethods = {
  'debug.dlvInfo': { params: z.object({ refresh: z.boolean().optional() }), result: DlvInfo },
  'debug.state': { params: Empty, result: DebugState },
  /** Starts a session (ending the one that runs); dlv's own output shows in a console tab. */
  'debug.start': { params: z.object({ config: DebugConfig }), result: DebugState },
  'debug.stop': { params: Empty, result: z.null() },
  'debug.restart': { params: Empty, result: z.null() },
  /** Restarts as `dlv debug` of the package built with -gcflags=all=-N -l (variables optimised away). */
  'debug.rebuildUnoptimized': { params: Empty, result: DebugState },
  'debug.continue': { params: ThreadArg, result: z.null() },
  'debug.pause': { params: ThreadArg, result: z.null() },
  'debug.next': { params: ThreadArg, result: z.null() },
  'debug.stepIn': { params: ThreadArg, result: z.null() },
  'debug.stepOut': { params: ThreadArg, result: z.null() },
  'debug.breakpoints': { params: Empty, result: z.array(BreakpointState) },
  /** Replaces the breakpoints of one file; kept per project across restarts. */
  'debug.setBreakpoints': {
    params: z.object({ path: RelPath, breakpoints: z.array(BreakpointSpec).max(1000) }),
    result: z.array(BreakpointState),
  },
  'debug.goroutines': {
    params: z.object({ start: z.number().int().min(0), count: z.number().int().min(1).max(1000), hideRuntime: z.boolean() }),
    result: z.object({ goroutines: z.array(Goroutine), total: z.number(), userTotal: z.number() }),
  },
  'debug.stack': {
    params: z.object({ threadId: z.number().int(), start: z.number().int().min(0).optional(), levels: z.number().int().min(1).max(500).optional() }),
    result: z.object({ frames: z.array(StackFrame), total: z.number().optional() }),
  },
  'debug.scopes': {
    params: z.object({ frameId: z.number().int() }),
    result: z.array(z.object({ name: z.string(), reference: z.number(), expensive: z.boolean() })),
  },
  'debug.variables': {
    params: z.object({ reference: z.number().int().min(1), start: z.number().int().min(0).optional(), count: z.number().int().min(1).max(1000).optional() }),
    result: z.array(DebugVariable),
  },
  'debug.evaluate': {
    params: z.object({ expression: Text(4000).min(1), frameId: z.number().int().optional(), context: z.enum(['watch', 'repl', 'hover']) }),
    result: DebugVariable,
  },
  /** Local processes for attach: pid and command line. */
  'debug.processes': { params: Empty, result: z.array(z.object({ pid: z.number(), command: z.string() })) },
  /** Debug configurations of the project (gopsy's own, stored per project). */
  'debug.configs': { params: Empty, result: z.array(DebugConfig) },
  'debug.saveConfigs': { params: z.object({ configs: z.array(DebugConfig).max(200) }), result: z.null() },
  /** Reads the Go configurations of .vscode/launch.json; what could not be mapped is listed in skipped. */
  'debug.importLaunchJson': {
    params: Empty,
    result: z.object({ configs: z.array(DebugConfig), skipped: z.array(z.string()) }),
  },
  /** Writes gopsy's configurations into .vscode/launch.json, keeping its other configurations. */
  'debug.exportLaunchJson': { params: z.object({ configs: z.array(DebugConfig).max(200) }), result: z.object({ path: z.string() }) },
} as const;

export const debugEvents = {
  'debug.state': DebugState,
  /** Program and Delve output (DAP output events). */
  'debug.output': z.object({ category: z.string(), text: z.string() }),
  'debug.breakpoints': z.array(BreakpointState),
} as const;
