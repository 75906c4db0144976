// Captures the build-analysis fixtures (test/fixtures/build/nethttp-p2.*): `go build -a -p 2 net/http`,
// every package of net/http's closure compiled by two workers, a build big enough to be held up by its
// workers and its dependency chain. Kept small: the action graph without Args, object paths and IDs (each
// Cmd cut to its tool), and the trace cut to its `Executing action` events (what gives the workers).
// Run alone (node scripts/fixtures-build-analysis.mjs) or as part of fixtures-build.mjs.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(repo, 'test/fixtures/build');
const KEEP = ['ID', 'Mode', 'Package', 'Deps', 'Failed', 'TimeReady', 'TimeStart', 'TimeDone', 'Cmd', 'CmdReal', 'CmdUser', 'CmdSys'];

export function captureBuildAnalysisFixtures() {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'gopsy-fixtures-analysis-'));
  try {
    const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
    const env = { ...process.env, GOFLAGS: '', GOCACHE: path.join(temp, 'cache') };
    const args = ['build', '-a', '-p', '2', '-o', os.devNull, `-debug-actiongraph=${temp}/actiongraph.json`, `-debug-trace=${temp}/trace.json`, 'net/http'];
    const res = spawnSync('go', args, { cwd: path.join(repo, 'resources/samples/inventory'), env, encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`go build -a -p 2 net/http failed:\n${res.stderr}`);

    const graph = JSON.parse(readFileSync(path.join(temp, 'actiongraph.json'), 'utf8')).map((a) => {
      const small = Object.fromEntries(KEEP.filter((k) => k in a).map((k) => [k, a[k]]));
      if (Array.isArray(small.Cmd)) small.Cmd = small.Cmd.map((c) => c.split(' ')[0].split(goroot).join('@GOROOT@'));
      return small;
    });
    write('nethttp-p2.actiongraph.json', `[\n${graph.map((a) => JSON.stringify(a)).join(',\n')}\n]\n`);

    const executing = readFileSync(path.join(temp, 'trace.json'), 'utf8')
      .split('\n')
      // Begin and end events only: the flow events (ph s/f) name two actions and are most of the file.
      .filter((l) => l.includes('"Executing action (') && /"ph":"[BE]"/.test(l))
      .map((l) => l.replace(/^,/, ''));
    write('nethttp-p2.trace.json', `[\n${executing.join('\n,')}\n]\n`);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function write(name, text) {
  writeFileSync(path.join(out, name), text);
  console.log(`wrote test/fixtures/build/${name} (${text.length} chars)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) captureBuildAnalysisFixtures();
