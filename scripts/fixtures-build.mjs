// Captures the build-capture fixtures (test/fixtures/build/) from the real toolchain on a temp copy of
// the sample project: `go build -json -x -work -debug-actiongraph -debug-trace` with the compiler's
// -bench and -json (logopt) output, for a passing build, a failing one (tag gopsy_broken) and a cache-hit
// rebuild. The standard library comes from a warmed private GOCACHE and only the sample's packages get
// the artefact flags, so the files stay small while still showing real cache hits.
// Machine paths are replaced: the project by @ROOT@, the run directory by @RUN@, the go command's
// work directory by @WORK@, GOCACHE by @GOCACHE@ and GOROOT by @GOROOT@.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { captureBuildAnalysisFixtures } from './fixtures-build-analysis.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(repo, 'test/fixtures/build');

export function regenerateBuildFixtures() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const temp = mkdtempSync(path.join(os.tmpdir(), 'gopsy-fixtures-'));
  try {
    capture(temp);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  captureBuildAnalysisFixtures();
}

function capture(temp) {
  const project = path.join(temp, 'inventory');
  cpSync(path.join(repo, 'resources/samples/inventory'), project, { recursive: true });
  const cache = path.join(temp, 'cache');
  const env = { ...process.env, GOFLAGS: '', GOCACHE: cache };
  const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
  const go = (args) => spawnSync('go', args, { cwd: project, encoding: 'utf8', env, maxBuffer: 256 * 1024 * 1024 });

  // Warm the private cache so that the standard library is a cache hit in the captures below.
  const warm = go(['build', './...']);
  if (warm.status !== 0) throw new Error(`warm-up build failed:\n${warm.stderr}`);

  const run = (name, extra, expectFail, dirName = name) => {
    const dir = path.join(temp, dirName);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.join(dir, 'logopt'), { recursive: true });
    const args = [
      'build',
      '-json',
      '-x',
      '-work',
      `-debug-actiongraph=${dir}/actiongraph.json`,
      `-debug-trace=${dir}/trace.json`,
      `-gcflags=example.com/inventory/...=-bench=${dir}/bench.txt -json=0,file://${dir}/logopt`,
      ...extra,
      './...',
    ];
    const res = go(args);
    if (expectFail !== (res.status !== 0)) throw new Error(`${name}: unexpected exit ${res.status}\n${res.stderr}`);
    const work = /WORK=([^\s\\"]+)/.exec(res.stdout)?.[1];
    const clean = (s) => {
      let t = s.split(dir).join('@RUN@').split(project).join('@ROOT@').split(cache).join('@GOCACHE@');
      if (work) t = t.split(work).join('@WORK@');
      if (work) rmSync(work, { recursive: true, force: true });
      return t.split(goroot).join('@GOROOT@');
    };
    const write = (file, text) => {
      writeFileSync(path.join(out, `${name}.${file}`), text);
      console.log(`wrote test/fixtures/build/${name}.${file} (${text.length} chars)`);
    };
    write('stdout.jsonl', clean(res.stdout));
    if (res.stderr) write('stderr.txt', clean(res.stderr));
    write('actiongraph.json', clean(readFileSync(path.join(dir, 'actiongraph.json'), 'utf8')));
    // One trace and one set of logopt files are enough (a trace is ~400 kB even for this small build).
    const full = name === 'pass';
    if (full) write('trace.json', clean(readFileSync(path.join(dir, 'trace.json'), 'utf8')));
    try {
      write('bench.txt', clean(readFileSync(path.join(dir, 'bench.txt'), 'utf8')));
    } catch {
      /* a build served wholly from the cache writes no -bench lines */
    }
    for (const pkg of full ? readdirSync(path.join(dir, 'logopt')) : []) {
      for (const f of readdirSync(path.join(dir, 'logopt', pkg))) {
        write(`logopt.${pkg}.${f}`, clean(readFileSync(path.join(dir, 'logopt', pkg, f), 'utf8')));
      }
    }
  };
  run('pass', [], false);
  run('broken', ['-tags', 'gopsy_broken'], true);
  // The same flags again, with the artefact paths of the first run so that the action IDs match:
  // every package is a cache hit, and the compiler writes neither -bench lines nor logopt files.
  run('cached', [], false, 'pass');
  const textErrors = go(['build', '-tags', 'gopsy_broken', '-gcflags=-e', './broken']);
  writeFileSync(path.join(out, 'broken.text.txt'), textErrors.stderr.split(project).join('@ROOT@'));

  // A CPU profile of the compiler compiling net/http (the sample's own packages compile too fast for
  // more than a handful of samples). Binary (gzipped profile.proto); its file names are GOROOT-relative.
  const prof = path.join(temp, 'nethttp.compile.cpuprof');
  const cpu = go(['build', '-o', os.devNull, `-gcflags=net/http=-cpuprofile=${prof}`, 'net/http']);
  if (cpu.status !== 0) throw new Error(`net/http profile build failed:\n${cpu.stderr}`);
  cpSync(prof, path.join(out, 'nethttp.compile.cpuprof'));
  console.log('wrote test/fixtures/build/nethttp.compile.cpuprof');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) regenerateBuildFixtures();
