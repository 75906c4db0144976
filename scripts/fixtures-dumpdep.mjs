// Fixtures for the linker's reachability graph (src/core/binary/reachability.ts, whyInBinary.ts,
// dumpDepLines.ts): `go build -ldflags=-dumpdep` of small programs made to show each case, as the go
// command printed it (plain text on stderr, and `go build -json`'s build-output event), gzipped
// (a hello world prints 15,000 lines). Called by regenerate-fixtures.mjs; run alone with
// `node scripts/fixtures-dumpdep.mjs`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The programs, each a module of its own under test/fixtures/dumpdep/src: reflectmethod calls
 * reflect.Value.MethodByName with a name known only at run time (every exported method of T is kept);
 * initkept imports a package only for its side effect (its init, and what init uses, is kept). */
export const DUMPDEP_PROGRAMS = ['reflectmethod', 'initkept'];

function buildFixture(dir, mod, name, go) {
  const env = { ...process.env, GOFLAGS: '', GO111MODULE: 'on', GOWORK: 'off' };
  const plain = spawnSync(go, ['build', '-ldflags=-dumpdep', '-o', path.join(dir, `${name}.bin`), '.'], { cwd: mod, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (plain.status !== 0) throw new Error(`go build ${name} failed: ${plain.stderr.slice(-2000)}`);
  const json = spawnSync(go, ['build', '-json', '-ldflags=-dumpdep', '-o', path.join(dir, 'out', name) + path.sep, '.'], { cwd: mod, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (json.status !== 0) throw new Error(`go build -json ${name} failed: ${json.stdout.slice(-2000)}`);
  return { plain: plain.stderr, json: json.stdout };
}

/** Writes test/fixtures/dumpdep/<program>.txt.gz (stderr) and <program>.json.gz (go build -json). */
export function captureDumpDepFixtures({ repo, go = 'go' }) {
  const out = path.join(repo, 'test/fixtures/dumpdep');
  mkdirSync(out, { recursive: true });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gopsy-dumpdep-'));
  try {
    for (const name of DUMPDEP_PROGRAMS) {
      const { plain, json } = buildFixture(tmp, path.join(out, 'src', name), name, go);
      writeFileSync(path.join(out, `${name}.txt.gz`), gzipSync(plain, { level: 9 }));
      writeFileSync(path.join(out, `${name}.json.gz`), gzipSync(json, { level: 9 }));
      console.log(`wrote test/fixtures/dumpdep/${name}.{txt,json}.gz (${plain.split('\n').length} lines)`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  captureDumpDepFixtures({ repo: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..') });
}
