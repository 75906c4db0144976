// The linker's -dumpdep lines split out of a build's console output, as the pty delivers it (CRLF line
// ends, chunks cut anywhere): from `go build -json` (one build-output event of a megabyte) and plain text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { DumpDepLineSplitter, type DumpDepParts } from '../../../src/core/build/dumpDepLines';

const fixture = (name: string) => gunzipSync(readFileSync(path.join(__dirname, '../../fixtures/dumpdep', name))).toString('utf8');
const pty = (s: string) => s.replace(/\n/g, '\r\n');

/** Feeds `text` in chunks of the given sizes (cycled) and joins what comes out. */
function split(text: string, sizes: number[]): DumpDepParts {
  const s = new DumpDepLineSplitter('dumpdep.txt');
  const all: DumpDepParts = { dep: '', other: '', note: '' };
  const add = (p: DumpDepParts) => ((all.dep += p.dep), (all.other += p.other), (all.note += p.note));
  for (let i = 0, k = 0; i < text.length; k++) {
    const n = sizes[k % sizes.length]!;
    add(s.push(text.slice(i, i + n)));
    i += n;
  }
  add(s.flush());
  return all;
}

/** The plain stderr's `# pkg` header and edge lines, as the file should hold them. */
const expected = (plain: string) => plain.split('\n').filter((l) => l.includes(' -> ') || l.startsWith('# ')).join('\n') + '\n';

test.each([[[1 << 20]], [[7, 4093, 1, 65536, 3]], [[1, 2, 5]]])('go build -json: the event is decoded as it streams (chunks %j)', (sizes) => {
  const plain = fixture('reflectmethod.txt.gz');
  const json = fixture('reflectmethod.json.gz');
  const before = '{"ImportPath":"x","Action":"build-output","Output":"# x\\nwarning\\n"}\n';
  const parts = split(pty(before + json + before), sizes);
  expect(parts.dep).toBe(expected(plain));
  expect(parts.other).toBe(pty(before + before));
  expect(parts.note).toBe('(linker reachability graph of example.com/reflectmethod: 15117 lines → dumpdep.txt)\r\n');
});

test('plain text: the run of edge lines goes apart, the header and the lines around it stay', () => {
  const plain = fixture('initkept.txt.gz');
  const text = `go: downloading x\n${plain}ok\n`;
  for (const sizes of [[1 << 20], [3, 1000, 1]]) {
    const parts = split(pty(text), sizes);
    expect(parts.dep).toBe(expected(plain));
    expect(parts.other).toBe(pty('go: downloading x\n# example.com/initkept\nok\n'));
    expect(parts.note).toMatch(/^\(linker reachability graph of example\.com\/initkept: \d+ lines → dumpdep\.txt\)\r\n$/);
  }
});

test('other lines of the linker in the same event come out as an event of their own', () => {
  // Escapes of every kind, cut by chunk ends at every place: quotes, backslashes, \u escapes (as Go writes < and >).
  const output = '# p\n_ -> main.main\nmain.main -> go:string."a -> \\"b\\\\"\nmain.main -> go:string."\\\\"\nlink: warning <x>\n';
  const event = JSON.stringify({ ImportPath: 'p', Action: 'build-output', Output: output }).replaceAll('<', '\\u003c').replaceAll('>', '\\u003e');
  for (const sizes of [[1], [2], [3], [5], [7]]) {
    const parts = split(pty(event + '\n'), sizes);
    expect(parts.dep).toBe('# p\n_ -> main.main\nmain.main -> go:string."a -> \\"b\\\\"\nmain.main -> go:string."\\\\"\n');
    expect(JSON.parse(parts.other.trim())).toEqual({ ImportPath: 'p', Action: 'build-output', Output: '# p\nlink: warning <x>\n' });
  }
});
