// The logopt remarks of `go build -a std` (tens of thousands of diagnostics, hundreds of MB), captured
// once into bench/.cache (minutes on a small machine) and shared by the benches that read them. The same
// build writes the go command's -debug-trace (a big build's trace), so it is not built twice.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const STD_REMARKS = path.join(__dirname, '.cache', 'remarks-std');
/** The -debug-trace the same build wrote (a cache made before it was added is captured again). */
export const STD_TRACE = path.join(STD_REMARKS, 'trace.json');

/** The logopt/ folder inside STD_REMARKS (which is then laid out like a run directory). */
export function stdLogopt(): string {
  const dir = path.join(STD_REMARKS, 'logopt');
  if (existsSync(path.join(STD_REMARKS, 'done')) && existsSync(STD_TRACE)) return dir;
  rmSync(STD_REMARKS, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const gocache = path.join(os.tmpdir(), `gopsy-bench-remarks-cache-${process.pid}`);
  const res = spawnSync('go', ['build', '-a', `-gcflags=all=-json=0,file://${dir}`, `-debug-trace=${STD_TRACE}`, 'std'], {
    encoding: 'utf8',
    env: { ...process.env, GOFLAGS: '', GOCACHE: gocache },
    maxBuffer: 64 * 1024 * 1024,
  });
  rmSync(gocache, { recursive: true, force: true });
  if (res.status !== 0) throw new Error(`go build -a std failed:\n${res.stderr.slice(0, 2000)}`);
  mkdirSync(STD_REMARKS, { recursive: true });
  spawnSync('touch', [path.join(STD_REMARKS, 'done')]);
  return dir;
}
