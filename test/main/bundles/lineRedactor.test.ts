// The streaming redactor must give the same text as redacting the whole file, wherever chunks split.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LineRedactor, redactText } from '../../../src/main/services/bundles/lineRedactor';
import { REDACTED } from '../../../src/core/bundle/redact';

async function through(chunks: Buffer[]): Promise<{ text: string; r: LineRedactor }> {
  const r = new LineRedactor();
  const out: Buffer[] = [];
  for await (const c of Readable.from(chunks).pipe(r)) out.push(c as Buffer);
  return { text: Buffer.concat(out).toString('utf8'), r };
}

const split = (b: Buffer, size: number) => Array.from({ length: Math.ceil(b.length / size) }, (_, i) => b.subarray(i * size, (i + 1) * size));

describe('LineRedactor', () => {
  const text = 'héllo wörld ✓\n$ GITHUB_TOKEN=ghp_abc go build\nGOPROXY=https://u:p@proxy/ ok\n{"DB_PASSWORD": "x"}\nno newline at the end ✓ TOKEN=z';

  it.each([1, 2, 3, 7, 64, 100_000])('gives the whole-text result with %i-byte chunks', async (size) => {
    const { text: got, r } = await through(split(Buffer.from(text), size));
    expect(got).toBe(redactText(text).text);
    expect(got).not.toMatch(/ghp_abc|u:p@|"x"|=z/);
    expect(r.hits).toEqual([
      { name: 'DB_PASSWORD', count: 1 },
      { name: 'GITHUB_TOKEN', count: 1 },
      { name: 'TOKEN', count: 1 },
      { name: 'URL credentials', count: 1 },
    ]);
  });

  it('passes text with nothing secret through byte for byte, and cuts very long lines on a character boundary', async () => {
    const long = Buffer.from('é'.repeat(700_000) + '\nKEY=v\n');
    const { text: got } = await through(split(long, 65_536));
    expect(got).toBe('é'.repeat(700_000) + `\nKEY=${REDACTED}\n`);
  });
});
