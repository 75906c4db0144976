// Runs `go build -gcflags=./pkg=-W ./pkg` for one project package and returns one function's IR
// dumps. Printed compiler output is replayed from the cache, so the shared GOCACHE is fine here.
import os from 'node:os';
import path from 'node:path';
import { parseWalkDump, type WalkSection } from '../../../core/remarks';
import { GopsyError } from '../../../shared/rpc';
import { goBuild } from '../go/build';
import { isInside } from '../paths';

export async function walkDump(project: string, rel: string, fn: string): Promise<{ flag: string; sections: WalkSection[]; functions: string[] }> {
  const dir = path.posix.dirname(rel.split(path.sep).join('/'));
  if (path.isAbsolute(dir) || !isInside(project, path.resolve(project, dir))) throw new GopsyError('bad-path', `${rel} is not in the project.`);
  const pkg = dir === '.' ? '.' : `./${dir}`;
  const flag = `-gcflags=${pkg}=-W`;
  const res = await goBuild(['-o', os.devNull, flag, pkg], { cwd: project });
  const all = parseWalkDump(`${res.stdout}\n${res.stderr}`);
  if (res.exitCode !== 0 && all.length === 0) throw new GopsyError('build-failed', `go build ${flag} ${pkg} failed:\n${res.stderr.slice(0, 2000)}`);
  return { flag: `go build ${flag} ${pkg}`, sections: all.filter((s) => s.function === fn), functions: [...new Set(all.map((s) => s.function))] };
}
