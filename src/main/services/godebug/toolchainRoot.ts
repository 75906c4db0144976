// Finds the GOROOT and version of a toolchain given as a go binary or a GOROOT folder (CLI --toolchain),
// or of the toolchain gopsy drives when none is given.
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { childEnv } from '../go/run';
import { detectToolchain } from '../toolchain';
import { gorootVersion } from './catalogService';

export interface ToolchainRoot {
  goroot: string;
  version: string;
  gomodcache?: string;
}

function goEnv(goBin: string, names: string[]): Promise<string[]> {
  return new Promise((resolve, reject) =>
    execFile(goBin, ['env', ...names], { env: childEnv({ GOTOOLCHAIN: 'local' }), timeout: 30_000, encoding: 'utf8' }, (err, stdout) =>
      err ? reject(new Error(`${goBin} env failed: ${err.message}`)) : resolve(stdout.split('\n')),
    ),
  );
}

export async function resolveToolchainRoot(spec?: string): Promise<ToolchainRoot> {
  if (!spec) {
    const tc = await detectToolchain();
    if (!tc.ok || !tc.goroot || !tc.version) throw new Error(tc.problem ?? 'no Go toolchain found');
    return { goroot: tc.goroot, version: tc.version, ...(tc.env?.GOMODCACHE ? { gomodcache: tc.env.GOMODCACHE } : {}) };
  }
  const abs = path.resolve(spec);
  const st = await stat(abs).catch(() => null);
  if (!st) throw new Error(`${spec} does not exist`);
  let goroot = abs;
  let gomodcache: string | undefined;
  if (st.isFile()) {
    const [root, cache] = await goEnv(abs, ['GOROOT', 'GOMODCACHE']);
    goroot = root?.trim() ?? '';
    gomodcache = cache?.trim() || undefined;
  }
  const version = await gorootVersion(goroot);
  if (!version) throw new Error(`${goroot} is not a Go root (no VERSION file); give a GOROOT folder or a go binary`);
  return { goroot, version, ...(gomodcache ? { gomodcache } : {}) };
}
