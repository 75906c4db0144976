// Where a Go tool gopsy drives (dlv, gopls) is looked for, and how its version is asked: one place for
// the search order $GOPSY_<TOOL>, PATH, $(go env GOPATH)/bin, and for running `<tool> version`.
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import type { ToolBinaryInfo } from '../../shared/types';
import { childEnv } from './go/run';
import { goEnvValues } from './go/env';

const isExecutable = (p: string) =>
  access(p, constants.X_OK).then(
    () => true,
    () => false,
  );

async function onPath(name: string): Promise<string | null> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return null;
}

/** The override when set (only it), else the tool on PATH, then in each $(go env GOPATH)/bin. */
async function toolCandidates(name: string, override: string | undefined): Promise<string[]> {
  if (override) return [override];
  const found: string[] = [];
  const fromPath = await onPath(name);
  if (fromPath) found.push(fromPath);
  const gopath = await goEnvValues(['GOPATH']).catch(() => null);
  for (const dir of (gopath?.values[0] ?? '').split(path.delimiter)) {
    if (dir) found.push(path.join(dir, 'bin', name));
  }
  return found;
}

/** Runs `<file> <args>` and picks the version out of its output with `pattern`; never throws. */
function toolVersion(
  file: string,
  args: string[],
  pattern: RegExp,
): Promise<{ ok: true; version: string } | { ok: false; message: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { env: childEnv(), timeout: 30_000, encoding: 'utf8' }, (err, stdout, stderr) => {
      const version = pattern.exec(stdout)?.[1];
      if (err || !version) {
        const why = (err as NodeJS.ErrnoException | null)?.code === 'ENOENT' ? 'not found' : (stderr || stdout || err?.message || '').trim();
        resolve({ ok: false, message: why.slice(0, 400) });
      } else resolve({ ok: true, version });
    });
  });
}

/**
 * Locates a tool and runs `<tool> version`; never throws. `problem` words the failure from where it looked
 * (a sentence) when no candidate runs.
 */
export async function detectTool(
  name: string,
  override: string | undefined,
  pattern: RegExp,
  problem: (where: string) => string,
): Promise<ToolBinaryInfo> {
  const tried: string[] = [];
  for (const file of await toolCandidates(name, override)) {
    const v = await toolVersion(file, ['version'], pattern);
    if (v.ok) return { ok: true, path: file, version: v.version };
    tried.push(`${file} (${v.message})`);
  }
  return { ok: false, problem: problem(tried.length ? `Tried ${tried.join('; ')}.` : `${name} is not on PATH nor in $(go env GOPATH)/bin.`) };
}
