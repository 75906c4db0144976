// Loads the SSA fixtures captured by scripts/fixtures-ssa.mjs (real go output on the sample).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DumpFile } from '../../../src/core/ssa/parseSsaDumps';

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'ssa');

export function ssaHtmlFixture(name: string): string {
  return readFileSync(path.join(DIR, name, 'ssa.html'), 'utf8');
}

export function ssaDumpFixtures(name: string): DumpFile[] {
  const dir = path.join(DIR, name, 'dumps');
  return readdirSync(dir).map((n) => ({ name: n, text: readFileSync(path.join(dir, n), 'utf8') }));
}
