import { describe, expect, it } from 'vitest';
import { fuzzyScore } from '../../../src/renderer/src/panels/editor/quickOpenMatch';

describe('quick open matching', () => {
  it('matches letters in order and prefers the file name', () => {
    expect(fuzzyScore('internal/textfmt/textfmt.go', 'txtfmt')).not.toBeNull();
    expect(fuzzyScore('store/store.go', 'txtfmt')).toBeNull();
    expect(fuzzyScore('store/store.go', 'store')!).toBeGreaterThan(fuzzyScore('store/store_test.go', 'stt')!);
    expect(fuzzyScore('a/b.go', '')).toBe(0);
  });
});
