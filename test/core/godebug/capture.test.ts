// Reading a recorded GODEBUG capture back: real events parsed from the toolchain's fixtures, written
// the way the session records them, come back identical however the text is chunked; hostile lines
// are skipped and counted with a warning that says so.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../src/shared/godebug';
import { CaptureParser, MAX_CAPTURE_LINE_CHARS, parseCapture, parseTraceText, readCaptureHeader } from '../../../src/core/godebug';
import { fixture } from '../fixtures';

/** What LiveSession.recordEvents writes. */
function record(events: TraceEvent[], over: Record<string, unknown> = {}): string {
  const header = { type: 'godebug-capture', consoleId: 'c1', title: 'go run .', commandLine: 'go run .', godebug: 'gctrace=1', startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:02.000Z', truncated: false, count: events.length, ...over };
  return [JSON.stringify(header), ...events.map((e) => JSON.stringify(e))].join('\n') + '\n';
}

const gc = parseTraceText(fixture('godebug/current-gctrace.txt'));
const sched = parseTraceText(fixture('godebug/current-schedtrace.txt'));

describe('parseCapture', () => {
  it('gives back the recorded events of real gctrace and schedtrace output, with no warning', () => {
    expect(gc.filter((e) => e.kind === 'gc').length).toBeGreaterThan(3);
    for (const evs of [gc, sched]) {
      const r = parseCapture(record(evs), 1_000_000);
      expect(r.header).toMatchObject({ status: 'ok', header: { godebug: 'gctrace=1', count: evs.length } });
      expect(r.events).toEqual(evs);
      expect(r.skipped).toBe(0);
      expect(r.warnings).toEqual([]);
    }
  });

  it('is the same whatever the chunking, CRLF line ends included', () => {
    const text = record(sched).replace(/\n/g, '\r\n');
    for (const size of [1, 7, 4096]) {
      const p = new CaptureParser(1_000_000);
      for (let i = 0; i < text.length; i += size) p.push(text.slice(i, i + size));
      expect(p.end().events).toEqual(sched);
    }
  });

  it('skips and counts lines that are not trace events, and keeps markup as text', () => {
    const markup = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const lines = record(gc).trimEnd().split('\n');
    lines.splice(2, 0, 'not json {', JSON.stringify({ kind: 'gc', seq: 1 }), JSON.stringify({ kind: 'nope', seq: 2 }), 'x'.repeat(MAX_CAPTURE_LINE_CHARS + 10), JSON.stringify({ kind: 'output', seq: 99, text: markup }));
    const r = parseCapture(lines.join('\n'), 1_000_000);
    expect(r.skipped).toBe(4);
    expect(r.events).toHaveLength(gc.length + 1);
    expect(r.events).toContainEqual({ kind: 'output', seq: 99, text: markup });
    expect(r.warnings).toEqual(['4 lines were not valid trace events and skipped (the first at line 3, 1 of them longer than 1 MiB).']);
  });

  it('caps the events and says so', () => {
    const r = parseCapture(record(gc), 5);
    expect(r.events).toEqual(gc.slice(0, 5));
    expect(r.capped).toBe(true);
    expect(r.warnings).toEqual(['Only the first 5 events are shown: that is the most gopsy keeps for one session.']);
  });

  it('copes with no header, a damaged header, a header of another type and a wrong count', () => {
    const bare = parseCapture(gc.map((e) => JSON.stringify(e)).join('\n'), 1_000_000);
    expect(bare.header.status).toBe('missing');
    expect(bare.events).toEqual(gc);
    expect(bare.warnings).toEqual(['It has no godebug-capture header line, so its title and GODEBUG setting are unknown.']);

    const damaged = parseCapture(record(gc, { title: 42 }), 1_000_000);
    expect(damaged.header).toMatchObject({ status: 'damaged', problem: expect.stringContaining('title') });
    expect(damaged.events).toEqual(gc);

    const foreign = parseCapture(record(gc, { type: 'build-run' }), 1_000_000);
    expect(foreign.header).toEqual({ status: 'foreign', type: 'build-run' });
    expect(foreign.events).toEqual([]);
    expect(foreign.warnings[0]).toMatch(/"build-run" record, not a godebug-capture header/);

    const miscounted = parseCapture(record(gc, { count: 3, truncated: true }), 1_000_000);
    expect(miscounted.warnings).toEqual([
      'The recording itself was cut short: the program printed more than gopsy keeps for one session.',
      `The header lists 3 events but the file holds ${gc.length}.`,
    ]);
    expect(readCaptureHeader('[1,2]')).toEqual({ status: 'missing' });
    expect(parseCapture('', 10)).toMatchObject({ events: [], skipped: 0, header: { status: 'missing' } });
  });
});
