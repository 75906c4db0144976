// Reads fixtures captured from the real toolchain by scripts/regenerate-fixtures.mjs.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const FIXTURE_ROOT = '@ROOT@';

export function fixture(name: string): string {
  return readFileSync(path.join(__dirname, '..', 'fixtures', name), 'utf8');
}
