// What a trace session holds: the console's output it was given (deflated), not the parsed events (five
// times the output for scheddetail lines, which made a long traced run hold 20× its output at its end);
// the events given back are the ones pushed live, whatever the chunking, the cap and the ending.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../src/shared/godebug';
import { MAX_PENDING_CHARS } from '../../../src/core/godebug';
import { TraceSessions } from '../../../src/main/services/godebug/traceSessions';
import { fixture } from '../../core/fixtures';
import { heldBytes } from '../../support/memory';

/** Real runtime output: schedtrace with scheddetail, gctrace and its pacer, a line split by the program's own output. */
const REAL = [
  'current-scheddetail.txt',
  'current-gctrace.txt',
  'current-gcpacertrace.txt',
  'current-gctrace-interleaved.txt',
  'current-inittrace.txt',
]
  .map((f) => fixture(`godebug/${f}`))
  .join('');

/** Pushes `text` in pieces of `size` and gives what was pushed live, what the session gives back, and the session. */
function session(text: string, size: number, opts: { max?: number; end?: boolean; collect?: boolean } = {}) {
  const live: TraceEvent[] = [];
  const s = new TraceSessions((_id, evs) => opts.collect !== false && live.push(...evs), opts.max);
  s.start('a', 'gctrace=1');
  for (let i = 0; i < text.length; i += size) s.data('a', text.slice(i, i + size));
  if (opts.end !== false) s.exit('a');
  return { live, s };
}

describe('a trace session', () => {
  it('gives back the events pushed live, for any chunking, with a long line, CRLF, non-ASCII text and no final newline', async () => {
    const text =
      REAL.replace(/\n/g, '\r\n') + 'é'.repeat(MAX_PENDING_CHARS + 10) + '\nprogram output ✓ without newline';
    for (const size of [1, 3, 1000, 70_000, text.length]) {
      const { live, s } = session(text, size);
      await new Promise((r) => setTimeout(r, 60)); // the last batch
      const got = s.get('a')!;
      expect(got.events).toEqual(live);
      expect(s.events('a')!.count).toBe(live.length);
      expect(got.events.filter((e) => e.kind === 'sched-detail').length).toBeGreaterThan(10);
    }
  });

  it('keeps the first events up to its cap, says it was truncated, and gives back no more while running', () => {
    const { live, s } = session(REAL.repeat(3), 500, { max: 100 });
    const got = s.get('a')!;
    expect(got.truncated).toBe(true);
    expect(got.events).toHaveLength(100);
    expect(got.events).toEqual(live.slice(0, 100));
    const running = session(REAL, 700, { end: false }).s.get('a')!;
    const ended = session(REAL, 700).s.get('a')!;
    expect(running.events).toEqual(ended.events.slice(0, running.events.length));
  });

  it('gives back the events counted when asked while the program goes on printing (a save of a running program)', () => {
    const { live, s } = session(REAL.repeat(30), 4096, { end: false });
    const asked = s.events('a')!;
    const it = asked.events[Symbol.iterator]();
    const got: TraceEvent[] = [it.next().value as TraceEvent];
    for (let i = 0; i < 20; i++) s.data('a', REAL); // more than a deflated block while it is read
    for (let r = it.next(); !r.done; r = it.next()) got.push(r.value);
    expect(got).toHaveLength(asked.count);
    expect(got).toEqual(live.slice(0, asked.count));
  });

  it('holds less than the output it was given, not the events parsed from it', () => {
    let text = REAL;
    while (text.length < 16e6) text += text;
    text = Buffer.from(text).toString(); // flat: slicing it must not copy it while measured
    const before = heldBytes();
    const { s } = session(text, 4096, { collect: false }); // the events go to the renderer and are dropped here
    const holding = heldBytes() - before;
    // The parsed events of this output take about 5× its size.
    expect(holding).toBeLessThan(0.5 * text.length);
    expect(s.get('a')!.events.length).toBeGreaterThan(200_000);
  });
});
