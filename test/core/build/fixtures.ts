// Build-capture fixtures captured by scripts/fixtures-build.mjs and scripts/fixtures-explain.mjs (npm run fixtures).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sha256Hex } from '../../../src/core/sha256';

export function buildFixture(name: string): string {
  return readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'build', name), 'utf8');
}

/** A GODEBUG=gocachehash=1 capture of test/fixtures/explain/src (scripts/fixtures-explain.mjs), e.g. ('go1.26', 'first'). */
export function cacheHashFixture(toolchain: 'go1.26' | 'go1.24', name: string): string {
  const file = path.join(
    __dirname,
    '..',
    '..',
    'fixtures',
    'explain',
    'cachehash',
    toolchain,
    `${name}.txt.gz`,
  );
  return gunzipSync(readFileSync(file)).toString('utf8');
}

/** -d=ssa/all/time or -d=ssa/all/mem output of test/fixtures/explain/src (scripts/fixtures-explain.mjs). */
export function compileCostFixture(name: 'time' | 'mem'): string {
  return readFileSync(
    path.join(__dirname, '..', '..', 'fixtures', 'explain', 'compilecost', `ssa-all-${name}.txt`),
    'utf8',
  );
}

/** Hand-made: one action's lines as the go command prints them (writes Go-quoted), with the sum they hash to. */
export function cacheHashBlock(name: string, writes: string[]): string {
  const sum = sha256Hex(new TextEncoder().encode(writes.join('')));
  // JSON quoting equals Go's %q for the plain ASCII these tests use.
  const q = (w: string) => JSON.stringify(w);
  return [`HASH[${name}]`, ...writes.map((w) => `HASH[${name}]: ${q(w)}`), `HASH[${name}]: ${sum}`].join(
    '\n',
  );
}

/** scripts/fixtures-compile-shapes.mjs: -d=ssa/all/time of the generated shape packages, and their sources by printed path. */
export function compileShapeFixture(): { time: string; sources: Map<string, string> } {
  const dir = path.join(__dirname, '..', '..', 'fixtures', 'explain', 'shapes');
  const sources = new Map<string, string>();
  for (const pkg of ['switchy', 'literal', 'long', 'ifchain']) {
    sources.set(`${pkg}/${pkg}.go`, gunzipSync(readFileSync(path.join(dir, 'src', pkg, `${pkg}.go.gz`))).toString('utf8'));
  }
  return { time: readFileSync(path.join(dir, 'ssa-all-time.txt'), 'utf8'), sources };
}
