// What a package's SSA depends on, as one key: the toolchain, the build context, and the size and
// modification time of every Go source file of the package and its non-standard dependencies (from one
// `go list -deps`), plus the module files. A function listing or a capture made under the same key is
// the same, so it is kept and given again; any edit, added or removed file changes the key.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { GopsyError } from '../../../shared/rpc';
import { goList } from '../go/list';
import type { PackageRef } from './capture';

export interface SourceState {
  pkg: PackageRef;
  /** Packages in the build graph (the package's own included). */
  total: number;
  /** Changes when anything the compile of the package reads changes. */
  key: string;
}

const FILES = ['GoFiles', 'CgoFiles', 'SFiles', 'CFiles', 'HFiles', 'IgnoredGoFiles', 'TestGoFiles', 'XTestGoFiles'];
const TEMPLATE = [
  '{{.ImportPath}}',
  '{{.Name}}',
  '{{.Dir}}',
  '{{.DepOnly}}',
  '{{.Standard}}',
  '{{.ForTest}}',
  FILES.map((f) => `{{join .${f} "|"}}`).join('|'),
  '{{context.GOOS}}/{{context.GOARCH}}/{{context.CgoEnabled}}/{{join context.ToolTags ","}}/{{join context.BuildTags ","}}',
  '{{if .Error}}{{.Error}}{{end}}',
].join('\t');

async function stamp(file: string): Promise<string> {
  const s = await stat(file).catch(() => null);
  return s ? `${file}\0${s.size}\0${s.mtimeMs}` : `${file}\0-`;
}

/** Runs `go list -deps` for pkgArg in root and hashes what its compile depends on. */
export async function sourceState(root: string, pkgArg: string, test: boolean, env: Record<string, string> = {}): Promise<SourceState> {
  const res = await goList({ deps: true, test, format: TEMPLATE, patterns: [pkgArg] }, { cwd: root, env: { GOFLAGS: '', ...env }, timeoutMs: 60_000 });
  const rows = res.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t'));
  // The package asked for: not a dependency only, not a test variant ("p [p.test]") nor the test main.
  const target = rows.find((r) => r[3] === 'false' && !r[5] && !r[0]!.includes(' ') && !(test && r[0]!.endsWith('.test') && r[1] === 'main'));
  if (res.exitCode !== 0 || !target || target[8]) {
    throw new GopsyError('bad-package', `go list ${pkgArg} failed: ${(target?.[8] || res.stderr || 'no such package').trim().slice(0, 500)}`);
  }
  const hash = createHash('sha256');
  hash.update(`${process.env.GOPSY_GO ?? 'go'}\0${test}\0${target[7]}\n`);
  const files: string[] = ['go.mod', 'go.sum', 'go.work', 'go.work.sum'].map((f) => path.join(root, f));
  for (const r of rows) {
    if (r[4] === 'true') {
      // The standard library changes with the toolchain: its version file and runtime's folder say which.
      if (r[0] === 'runtime') files.push(path.join(r[2]!, '..', '..', 'VERSION'), path.join(r[2]!, '..', '..', 'pkg', 'tool'));
      hash.update(`${r[0]}\0${r[2]}\n`);
      continue;
    }
    hash.update(`${r[0]}\0${r[2]}\0${r[6]}\n`);
    for (const f of r[6]!.split('|').filter(Boolean)) files.push(path.join(r[2]!, f));
  }
  for (const s of await Promise.all(files.map(stamp))) hash.update(s + '\n');
  return { pkg: { importPath: target[0]!, name: target[1]!, dir: target[2]! }, total: rows.length, key: hash.digest('hex').slice(0, 32) };
}
