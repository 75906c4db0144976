// Captures SSA fixtures from the real toolchain: ssa.html (GOSSAFUNC) and per-pass text dumps
// (-d=ssa/all/dump) for a few functions of the sample. Called by regenerate-fixtures.mjs.
// A private GOCACHE makes the compiler really run (a cache hit writes no ssa.html).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// name: fixture folder; pkg: import path compiled; dir: what to build; func: f.Name; dumps: keep text dumps.
const CAPTURES = [
  { name: 'store-add', pkg: 'example.com/inventory/store', build: './store', func: '(*Store).Add', dumps: true },
  { name: 'store-items-closure', pkg: 'example.com/inventory/store', build: './store', func: '(*Store).Items.func1', dumps: false },
  {
    name: 'map-shaped',
    pkg: 'main',
    build: '.',
    func: 'Map[go.shape.struct { SKU string; Name string; Qty int; PriceCents int64 },go.shape.string]',
    dumps: false,
  },
];

export function captureSsaFixtures(sample, outDir) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gopsy-ssa-fixtures-'));
  try {
    for (const c of CAPTURES) {
      const ssaDir = path.join(tmp, c.name);
      mkdirSync(ssaDir, { recursive: true });
      const gcflagsPkg = c.pkg === 'main' ? 'example.com/inventory' : c.pkg;
      const args = ['build', '-o', os.devNull];
      if (c.dumps) args.push(`-gcflags=${gcflagsPkg}=-d=ssa/all/dump=${c.func}`);
      args.push(c.build);
      const res = spawnSync('go', args, {
        cwd: sample,
        encoding: 'utf8',
        env: { ...process.env, GOFLAGS: '', GOCACHE: path.join(tmp, 'cache'), GOSSADIR: ssaDir, GOSSAFUNC: `${c.pkg}.${c.func}` },
      });
      if (res.status !== 0) throw new Error(`capture of ${c.func} failed:\n${res.stderr}`);
      const dest = path.join(outDir, c.name);
      rmSync(dest, { recursive: true, force: true });
      mkdirSync(dest, { recursive: true });
      const rootless = (s) => s.split(sample).join('@ROOT@').split(tmp).join('@TMP@');
      for (const f of walk(ssaDir)) {
        const text = rootless(readFileSync(f, 'utf8'));
        if (f.endsWith('.html')) {
          writeFileSync(path.join(dest, 'ssa.html'), text);
          console.log(`wrote ${c.name}/ssa.html (${text.length} chars)`);
        } else if (c.dumps && f.endsWith('.dump')) {
          mkdirSync(path.join(dest, 'dumps'), { recursive: true });
          writeFileSync(path.join(dest, 'dumps', path.basename(f)), text);
        }
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}
