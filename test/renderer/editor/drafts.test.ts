// Unsaved changes across a reload: the draft model on a storage like the browser's (a Map here, since
// the tests run in Node): kept per project and file, restored over the same version, restored as a
// conflict over a version changed on disk, and a storage that refuses writes is reported.
import { describe, expect, it } from 'vitest';
import { Drafts, draftKey, restore, type DraftStorage } from '../../../src/renderer/src/panels/editor/drafts';

function memory(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe('drafts', () => {
  it('keeps one draft per project and file, and clears it', () => {
    const s = memory();
    const d = new Drafts(s);
    expect(d.save('/p', 'main.go', { text: 'x', baseHash: 'h1', at: 5 })).toBe(true);
    expect(d.save('/q', 'main.go', { text: 'y', baseHash: 'h2', at: 6 })).toBe(true);
    // A new instance reads what the last one wrote: what a reload does.
    const again = new Drafts(s);
    expect(again.load('/p', 'main.go')).toEqual({ text: 'x', baseHash: 'h1', at: 5 });
    expect(again.load('/q', 'main.go')?.text).toBe('y');
    again.clear('/p', 'main.go');
    expect(again.load('/p', 'main.go')).toBeNull();
    expect(s.map.has(draftKey('/q', 'main.go'))).toBe(true);
  });

  it('restores over the same version, and as a conflict over a changed one', () => {
    const draft = { text: 'mine', baseHash: 'h1', at: 1 };
    expect(restore(null, { text: 'disk', hash: 'h1' })).toEqual({ kind: 'clean' });
    expect(restore(draft, { text: 'mine', hash: 'h9' })).toEqual({ kind: 'clean' });
    expect(restore(draft, { text: 'disk', hash: 'h1' })).toEqual({ kind: 'restored', draft });
    expect(restore(draft, { text: 'theirs', hash: 'h2' })).toEqual({ kind: 'restoredStale', draft });
  });

  it('ignores damaged entries and reports a storage that refuses writes', () => {
    const s = memory();
    s.map.set(draftKey('/p', 'a.go'), '{not json');
    s.map.set(draftKey('/p', 'b.go'), JSON.stringify({ text: 3 }));
    const d = new Drafts(s);
    expect(d.load('/p', 'a.go')).toBeNull();
    expect(d.load('/p', 'b.go')).toBeNull();
    const full = new Drafts({ ...s, setItem: () => { throw new Error('QuotaExceededError'); } });
    expect(full.save('/p', 'a.go', { text: 'x', baseHash: 'h', at: 1 })).toBe(false);
    expect(new Drafts(null).save('/p', 'a.go', { text: 'x', baseHash: 'h', at: 1 })).toBe(false);
  });
});
