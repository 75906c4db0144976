// genssa's ssa.html (cmd/compile/internal/ssagen.genssa, tens of MB): the big real input of the SSA
// benches, captured once with the Go toolchain on this machine into bench/.cache (gitignored).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CACHE = path.join(__dirname, '.cache', 'genssa');
export const HTML = path.join(CACHE, 'ssa.html');

/** Captures genssa's ssa.html once (bench/.cache is kept between runs; it is gitignored). */
export function captureGenssa(): void {
  if (existsSync(HTML)) return;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gopsy-genssa-'));
  try {
    // A private GOCACHE: a cache hit would replay "dumped SSA" without writing the file. The name is
    // qualified by the package path because an unqualified one matches in every package.
    execFileSync('go', ['build', '-o', os.devNull, 'cmd/compile/internal/ssagen'], {
      cwd: tmp,
      stdio: 'ignore',
      env: { ...process.env, GOCACHE: path.join(tmp, 'cache'), GOSSADIR: path.join(tmp, 'out'), GOSSAFUNC: 'cmd/compile/internal/ssagen.genssa' },
    });
    // Where in GOSSADIR the file goes depends on the Go version (go1.26: out/cmd/compile/internal/ssagen.genssa,1.html).
    const out = path.join(tmp, 'out');
    const file = (readdirSync(out, { recursive: true }) as string[]).find((f) => f.endsWith('.html'));
    if (!file) throw new Error('the compiler wrote no ssa.html for genssa');
    mkdirSync(CACHE, { recursive: true });
    renameSync(path.join(out, file), HTML);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

