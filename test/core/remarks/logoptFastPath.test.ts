// The logopt fast path (an exact-shape check and a walk, no JSON.parse) against JSON.parse of every
// line: identical remarks, skipped counts and warnings on real go1.26 captures, on hand-mutated lines
// (escapes, non-ASCII, other key order, other number forms, broken JSON) and on random mutations.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DiagnosticScanner, readLogopt, remarksFromLogopt, withFlow } from '../../../src/core/remarks';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');

/** Every real logopt capture among the fixtures (the remarks builds and the build capture's). */
const captures: Array<{ name: string; text: string }> = [
  ...['inventory', 'encoding-json'].flatMap((build) => {
    const root = path.join(FIXTURES, 'remarks', build, 'logopt');
    return readdirSync(root, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ name: `${build}/${f}`, text: readFileSync(path.join(root, f), 'utf8') }));
  }),
  ...readdirSync(path.join(FIXTURES, 'build'))
    .filter((f) => f.includes('.logopt.'))
    .map((f) => ({ name: `build/${f}`, text: readFileSync(path.join(FIXTURES, 'build', f), 'utf8') })),
];

/**
 * The fast path (over text, and over bytes with flows read back from them in reverse order) and
 * JSON.parse of every line, on the same text.
 */
function bothPaths(text: string) {
  const bytes = new TextEncoder().encode(text);
  const decoded = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const fromBytes = readLogopt(bytes, 'f.json');
  const flows = [...fromBytes.remarks].reverse().map(withFlow).reverse();
  expect({ ...fromBytes, remarks: flows }).toStrictEqual(
    remarksFromLogopt(decoded, 'f.json', { fastPath: false }),
  );
  return {
    fast: remarksFromLogopt(text, 'f.json'),
    slow: remarksFromLogopt(text, 'f.json', { fastPath: false }),
  };
}

/** Lines of `text` the fast path accepts, and the lines it leaves to JSON.parse. */
function split(text: string): { fast: number; other: number } {
  const scanner = new DiagnosticScanner(text);
  const sink = { diagnostic: () => undefined };
  let fast = 0;
  let other = 0;
  for (let start = 0; start <= text.length;) {
    const end = text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start);
    if (scanner.read(start, end, sink)) fast++;
    else if (text.slice(start, end).trim() !== '') other++;
    start = end + 1;
  }
  return { fast, other };
}

const store = captures
  .find((c) => c.name === 'inventory/example.com%2Finventory%2Fstore/store.json')!
  .text.split('\n');
const header = store[0]!;
/** A real escape line with its flow (its message has Go's \u0026 escapes). */
const escapeLine = store.find((l) => l.includes('"relatedInformation"') && l.includes('\\u0026'))!;

describe('fast path and JSON.parse give the same remarks', () => {
  it('has real captures with escapes and flows to compare', () => {
    expect(captures.length).toBeGreaterThanOrEqual(9);
    expect(escapeLine).toBeDefined();
    expect(captures.some((c) => [...c.text].some((ch) => ch.charCodeAt(0) > 0x7f))).toBe(true);
  });

  for (const { name, text } of captures) {
    it(`on the real capture ${name}`, () => {
      const { fast, slow } = bothPaths(text);
      expect(fast).toStrictEqual(slow);
      expect(fast.remarks.length).toBeGreaterThan(0);
      // Every diagnostic the compiler wrote takes the fast path; only the header goes to JSON.parse.
      expect(split(text)).toEqual({
        fast: text.split('\n').filter((l) => l.trim() !== '').length - 1,
        other: 1,
      });
    });
  }

  it('reads pending flows in any order, escapes included', () => {
    const text = captures
      .map((c) => c.text)
      .find((t) => t.includes('\\u0026') && t.includes('relatedInformation'))!;
    const lazy = readLogopt(text).remarks;
    const reversed = [...lazy].reverse().map(withFlow).reverse();
    expect(reversed).toStrictEqual(remarksFromLogopt(text, 'x', { fastPath: false }).remarks);
  });

  // Hand-made variants of one real line: [what, line, taken by the fast path?].
  const parsed = JSON.parse(escapeLine) as {
    range: unknown;
    message: string;
    relatedInformation: Array<{ location: { uri: string; range: unknown }; message: string }>;
  };
  const withMessage = (m: string) =>
    escapeLine.replace(JSON.stringify(parsed.message).replace(/&/g, '\\u0026'), m);
  const variants: Array<[string, string, boolean]> = [
    ['as the compiler wrote it', escapeLine, true],
    [
      'JSON escapes in the message',
      withMessage('"tab\\there \\"q\\" back\\\\slash \\/ \\u00e9 \\ud834\\udd1e \\n\\r\\b\\f"'),
      true,
    ],
    ['raw non-ASCII in the message', withMessage('"é𝄞 ← \u2028 x"'), true],
    ['an escaped quote at the end', withMessage('"ends with \\""'), true],
    ['a message of backslashes', withMessage('"\\\\\\\\"'), true],
    ['an empty message (the dropped escape twin)', withMessage('""'), true],
    [
      'non-ASCII and %-escapes in a flow uri',
      escapeLine.replace(/"file:\/\/([^"]*)\/store\.go"/, '"file://$1/d%C3%A9j%C3%A0 vu/é.go"'),
      true,
    ],
    [
      'an escaped quote in a flow uri',
      escapeLine.replace(/"file:\/\/([^"]*)\/store\.go"/, '"file://$1/a\\"b.go"'),
      true,
    ],
    ['no relatedInformation', escapeLine.replace(/,"relatedInformation":\[.*\]\}$/, '}'), true],
    [
      'an empty relatedInformation',
      escapeLine.replace(/,"relatedInformation":\[.*\]\}$/, ',"relatedInformation":[]}'),
      true,
    ],
    ['a zero position', escapeLine.replace(/"line":\d+/, '"line":0'), true],
    ['15-digit numbers', escapeLine.replace(/"character":\d+/, '"character":999999999999999'), true],
    [
      'other key order',
      JSON.stringify({
        message: parsed.message,
        code: 'escape',
        range: parsed.range,
        relatedInformation: parsed.relatedInformation,
        severity: 3,
      }),
      false,
    ],
    ['spaces after colons', JSON.stringify(parsed, null, 1).replace(/\n */g, ' '), false],
    ['a duplicate message key', escapeLine.replace(/\}$/, ',"message":"second"}'), false],
    ['an exponent', escapeLine.replace(/"line":(\d+)/, '"line":$1e0'), false],
    ['a fraction', escapeLine.replace(/"character":(\d+)/, '"character":$1.5'), false],
    ['a negative number', escapeLine.replace(/"character":\d+/, '"character":-1'), false],
    ['16-digit numbers', escapeLine.replace(/"character":\d+/, '"character":1234567890123456'), false],
    ['a leading zero (not JSON)', escapeLine.replace(/"line":(\d+)/, '"line":0$1'), false],
    ['a trailing \\r', `${escapeLine}\r`, false],
    ['trailing spaces', `${escapeLine}  `, false],
    ['text after the object', `${escapeLine}x`, false],
    ['a raw tab in a string (not JSON)', withMessage('"a\tb"'), false],
    ['an unknown escape (not JSON)', withMessage('"a\\xb"'), false],
    ['a short \\u escape (not JSON)', withMessage('"a\\u12"'), false],
    ['a truncated line', escapeLine.slice(0, escapeLine.length - 3), false],
    ['a flow entry without a location', escapeLine.replace('{"location":', '{"elsewhere":'), false],
    ['a string position', escapeLine.replace(/"line":(\d+)/, '"line":"$1"'), false],
    ['a missing code', escapeLine.replace('"code":"escape",', ''), false],
    ['a header in the middle', header, false],
  ];

  for (const [what, line, fast] of variants) {
    it(`on a real line with ${what}`, () => {
      expect(line).not.toBe(what === 'as the compiler wrote it' ? '' : escapeLine);
      const text = [header, store[1], line, '', '   ', line, store[2]].join('\n');
      const { fast: f, slow } = bothPaths(text);
      expect(f).toStrictEqual(slow);
      expect(split(text).fast).toBe(fast ? 4 : 2);
    });
  }

  it('decodes escapes the way JSON.parse does', () => {
    const line = withMessage('"x\\u0026y \\ud834\\udd1e \\"z\\""');
    const r = remarksFromLogopt([header, line].join('\n')).remarks[0]!;
    expect(r.message).toBe('x&y 𝄞 "z"');
    expect(split(line).fast).toBe(1);
  });

  it('without a header, as the first line, or with only blank lines', () => {
    for (const text of [escapeLine, `\n\n${escapeLine}\n`, `${escapeLine}\n${header}`, '\n  \n', '']) {
      const { fast, slow } = bothPaths(text);
      expect(fast).toStrictEqual(slow);
    }
  });

  it('a pending flow serialised by mistake does not carry its file along', () => {
    const text = [header, escapeLine].join('\n');
    for (const input of [text, new TextEncoder().encode(text)]) {
      const pending = readLogopt(input).remarks[0]!;
      expect(Array.isArray(pending.flow)).toBe(false);
      expect(JSON.stringify(pending).length).toBeLessThan(400);
      expect(structuredClone(pending.flow)).toEqual({
        source: {},
        line: 1,
        start: header.length + 1,
        at: expect.any(Number),
      });
    }
  });

  it('leaves a line too big for the expression to JSON.parse (600,000 flow steps, ~95 MB)', () => {
    const step = JSON.stringify(parsed.relatedInformation[0]);
    const line = escapeLine.replace(
      /"relatedInformation":\[.*\]\}$/,
      `"relatedInformation":[${Array<string>(600_000).fill(step).join(',')}]}`,
    );
    const fast = remarksFromLogopt([header, line].join('\n'));
    expect(fast.remarks[0]!.flow).toHaveLength(600_000);
    expect(fast.remarks[0]!.flow[599_999]).toStrictEqual(
      remarksFromLogopt([header, escapeLine].join('\n')).remarks[0]!.flow[0],
    );
  }, 60_000);

  it('on random mutations of a real capture', () => {
    const seed = captures.find((c) =>
      c.name.endsWith('inventory/example.com%2Finventory%2Fstore/store.json'),
    )!.text;
    // Characters that matter to JSON and to the fast path's checks, plus anything else.
    const char = fc.oneof(
      fc.constantFrom(
        '"',
        '\\',
        '{',
        '}',
        '[',
        ']',
        ',',
        ':',
        '0',
        '1',
        '9',
        '-',
        '.',
        'e',
        'u',
        '\n',
        '\r',
        '\t',
        ' ',
        'é',
        '𝄞',
        '\u2028',
      ),
      fc.string({ unit: 'binary', maxLength: 2 }),
    );
    const edit = fc.tuple(fc.nat({ max: seed.length - 1 }), fc.nat({ max: 2 }), char);
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        let text = seed;
        for (const [at, cut, ins] of edits) text = text.slice(0, at) + ins + text.slice(at + cut);
        const { fast, slow } = bothPaths(text);
        expect(fast).toStrictEqual(slow);
      }),
      { numRuns: 500 },
    );
  });
});
