import { describe, expect, it } from 'vitest';
import { terminalText, unseenPart } from '../../../src/renderer/src/panels/console/logStream';

describe('the gopls log stream', () => {
  it('writes only what follows the reader', () => {
    expect(unseenPart(10, { text: 'abcde', end: 15 })).toBe('abcde');
    expect(unseenPart(12, { text: 'abcde', end: 15 })).toBe('cde');
    expect(unseenPart(15, { text: 'abcde', end: 15 })).toBe('');
    expect(unseenPart(20, { text: 'abcde', end: 15 })).toBe('');
  });

  it('keeps line ends and tabs, drops escape sequences', () => {
    expect(terminalText('a\tb\n\x1b[31mred\x1b]0;title\x07\r\n')).toBe('a\tb\r\nred\r\n');
  });
});
