// Captures real GODEBUG trace output of resources/samples/godebug-demo under each preset into
// test/fixtures/godebug/ (stdout and stderr merged, as a console shows them). With the current
// toolchain always; with go1.19.13 (older layouts) when GOTOOLCHAIN can fetch it, else it says so.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Each preset: the GODEBUG value, demo arguments, and how many lines of the head and tail to keep. */
const PRESETS = [
  { name: 'gctrace', godebug: 'gctrace=1', args: ['-seconds', '0.4'], head: 40, tail: 5 },
  { name: 'gcpacertrace', godebug: 'gctrace=1,gcpacertrace=1', args: ['-seconds', '0.2'], head: 40, tail: 5 },
  { name: 'scavtrace', godebug: 'scavtrace=1', args: ['-seconds', '0.6'], head: 20, tail: 0 },
  { name: 'schedtrace', godebug: 'schedtrace=100', args: ['-seconds', '0.5'], head: 20, tail: 0 },
  { name: 'scheddetail', godebug: 'schedtrace=200,scheddetail=1', args: ['-seconds', '0.5'], head: 80, tail: 0 },
  { name: 'inittrace', godebug: 'inittrace=1', args: ['-seconds', '0.1'], head: 200, tail: 0 },
  { name: 'http2debug1', godebug: 'http2debug=1', args: ['-http2'], head: 200, tail: 0 },
  { name: 'http2debug2', godebug: 'http2debug=2', args: ['-http2'], head: 300, tail: 0 },
];

function keep(text, head, tail) {
  const lines = text.split('\n');
  if (lines.length <= head + tail + 1) return text;
  return [...lines.slice(0, head), ...(tail ? lines.slice(-tail - 1) : [''])].join('\n');
}

/** The source texts the settings catalog is read from, as the toolchain ships them. */
function captureCatalogSources(cwd, env, out, label) {
  const goroot = spawnSync('go', ['env', 'GOROOT'], { cwd, env, encoding: 'utf8' }).stdout.trim();
  const copy = (rel, name) => {
    const file = path.join(goroot, rel);
    if (!existsSync(file)) return console.log(`(${label} has no ${rel})`);
    writeFileSync(path.join(out, name), readFileSync(file, 'utf8'));
    console.log(`wrote test/fixtures/godebug/${name}`);
  };
  copy('src/runtime/runtime1.go', `${label}-runtime1.go.txt`);
  copy('src/internal/godebugs/table.go', `${label}-godebugs-table.go.txt`);
  // Only the lines of the HTTP/2 code that read GODEBUG directly: the whole file is 400 KB.
  const h2 = path.join(goroot, 'src/net/http/h2_bundle.go');
  if (existsSync(h2)) {
    const lines = readFileSync(h2, 'utf8').split('\n').filter((l) => /GODEBUG|strings\.Contains\(e, /.test(l));
    writeFileSync(path.join(out, `${label}-h2-godebug-lines.txt`), lines.join('\n') + '\n');
  }
  const help = spawnSync('go', ['tool', 'compile', '-d', 'help'], { cwd, env, encoding: 'utf8' });
  writeFileSync(path.join(out, `${label}-compile-d-help.txt`), help.stdout + help.stderr);
}

/** A gctrace line the runtime printed in pieces (no newline yet, or ending in other text). */
const BROKEN_GC_LINE = /^gc \d+ @(?!.* P(?: \(forced\))?$)/;

/**
 * The runtime prints a gctrace record in many small writes, so the program's own output can land
 * inside it. Runs the demo with -progress (its workers print while they allocate) beside CPU hogs
 * until that happens, and keeps the whole run.
 */
function captureInterleaved(bin, out) {
  const name = 'current-gctrace-interleaved.txt';
  const hogs = Array.from({ length: 3 }, () => spawn('sh', ['-c', 'while :; do :; done'], { stdio: 'ignore' }));
  try {
    for (let attempt = 1; attempt <= 60; attempt++) {
      const run = spawnSync('sh', ['-c', 'exec "$0" "$@" 2>&1', bin, '-seconds', '0.3', '-progress'], {
        env: { ...process.env, GODEBUG: 'gctrace=1' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      const at = run.stdout.split('\n').findIndex((l) => BROKEN_GC_LINE.test(l));
      if (at < 0) continue;
      writeFileSync(path.join(out, name), run.stdout);
      console.log(`wrote test/fixtures/godebug/${name} (attempt ${attempt}, line ${at + 1} of the run)`);
      return;
    }
    console.log(`kept test/fixtures/godebug/${name}: no run of 60 printed inside a gctrace record`);
  } finally {
    for (const h of hogs) h.kill('SIGKILL');
  }
}

export function captureGodebugFixtures(repo) {
  const demo = path.join(repo, 'resources/samples/godebug-demo');
  const out = path.join(repo, 'test/fixtures/godebug');
  mkdirSync(out, { recursive: true });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gopsy-godebug-fixtures-'));
  try {
    for (const { label, toolchain } of [
      { label: 'current', toolchain: 'local' },
      { label: 'go1.19', toolchain: 'go1.19.13' },
    ]) {
      const src = path.join(tmp, label);
      cpSync(demo, src, { recursive: true });
      // go1.19 knows neither a newer go line nor godebug lines in go.mod.
      if (label !== 'current') writeFileSync(path.join(src, 'go.mod'), 'module example.com/godebugdemo\n\ngo 1.19\n');
      const env = { ...process.env, GOFLAGS: '', GOTOOLCHAIN: toolchain };
      const bin = path.join(tmp, `demo-${label}`);
      const build = spawnSync('go', ['build', '-o', bin, '.'], { cwd: src, env, encoding: 'utf8' });
      if (build.status !== 0) {
        console.log(`skipped ${label} fixtures: ${(build.stderr || build.error?.message || '').trim().split('\n')[0]}`);
        continue;
      }
      const version = spawnSync('go', ['version'], { cwd: src, env, encoding: 'utf8' }).stdout.trim();
      captureCatalogSources(src, env, out, label);
      for (const p of PRESETS) {
        const run = spawnSync('sh', ['-c', 'exec "$0" "$@" 2>&1', bin, ...p.args], {
          env: { ...process.env, GODEBUG: p.godebug },
          encoding: 'utf8',
          timeout: 60_000,
        });
        const text = keep(run.stdout, p.head, p.tail);
        const name = `${label}-${p.name}.txt`;
        writeFileSync(path.join(out, name), text);
        console.log(`wrote test/fixtures/godebug/${name} (${version}, GODEBUG=${p.godebug}, ${text.length} chars)`);
      }
      if (label === 'current') captureInterleaved(bin, out);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
