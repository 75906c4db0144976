import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, NavigationHistory } from '../../../src/renderer/src/panels/editor/navigationHistory';

const at = (path: string, line: number) => ({ path, line, column: 1 });

describe('Go Back / Go Forward', () => {
  it('returns through the jumps and forward again', () => {
    const h = new NavigationHistory();
    h.record(at('main.go', 19)); // jumped to store.go:24
    h.record(at('store/store.go', 24)); // jumped to /goroot/src/fmt/print.go:314
    expect(h.goBack(at('/goroot/src/fmt/print.go', 314))).toEqual(at('store/store.go', 24));
    expect(h.goBack(at('store/store.go', 24))).toEqual(at('main.go', 19));
    expect(h.goBack(at('main.go', 19))).toBeNull();
    expect(h.goForward(at('main.go', 19))).toEqual(at('store/store.go', 24));
    expect(h.goForward(at('store/store.go', 24))).toEqual(at('/goroot/src/fmt/print.go', 314));
    expect(h.canGoForward).toBe(false);
  });
  it('drops the forward places on a new jump, and keeps a bounded past', () => {
    const h = new NavigationHistory();
    h.record(at('a.go', 1));
    h.goBack(at('b.go', 1));
    h.record(at('a.go', 1));
    expect(h.canGoForward).toBe(false);
    for (let i = 0; i < HISTORY_LIMIT * 2; i++) h.record(at('a.go', i + 2));
    let n = 0;
    while (h.goBack(null)) n++;
    expect(n).toBe(HISTORY_LIMIT);
  });
});
