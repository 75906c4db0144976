// Turns a gopsy DebugConfig into the DAP launch/attach arguments Delve understands
// (service/dap/types.go: LaunchConfig, AttachConfig), with every path checked against the project.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DebugConfig } from '../../../shared/api';
import { GopsyError } from '../../../shared/rpc';
import { resolveInside } from '../paths';

/** Value limits passed to Delve so that one huge slice or string cannot flood the window. */
export const DELVE_LOAD_LIMITS = { maxStringLen: 1024, maxArrayValues: 100, stackTraceDepth: 50 };

export interface LaunchPlan {
  /** DAP request: launch or attach. */
  request: 'launch' | 'attach';
  args: Record<string, unknown>;
  /** Where Delve builds the binary (debug, test); removed with the session. */
  buildDir?: string;
}

export async function launchPlan(root: string, config: DebugConfig, extraBuildFlags: string[] = []): Promise<LaunchPlan> {
  const cwd = config.cwd ? await resolveInside(root, config.cwd) : root;
  const common = { ...DELVE_LOAD_LIMITS, stopOnEntry: config.stopOnEntry ?? false };
  const need = (what: string | undefined, label: string): string => {
    if (!what) throw new GopsyError('bad-config', `The ${config.mode} configuration "${config.name}" needs ${label}.`);
    return what;
  };
  switch (config.mode) {
    case 'debug':
    case 'test': {
      const program = await resolveInside(root, config.program || '.');
      const buildDir = await mkdtemp(path.join(os.tmpdir(), 'gopsy-dlv-'));
      const args = [...(config.args ?? [])];
      if (config.mode === 'test' && config.testFilter) args.unshift('-test.run', config.testFilter);
      const buildFlags = [...(config.buildFlags ?? []), ...extraBuildFlags];
      return {
        request: 'launch',
        buildDir,
        args: {
          ...common,
          mode: config.mode,
          program,
          cwd,
          args,
          ...(buildFlags.length ? { buildFlags } : {}),
          ...(config.env ? { env: config.env } : {}),
          // Program output arrives as DAP output events, so gopsy can show and test it.
          outputMode: 'remote',
          output: path.join(buildDir, '__debug_bin'),
        },
      };
    }
    case 'exec':
      return {
        request: 'launch',
        args: {
          ...common,
          mode: 'exec',
          program: await resolveInside(root, need(config.program, 'the binary to run')),
          cwd,
          args: config.args ?? [],
          ...(config.env ? { env: config.env } : {}),
          outputMode: 'remote',
        },
      };
    case 'core':
      return {
        request: 'launch',
        args: {
          ...common,
          mode: 'core',
          program: await resolveInside(root, need(config.program, 'the binary that dumped core')),
          coreFilePath: await resolveInside(root, need(config.coreFile, 'a core file')),
          cwd,
        },
      };
    case 'attach':
      if (!config.processId) throw new GopsyError('bad-config', `The attach configuration "${config.name}" needs a process id.`);
      return { request: 'attach', args: { ...common, mode: 'local', processId: config.processId } };
    case 'remote':
      return { request: 'attach', args: { ...common, mode: 'remote' } };
  }
}
