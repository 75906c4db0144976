// Fixture of the compiles of several `main` packages in one real build, for naming them by import
// path (src/core/compare/mainPackages.ts). Run: node scripts/fixtures-main-compiles.mjs MODULE RUNDIR
// where RUNDIR is `gopsy capture MODULE --out RUNDIR` (profile "Build timing": every package compiles).
// Keeps the action graph's `-p main` compiles, the -bench lines of `main`, and each one's source lines.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [moduleDir, runDir] = process.argv.slice(2);
if (!moduleDir || !runDir) {
  console.error('usage: node scripts/fixtures-main-compiles.mjs MODULE RUNDIR');
  process.exit(2);
}
const out = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'test', 'fixtures', 'main-compiles', path.basename(moduleDir));
mkdirSync(out, { recursive: true });

const graph = JSON.parse(readFileSync(path.join(runDir, 'actiongraph.json'), 'utf8'));
const mains = graph.filter((a) => a.Mode === 'build' && Array.isArray(a.Cmd) && / -p main /.test(a.Cmd.join(' ')));
// The fields the naming reads; the machine's folders in Cmd become MODULE, RUN and WORK.
const local = (c) =>
  c
    .replaceAll(path.resolve(moduleDir), 'MODULE')
    .replace(/-bench=\S+/g, '-bench=RUN/bench.txt')
    .replace(/^\S*\/pkg\/tool\/[^/]+\//, 'GOROOT/pkg/tool/GOOS_GOARCH/')
    .replace(/\/tmp\/go-build\d+/g, 'WORK');
const kept = mains.map(({ ID, Mode, Package, Cmd, TimeStart, TimeDone, CmdReal }) => ({ ID, Mode, Package, Cmd: Cmd.map(local), TimeStart, TimeDone, CmdReal }));
writeFileSync(path.join(out, 'actiongraph.json'), JSON.stringify(kept, null, 1) + '\n');

const bench = readFileSync(path.join(runDir, 'bench.txt'), 'utf8').split('\n').filter((l) => l.startsWith('BenchmarkCompile:main:'));
writeFileSync(path.join(out, 'bench.txt'), bench.join('\n') + '\n');

// -bench's fe:parse "lines" of a package: per file, its newlines plus one.
const lines = {};
for (const a of mains) {
  const files = a.Cmd.join(' ').split(/\s+/).filter((f) => f.endsWith('.go'));
  lines[a.Package] = files.reduce((n, f) => n + readFileSync(path.isAbsolute(f) ? f : path.join(moduleDir, f), 'utf8').split('\n').length, 0);
}
writeFileSync(path.join(out, 'lines.json'), JSON.stringify(lines, null, 1) + '\n');
console.log(`${mains.length} main compiles written to ${out}`);
