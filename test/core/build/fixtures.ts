// Build-capture fixtures captured by scripts/fixtures-build.mjs (npm run fixtures).
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function buildFixture(name: string): string {
  return readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'build', name), 'utf8');
}
