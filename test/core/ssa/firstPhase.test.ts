// The early first phase of an ssa.html (core/ssa/firstPhase.ts): given before the sources and AST
// columns are parsed, equal to what the in-order parse finds, and taken back or replaced when the file
// is not laid out as html.go writes it.
import { describe, expect, it, vi } from 'vitest';
import type { SsaPhase } from '../../../src/shared/ssa';
import { FirstPhaseSplitter, parseSsaHtmlChunks } from '../../../src/core/ssa/firstPhase';
import { parseSsaHtml, SsaHtmlParser } from '../../../src/core/ssa/parseSsaHtml';
import { ssaHtmlFixture } from './ssaFixtures';

async function* chunked(text: string, size: number, read?: { chars: number }) {
  for (let i = 0; i < text.length; i += size) {
    if (read) read.chars = Math.min(text.length, i + size);
    yield text.slice(i, i + size);
  }
}

/** Parses in chunks and keeps what a caller keeps: the last phase given per index, minus those taken back. */
async function keep(text: string, size: number) {
  const kept: SsaPhase[] = [];
  const calls: number[] = [];
  const drops: number[] = [];
  const fn = await parseSsaHtmlChunks(
    chunked(text, size),
    (p, i) => {
      kept[i] = p;
      calls.push(i);
    },
    true,
    (i) => {
      kept.splice(i, 1);
      drops.push(i);
    },
  );
  return { fn, kept, calls, drops };
}

describe('first phase of a real ssa.html', () => {
  const html = ssaHtmlFixture('store-add');
  const reference = parseSsaHtml(html);
  const secondPass = html.indexOf('<td id="start-col"');

  it('finds the head and the first pass column', () => {
    const s = new FirstPhaseSplitter();
    let found = null;
    for (let i = 0; i < html.length && !found; i += 7000) found = s.push(html.slice(i, i + 7000));
    expect(found).not.toBe('none');
    const { head, column } = found as Exclude<typeof found, 'none' | null>;
    expect(head.endsWith('<table><tr>')).toBe(true);
    expect(head).not.toContain('sources-exp');
    expect(column.startsWith('<td id="before-insert-phis-col"')).toBe(true);
    expect(html.indexOf(column)).toBe(secondPass - column.length);
    // Everything pushed is handed back, in order, for the in-order parse.
    expect(s.take().join('')).toBe(html.slice(0, Math.ceil(secondPass / 7000) * 7000));
  });

  it('gives phase 0 once its column is read, before the sources and AST are parsed, equal to the in-order result', async () => {
    for (const size of [1, 997, 4096, 65536, html.length]) {
      const read = { chars: 0 };
      let early: { phase: SsaPhase; at: number; name: string } | null = null;
      const calls: number[] = [];
      const fn = await parseSsaHtmlChunks(
        chunked(html, size, read),
        (phase, i, name) => {
          calls.push(i);
          if (i === 0) early = { phase, at: read.chars, name };
        },
        true,
      );
      expect(early).not.toBeNull();
      const e = early as unknown as { phase: SsaPhase; at: number; name: string };
      expect(e.at).toBeLessThanOrEqual(Math.max(size, secondPass + 4100 + size));
      expect(calls.filter((i) => i === 0)).toHaveLength(1);
      expect(calls).toEqual(reference.phases.map((_, i) => i));
      expect(e.phase).toEqual(reference.phases[0]);
      expect(e.name).toBe(reference.name);
      expect(fn).toEqual(reference);
    }
  });

  it('parses only the head and that column before giving phase 0', async () => {
    const feed = vi.spyOn(SsaHtmlParser.prototype, 'feed');
    try {
      let fedBefore = -1;
      await parseSsaHtmlChunks(chunked(html, 4096), (_p, i) => {
        if (i === 0 && fedBefore < 0) fedBefore = feed.mock.calls.reduce((n, [c]) => n + c.length, 0);
      });
      const firstPass = html.indexOf('<td id="before-insert-phis-col"');
      const head = html.indexOf('<td id="sources-col"');
      // Not the sources and AST columns (head .. firstPass): those are parsed after.
      expect(fedBefore).toBe(head + (secondPass - firstPass));
    } finally {
      feed.mockRestore();
    }
  });

  it('keeps every fixture exact whatever the chunks', async () => {
    for (const name of ['store-add', 'store-items-closure', 'map-shaped']) {
      const text = ssaHtmlFixture(name);
      const ref = parseSsaHtml(text);
      for (const size of [333, 1 << 20]) {
        const { fn, kept, drops } = await keep(text, size);
        expect(drops).toEqual([]);
        expect(kept).toEqual(ref.phases);
        expect(fn).toEqual(ref);
      }
    }
  });
});

describe('first phase of a file not laid out as html.go writes it', () => {
  const html = ssaHtmlFixture('store-add');
  const firstPass = html.indexOf('<td id="before-insert-phis-col"');
  const astBody = html.indexOf('<td id="AST-exp"');

  it('takes the early phase back when the in-order parse finds no phase (a script opened in the AST column never closes)', async () => {
    const text = html.slice(0, astBody + 100) + '<script>' + html.slice(astBody + 100).replaceAll('</script>', '');
    const ref = parseSsaHtml(text);
    expect(ref.phases).toEqual([]);
    const { kept, drops, calls } = await keep(text, 8192);
    expect(calls[0]).toBe(0);
    expect(drops).toEqual([0]);
    expect(kept).toEqual([]);
  });

  it('replaces the early phase with the in-order one when they differ (a comment opened in the AST closes inside the first pass)', async () => {
    const inPass = html.indexOf('<li', firstPass + 2000);
    const text = html.slice(0, astBody + 100) + '<!--' + html.slice(astBody + 100, inPass) + '-->' + html.slice(inPass);
    const ref = parseSsaHtml(text);
    const { fn, kept, calls } = await keep(text, 8192);
    expect(calls.filter((i) => i === 0).length).toBe(2);
    expect(kept).toEqual(ref.phases);
    expect(fn).toEqual(ref);
  });

  it('parses in order only when no pass column is found', async () => {
    const text = html.slice(0, firstPass);
    const { fn, calls } = await keep(text, 4096);
    expect(calls).toEqual([]);
    expect(fn).toEqual(parseSsaHtml(text));
    const s = new FirstPhaseSplitter(10_000);
    expect(s.push('x'.repeat(20_000))).toBe('none');
    expect(s.take()).toEqual(['x'.repeat(20_000)]);
  });
});
