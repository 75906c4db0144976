// The Test cache tab's one-sentence answer: how many packages ran, and the commonest first reason.
import { describe, expect, test } from 'vitest';
import { testCacheSentence } from '../../../src/renderer/src/panels/build/testCacheModel';
import type { TestCacheResult, TestCacheVerdict } from '../../../src/shared/contract/testCache';

const result = (packages: TestCacheVerdict[]): TestCacheResult => ({ id: '20261206-120000-abcdef', against: null, packages, problems: [] });
const ran = (name: string, detail: string): TestCacheVerdict => ({ package: name, cached: false, reasons: [{ kind: 'flag', detail }], lines: [] });
const cached = (name: string): TestCacheVerdict => ({ package: name, cached: true, reasons: [], lines: [] });

describe('testCacheSentence', () => {
  test('all cached, none, and the commonest reason with its count', () => {
    expect(testCacheSentence(result([]))).toBe('No package with tests in this run.');
    expect(testCacheSentence(result([cached('a'), cached('b')]))).toBe('All 2 test results came from the test cache.');
    expect(testCacheSentence(result([ran('a', 'x changed'), cached('b')]))).toBe('1 of 2 packages ran their tests (1 from the test cache): x changed.');
    expect(testCacheSentence(result([ran('a', '-count=1 turns off test caching'), ran('b', '-count=1 turns off test caching'), ran('c', 'y changed')]))).toBe(
      '3 of 3 packages ran their tests: -count=1 turns off test caching (2 packages).',
    );
  });
});
