// A real Go module nobody here wrote, for the tests that check gopsy at a real module's scale and shape
// (several commands, odd names, dependencies): fetched through the module proxy with the go command,
// copied into .tools/modules (ignored by git) as a writable project, its dependencies downloaded, and
// reused by later runs. `node scripts/real-module.mjs` prints its folder.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './test-tools.cjs';

/** go-internal: 30 packages, 5 commands (testscript, txtar-*), and golang.org/x/{mod,sys,tools} as deps. */
export const REAL_MODULE = { path: 'github.com/rogpeppe/go-internal', version: 'v1.16.0' };

const go = (args, cwd) =>
  execFileSync(process.env.GOPSY_GO || 'go', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GOFLAGS: '-mod=mod', GOWORK: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 10 * 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });

/** The module's folder, fetched on first use; throws with the go command's words when it cannot be had. */
export function realModuleDir(mod = REAL_MODULE) {
  const dir = path.join(ROOT, '.tools', 'modules', `${path.basename(mod.path)}@${mod.version}`);
  if (existsSync(path.join(dir, '.complete'))) return dir;

  const info = JSON.parse(go(['mod', 'download', '-json', `${mod.path}@${mod.version}`], ROOT));
  if (info.Error || !info.Dir) throw new Error(`go mod download ${mod.path}@${mod.version}: ${info.Error ?? 'no Dir'}`);
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(info.Dir, partial, { recursive: true });
  makeWritable(partial); // the module cache is read-only; the tests edit files between builds
  go(['mod', 'download'], partial);
  execFileSync('sh', ['-c', ': > .complete'], { cwd: partial });
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return dir;
}

function makeWritable(dir) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const st = statSync(p);
    chmodSync(p, st.mode | 0o200);
    if (st.isDirectory()) makeWritable(p);
  }
  chmodSync(dir, statSync(dir).mode | 0o200);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(realModuleDir());
