// docs/bundle-manifest.schema.json is the manifest schema as JSON Schema: it must not drift from the code.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { BundleManifest } from '../../../src/core/bundle/manifest';

const DOC = path.resolve(__dirname, '../../../docs/bundle-manifest.schema.json');

function manifestJsonSchema(): string {
  const schema = z.toJSONSchema(BundleManifest, { io: 'input', unrepresentable: 'any' });
  return (
    JSON.stringify(
      { ...schema, $id: 'urn:gopsy:bundle-manifest:1', title: 'gopsy bundle manifest (manifest.json), format version 1' },
      null,
      2,
    ) + '\n'
  );
}

describe('bundle manifest JSON Schema', () => {
  it('matches docs/bundle-manifest.schema.json (GOPSY_WRITE_SCHEMA=1 rewrites it)', () => {
    if (process.env.GOPSY_WRITE_SCHEMA) writeFileSync(DOC, manifestJsonSchema());
    expect(readFileSync(DOC, 'utf8')).toBe(manifestJsonSchema());
  });
});
