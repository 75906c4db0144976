// Reads and writes the project's .vscode/launch.json for the debugger's import and export.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DebugConfig } from '../../../shared/api';
import { GopsyError } from '../../../shared/rpc';
import { importLaunchConfigs, mergeLaunchJson, type ImportResult } from '../../../core/dap/launchJson';
import { parseJsonc } from '../../../core/jsonc';
import { writeFileAtomic } from '../atomicFile';

export const LAUNCH_JSON = '.vscode/launch.json';

async function readLaunchJson(root: string): Promise<{ text: string } | null> {
  try {
    return { text: await readFile(path.join(root, LAUNCH_JSON), 'utf8') };
  } catch {
    return null;
  }
}

export async function importLaunchJson(root: string): Promise<ImportResult> {
  const file = await readLaunchJson(root);
  if (!file) throw new GopsyError('not-found', `This project has no ${LAUNCH_JSON}.`);
  const parsed = parseJsonc(file.text);
  if (!parsed.ok) throw new GopsyError('bad-launch-json', `${LAUNCH_JSON} is not valid JSON (with comments): ${parsed.error}`);
  return importLaunchConfigs(parsed.value);
}

/** Comments in an existing file are not kept (the file is rewritten as plain JSON). */
export async function exportLaunchJson(root: string, configs: DebugConfig[]): Promise<{ path: string }> {
  const file = await readLaunchJson(root);
  let existing: unknown = {};
  if (file) {
    const parsed = parseJsonc(file.text);
    if (!parsed.ok) throw new GopsyError('bad-launch-json', `${LAUNCH_JSON} is not valid JSON; fix it before exporting: ${parsed.error}`);
    existing = parsed.value;
  }
  await mkdir(path.join(root, '.vscode'), { recursive: true });
  await writeFileAtomic(path.join(root, LAUNCH_JSON), JSON.stringify(mergeLaunchJson(existing, configs), null, 2) + '\n', 0o644);
  return { path: LAUNCH_JSON };
}
