// The end mark a pty writes after its process has gone is found however the reads cut the output,
// and nothing else is held back or lost.
import { describe, expect, it } from 'vitest';
import { EndMarkScanner } from '../../src/main/services/ptyProcess';

const MARK = '\x1b]7331;GOPSY-END-0A1B2C3D4E5F6071\x07';

/** Feeds the chunks; returns what came out and whether the mark was found. */
function feed(chunks: string[]): { out: string; found: boolean; held: string } {
  const s = new EndMarkScanner(MARK);
  let out = '';
  for (const c of chunks) out += s.push(c);
  return { out, found: s.found, held: s.takeHeld() };
}

describe('EndMarkScanner', () => {
  const before = 'last line of the build\r\n\x1b]7331;GOPSY-END-0A'; // ends like the start of the mark
  const after = 'a descendant wrote this\r\n';
  const whole = before + MARK + after;

  it('finds the mark at every cut of the stream into two reads', () => {
    for (let cut = 0; cut <= whole.length; cut++) {
      const r = feed([whole.slice(0, cut), whole.slice(cut)]);
      expect(r, `cut at ${cut}`).toEqual({ out: before + after, found: true, held: '' });
    }
  });

  it('finds the mark when every character comes in a read of its own', () => {
    expect(feed([...whole])).toEqual({ out: before + after, found: true, held: '' });
  });

  it('gives back what looked like the start of the mark once the next read says it was not', () => {
    const s = new EndMarkScanner(MARK);
    expect(s.push('text\x1b]7331;GOPSY-END-0A1')).toBe('text');
    expect(s.push('X more')).toBe('\x1b]7331;GOPSY-END-0A1X more');
    expect(s.found).toBe(false);
  });

  it('holds a possible start of the mark until the pty ends, and then gives it out', () => {
    const r = feed(['output\r\n\x1b]7331;GOPSY']);
    expect(r).toEqual({ out: 'output\r\n', found: false, held: '\x1b]7331;GOPSY' });
  });

  it('lets a mark with another nonce through as output', () => {
    const other = '\x1b]7331;GOPSY-END-FFFFFFFFFFFFFFFF\x07';
    expect(feed([`a${other}b`, `c${MARK}`])).toEqual({ out: `a${other}bc`, found: true, held: '' });
  });

  it('passes everything through once the mark has been found', () => {
    const s = new EndMarkScanner(MARK);
    s.push(MARK);
    expect(s.push(MARK)).toBe(MARK);
  });
});
