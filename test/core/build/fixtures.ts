// Build-capture fixtures captured by scripts/fixtures-build.mjs and scripts/fixtures-explain.mjs (npm run fixtures).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

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
