import { describe, expect, test } from 'vitest';
import { HashLineSplitter, PrefixLineSplitter } from '../../../src/core/build/hashLines';
import { TEST_CACHE_PREFIX } from '../../../src/core/build/testCache';

// What a pty delivers for `go build -json` with GODEBUG=gocachehash=1: CRLF lines, hash lines of both
// forms among JSON records and plain stderr.
const OUTPUT = [
  '{"ImportPath":"example.org/x/ledger","Action":"build-output","Output":"# example.org/x/ledger\\n"}',
  'HASH[build example.org/x/ledger]',
  'HASH[build example.org/x/ledger]: "go1.26.8"',
  'HASH /tmp/p/ledger/ledger.go: 0123abcd',
  'HASH[build example.org/x/ledger]: 4f9ac3c8a6ef6f5d4e1c1b2a3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f2e',
  'HASHED is not a hash line',
  'HAS',
  'go: downloading example.org/y v1.0.0',
  'ledger/ledger.go:3:2: HASH[ in the middle of a line stays',
  '',
].join('\r\n');

const HASH = [
  'HASH[build example.org/x/ledger]',
  'HASH[build example.org/x/ledger]: "go1.26.8"',
  'HASH /tmp/p/ledger/ledger.go: 0123abcd',
  'HASH[build example.org/x/ledger]: 4f9ac3c8a6ef6f5d4e1c1b2a3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f2e',
  '',
].join('\n');

const OTHER = [
  '{"ImportPath":"example.org/x/ledger","Action":"build-output","Output":"# example.org/x/ledger\\n"}',
  'HASHED is not a hash line',
  'HAS',
  'go: downloading example.org/y v1.0.0',
  'ledger/ledger.go:3:2: HASH[ in the middle of a line stays',
  '',
].join('\r\n');

function split(chunks: string[]) {
  const s = new HashLineSplitter();
  let hash = '';
  let other = '';
  for (const c of [...chunks.map((c) => s.push(c)), s.flush()]) {
    hash += c.hash;
    other += c.other;
  }
  return { hash, other };
}

describe('HashLineSplitter', () => {
  test('hash lines (both forms) go apart as LF lines, the rest passes unchanged', () => {
    expect(split([OUTPUT])).toEqual({ hash: HASH, other: OTHER });
  });

  test('the same result wherever the chunks end', () => {
    for (let i = 0; i <= OUTPUT.length; i++) {
      for (const j of [i + 1, i + 3, i + 17]) {
        if (j > OUTPUT.length) continue;
        expect(split([OUTPUT.slice(0, i), OUTPUT.slice(i, j), OUTPUT.slice(j)]), `cut at ${i}, ${j}`).toEqual({ hash: HASH, other: OTHER });
      }
    }
  });

  test('one character at a time', () => {
    expect(split([...OUTPUT])).toEqual({ hash: HASH, other: OTHER });
  });

  test('other text is passed on at once; only a line start that may become HASH waits', () => {
    const s = new HashLineSplitter();
    expect(s.push('compiling')).toEqual({ hash: '', other: 'compiling' });
    expect(s.push('…\r\nHA')).toEqual({ hash: '', other: '…\r\n' });
    expect(s.push('LT')).toEqual({ hash: '', other: 'HALT' });
    expect(s.push('\r\nHAS')).toEqual({ hash: '', other: '\r\n' });
    expect(s.flush()).toEqual({ hash: '', other: 'HAS' });
  });
});

describe('PrefixLineSplitter for GODEBUG=gocachetest=1 lines', () => {
  test('testcache lines apart from the test output, whatever the chunk boundaries', () => {
    const out = [
      '{"Action":"output","Package":"example.com/greet","Output":"ok  \\texample.com/greet\\t(cached)\\n"}',
      'testcache: example.com/greet: test ID 6c30 => 263a',
      'test output of a test named testcache',
      'testcache: caching disabled for test argument: -test.count=1',
      'tes',
      '',
    ].join('\r\n');
    for (const size of [1, 3, 7, out.length]) {
      const s = new PrefixLineSplitter([TEST_CACHE_PREFIX]);
      let matched = '';
      let other = '';
      for (let i = 0; i < out.length; i += size) {
        const p = s.push(out.slice(i, i + size));
        matched += p.matched;
        other += p.other;
      }
      other += s.flush().other;
      expect(matched, `chunks of ${size}`).toBe('testcache: example.com/greet: test ID 6c30 => 263a\ntestcache: caching disabled for test argument: -test.count=1\n');
      expect(other, `chunks of ${size}`).toBe(out.split('\r\n').filter((l) => !l.startsWith('testcache: ')).join('\r\n'));
    }
  });
});
