// Finds the dlv binary gopsy drives and checks that it runs, the way toolchain.ts does for go.
// Order: $GOPSY_DLV, `dlv` on PATH, then $(go env GOPATH)/bin/dlv (where `go install` puts it).
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import toolVersions from '../../../shared/toolVersions.json';
import { childEnv } from '../go/run';
import { goEnvValues } from '../go/env';

/** The Delve release gopsy is tested with (`npm test` builds exactly this one when it is missing). */
export const DLV_VERSION = toolVersions.dlv;
export const DLV_INSTALL_COMMAND = `go install github.com/go-delve/delve/cmd/dlv@v${DLV_VERSION}`;

export interface DlvInfo {
  ok: boolean;
  path?: string;
  version?: string;
  /** What is wrong and what to do, when ok is false. */
  problem?: string;
}

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

async function candidates(): Promise<string[]> {
  if (process.env.GOPSY_DLV) return [process.env.GOPSY_DLV];
  const found: string[] = [];
  const fromPath = await onPath('dlv');
  if (fromPath) found.push(fromPath);
  const gopath = await goEnvValues(['GOPATH']).catch(() => null);
  for (const dir of (gopath?.values[0] ?? '').split(path.delimiter)) {
    if (dir) found.push(path.join(dir, 'bin', 'dlv'));
  }
  return found;
}

function dlvVersion(file: string): Promise<{ ok: true; version: string } | { ok: false; message: string }> {
  return new Promise((resolve) => {
    execFile(file, ['version'], { env: childEnv(), timeout: 30_000, encoding: 'utf8' }, (err, stdout, stderr) => {
      const version = /^Version:\s*(\S+)/m.exec(stdout)?.[1];
      if (err || !version) {
        const why = (err as NodeJS.ErrnoException | null)?.code === 'ENOENT' ? 'not found' : (stderr || stdout || err?.message || '').trim();
        resolve({ ok: false, message: why.slice(0, 400) });
      } else resolve({ ok: true, version });
    });
  });
}

let lastFound: string | null = null;

/** The dlv to run in a console: GOPSY_DLV, else what detectDlv found last, else `dlv` from PATH. */
export function dlvCommandPath(): string {
  return process.env.GOPSY_DLV || lastFound || 'dlv';
}

/** Locates dlv and runs `dlv version`; never throws. */
export async function detectDlv(): Promise<DlvInfo> {
  const tried: string[] = [];
  for (const file of await candidates()) {
    const v = await dlvVersion(file);
    if (v.ok) {
      lastFound = file;
      return { ok: true, path: file, version: v.version };
    }
    tried.push(`${file} (${v.message})`);
  }
  const where = tried.length ? `Tried ${tried.join('; ')}.` : 'dlv is not on PATH nor in $(go env GOPATH)/bin.';
  return {
    ok: false,
    problem: `Delve (dlv) is not installed or does not run. ${where} Install it with \`${DLV_INSTALL_COMMAND}\` (or set GOPSY_DLV to a dlv binary).`,
  };
}
