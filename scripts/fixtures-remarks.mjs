// Captures optimisation-remark fixtures from the real toolchain: for the sample and for the std
// package encoding/json, ONE build with -m=2 (text), -json=0 (logopt files) and check_bce at once, so
// tests can compare what the two formats say about the same compile. Called by regenerate-fixtures.mjs.
// A private GOCACHE makes the compiler really run (a cache hit replays text but writes no logopt).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// pattern: the packages that get the flags (the sample's own, or one std package); build: what to build.
const CAPTURES = [
  { name: 'inventory', pattern: 'example.com/inventory/...', build: './...' },
  // encoding/json as a whole is 2.5 MB of remarks: keep a few of its files (both formats alike).
  { name: 'encoding-json', pattern: 'encoding/json', build: 'encoding/json', keep: ['scanner.go', 'indent.go', 'fold.go', 'tags.go'] },
];

export function captureRemarksFixtures(sample, outDir) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gopsy-remarks-fixtures-'));
  const goroot = spawnSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).stdout.trim();
  // Absolute paths become placeholders so fixtures do not depend on where things are installed.
  const rootless = (s) => s.split(`file://${sample}`).join('file://@ROOT@').split(sample).join('@ROOT@').split(goroot).join('@GOROOT@');
  try {
    for (const c of CAPTURES) {
      const logopt = path.join(tmp, c.name, 'logopt');
      mkdirSync(logopt, { recursive: true });
      const flags = `-m=2 -d=ssa/check_bce/debug=1 -json=0,file://${logopt}`;
      const res = spawnSync('go', ['build', '-o', os.devNull, `-gcflags=${c.pattern}=${flags}`, c.build], {
        cwd: sample,
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, GOFLAGS: '', GOCACHE: path.join(tmp, 'cache') },
      });
      if (res.status !== 0) throw new Error(`remarks capture of ${c.name} failed:\n${res.stderr.slice(0, 2000)}`);
      const dest = path.join(outDir, c.name);
      rmSync(dest, { recursive: true, force: true });
      mkdirSync(path.join(dest, 'logopt'), { recursive: true });
      const kept = (file) => !c.keep || c.keep.includes(path.basename(file));
      // Text lines start with their position; flow lines repeat the position of their header.
      const text = rootless(res.stderr)
        .split('\n')
        .filter((l) => l.startsWith('#') || l === '' || kept(l.split(':')[0]))
        .join('\n');
      writeFileSync(path.join(dest, 'm2.txt'), text);
      let size = text.length;
      for (const pkg of readdirSync(logopt)) {
        for (const file of readdirSync(path.join(logopt, pkg))) {
          if (!kept(decodeURIComponent(file).replace(/\.json$/, '.go'))) continue;
          const text = rootless(readFileSync(path.join(logopt, pkg, file), 'utf8'));
          size += text.length;
          mkdirSync(path.join(dest, 'logopt', pkg), { recursive: true });
          writeFileSync(path.join(dest, 'logopt', pkg, file), text);
        }
      }
      console.log(`wrote test/fixtures/remarks/${c.name} (${Math.round(size / 1024)} KB)`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
