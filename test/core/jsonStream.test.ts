import { describe, expect, it } from 'vitest';
import { parseJsonStream } from '../../src/core/jsonStream';
import { fixture } from './fixtures';

describe('parseJsonStream', () => {
  it('splits the concatenated objects of go list -json', () => {
    const text = fixture('go-list-inventory.json');
    const { values, errors } = parseJsonStream(text);
    expect(errors).toEqual([]);
    // one object per package: as many as "ImportPath" keys at the top level
    expect(values.length).toBe(4);
    expect(values.map((v) => (v as { ImportPath: string }).ImportPath)).toContain('example.com/inventory/store');
  });

  it('keeps braces inside strings and escaped quotes', () => {
    const { values, errors } = parseJsonStream('{"a":"}{\\"x"}\n{"b":[1,{"c":"]"}]}');
    expect(errors).toEqual([]);
    expect(values).toEqual([{ a: '}{"x' }, { b: [1, { c: ']' }] }]);
  });

  it('reports a truncated tail and keeps what came before', () => {
    const text = fixture('go-list-inventory.json');
    const cut = text.slice(0, Math.floor(text.length * 0.6));
    const { values, errors } = parseJsonStream(cut);
    expect(values.length).toBeGreaterThan(0);
    expect(values.length).toBeLessThan(4);
    expect(errors.some((e) => e.includes('truncated'))).toBe(true);
  });

  it('reports garbage between values and does not throw', () => {
    const { values, errors } = parseJsonStream('{"a":1} garbage {"b":2} ]');
    expect(values).toEqual([{ a: 1 }, { b: 2 }]);
    expect(errors.length).toBe(2);
  });

  it('handles empty input', () => {
    expect(parseJsonStream('')).toEqual({ values: [], errors: [] });
  });
});
