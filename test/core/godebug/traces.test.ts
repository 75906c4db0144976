// Trace parsers on real output captured from the demo (scripts/fixtures-godebug.mjs) with the current
// toolchain and with go1.19, plus hand-made broken and interleaved input.
import { describe, expect, it } from 'vitest';
import type { GcEvent, TraceEvent } from '../../../src/shared/godebug';
import { classifyLine, parseTraceText, TraceStream, gcPauseMs } from '../../../src/core/godebug';
import { fixture } from '../fixtures';

const of = <K extends TraceEvent['kind']>(evs: TraceEvent[], kind: K) =>
  evs.filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind);

/** The events of the text pushed through a TraceStream in chunks of `size` characters. */
function streamInChunks(text: string, size: number): TraceEvent[] {
  const s = new TraceStream();
  const evs: TraceEvent[] = [];
  for (let i = 0; i < text.length; i += size) evs.push(...s.push(text.slice(i, i + size)));
  evs.push(...s.end());
  return evs;
}

/** Every line of the text comes back: as a trace record or as output, in order. */
function expectLossless(text: string, evs: TraceEvent[]) {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const seqs = new Set(evs.map((e) => e.seq));
  expect(seqs.size).toBe(lines.length);
  for (const e of evs) if (e.kind === 'output') expect(lines[e.seq]).toContain(e.text);
}

describe.each(['current', 'go1.19'])('%s toolchain output', (tc) => {
  it('gctrace: every gc line parses and the heap numbers add up', () => {
    const text = fixture(`godebug/${tc}-gctrace.txt`);
    const evs = parseTraceText(text);
    expectLossless(text, evs);
    const gcLines = text.split('\n').filter((l) => l.startsWith('gc '));
    const gcs = of(evs, 'gc');
    expect(gcs.length).toBe(gcLines.length);
    expect(gcs.length).toBeGreaterThan(5);
    for (const g of gcs) {
      expect(g.liveMB).toBeLessThanOrEqual(g.heapEndMB);
      expect(g.clockMs).toHaveLength(3);
      expect(g.cpuMs).toHaveLength(5);
      expect(g.procs).toBeGreaterThan(0);
      expect(g.stacksMB).toBeDefined();
    }
    expect(gcs.map((g) => g.n)).toEqual(gcs.map((g) => g.n).sort((a, b) => a - b));
    expect(gcs.at(-1)!.forced).toBe(true); // the demo ends with runtime.GC()
    expect(of(evs, 'output').map((o) => o.text)).toContainEqual(expect.stringMatching(/^done: \d+ live blocks$/));
  });

  it('gcpacertrace lines are classified as pacer', () => {
    const evs = parseTraceText(fixture(`godebug/${tc}-gcpacertrace.txt`));
    expect(of(evs, 'pacer').length).toBeGreaterThan(0);
    expect(of(evs, 'pacer')[0]!.text).toMatch(/^assist ratio=/);
  });

  it('scavtrace', () => {
    const text = fixture(`godebug/${tc}-scavtrace.txt`);
    const evs = parseTraceText(text);
    const sc = of(evs, 'scav');
    expect(sc.length).toBe(text.split('\n').filter((l) => l.startsWith('scav ')).length);
    expect(sc.length).toBeGreaterThan(0);
    for (const s of sc) expect(s.utilPercent).toBeLessThanOrEqual(100);
    if (tc === 'current') expect(sc[0]!.bgKiB).toBeDefined();
    else expect(sc[0]!.workKiB).toBeDefined();
  });

  it('schedtrace: header lines with per-P queues', () => {
    const evs = parseTraceText(fixture(`godebug/${tc}-schedtrace.txt`));
    const s = of(evs, 'sched');
    expect(s.length).toBeGreaterThan(1);
    for (const e of s) {
      expect(e.gomaxprocs).toBeGreaterThan(0);
      expect(e.localRunqueues).toHaveLength(e.gomaxprocs);
      expect(e.idleprocs).toBeLessThanOrEqual(e.gomaxprocs);
    }
    if (tc === 'current') expect(s[0]!.needspinning).toBeDefined();
    else expect(s[0]!.needspinning).toBeUndefined();
  });

  it('scheddetail: P, M and G lines', () => {
    const text = fixture(`godebug/${tc}-scheddetail.txt`);
    const evs = parseTraceText(text);
    expectLossless(text, evs);
    const d = of(evs, 'sched-detail');
    expect(new Set(d.map((e) => e.entity))).toEqual(new Set(['P', 'M', 'G']));
    const p0 = d.find((e) => e.entity === 'P' && e.id === 0)!;
    expect(p0.fields.runqsize).toMatch(/^\d+$/);
    expect(d.find((e) => e.entity === 'G')!.fields.status).toMatch(/^\d+\(.*\)$/);
    expect(of(evs, 'sched')[0]!.fields.gcwaiting).toBeDefined();
  });

  it('inittrace: the packages the demo imports, and main', () => {
    const evs = parseTraceText(fixture(`godebug/${tc}-inittrace.txt`));
    const pkgs = of(evs, 'init').map((e) => e.pkg);
    for (const p of ['runtime', 'regexp', 'encoding/json', 'net/http', 'main']) expect(pkgs).toContain(p);
    const main = of(evs, 'init').find((e) => e.pkg === 'main')!;
    expect(main.allocs).toBeGreaterThan(100); // the demo builds a table at init
  });

  it('http2debug=2: frames with type, stream and connection', () => {
    const text = fixture(`godebug/${tc}-http2debug2.txt`);
    const evs = parseTraceText(text);
    expectLossless(text, evs);
    const h = of(evs, 'http2');
    const frames = h.filter((e) => e.frameType);
    for (const t of ['SETTINGS', 'HEADERS', 'DATA', 'WINDOW_UPDATE']) expect(frames.map((e) => e.frameType)).toContain(t);
    const headers = frames.find((e) => e.frameType === 'HEADERS' && e.direction === 'wrote')!;
    expect(headers.stream).toBe(1);
    expect(headers.flags).toContain('END_HEADERS');
    expect(headers.conn).toMatch(/^0x[0-9a-f]+$/);
    expect(h.every((e) => e.time)).toBe(true);
    expect(of(evs, 'output').map((o) => o.text)).toContain('HTTP/2.0: hello over HTTP/2.0');
  });

  it('http2debug=1: verbose logs without frame dumps', () => {
    const evs = parseTraceText(fixture(`godebug/${tc}-http2debug1.txt`));
    const h = of(evs, 'http2');
    expect(h.length).toBeGreaterThan(3);
    expect(h.some((e) => e.actor === 'framer')).toBe(false);
  });
});

describe('bad input', () => {
  const GC =
    'gc 12 @0.104s 6%: 0.030+1.2+0.045 ms clock, 0.060+0.21/0.50/0+0.091 ms cpu, 30->33->17 MB, 34 MB goal, 0 MB stacks, 0 MB globals, 2 P';

  it('a trace record glued after program output is split, and both parts are kept', () => {
    const evs = classifyLine(`progress: 50%${GC}`, 7);
    expect(evs).toHaveLength(2);
    expect(evs[0]).toEqual({ kind: 'output', seq: 7, text: 'progress: 50%' });
    expect((evs[1] as GcEvent).n).toBe(12);
    expect(gcPauseMs(evs[1] as GcEvent)).toBeCloseTo(0.075);
  });

  it('truncated, garbled and binary lines are output, never an exception', () => {
    const garbage = [
      GC.slice(0, 60),
      'gc x @0.1s 5%: nonsense',
      'SCHED 5ms: gomaxprocs=two',
      '  P0: ',
      'init  @ ms',
      'scav 12 KiB work',
      '\u0000\u0001\uFFFD\x1b[31mred\x1b[0m',
      'http2',
      '2026/11/26 21:53:55 http2: Framer 0xZZ: wrote ',
      'x'.repeat(100_000),
    ];
    for (const [i, line] of garbage.entries()) {
      const evs = classifyLine(line, i);
      expect(evs.length).toBeGreaterThan(0);
      expect(evs.every((e) => e.seq === i)).toBe(true);
    }
    expect(classifyLine('\x1b[31mred\x1b[0m', 0)).toEqual([{ kind: 'output', seq: 0, text: 'red' }]);
  });

  it('a stream split at any byte gives the same events as the whole text', () => {
    const text = fixture('godebug/current-gctrace.txt') + fixture('godebug/current-http2debug2.txt').replace(/\n/g, '\r\n');
    const whole = parseTraceText(text);
    for (const size of [1, 7, 100, 4096]) expect(streamInChunks(text, size)).toEqual(whole);
  });

  it('a last line without a newline comes out at the end', () => {
    const s = new TraceStream();
    expect(s.push('no newline yet')).toEqual([]);
    expect(s.end()).toEqual([{ kind: 'output', seq: 0, text: 'no newline yet' }]);
  });
});

describe('program output inside a trace record (the runtime prints a record in many small writes)', () => {
  const GC =
    'gc 12 @0.104s 6%: 0.030+1.2+0.045 ms clock, 0.060+0.21/0.50/0+0.091 ms cpu, 30->33->17 MB, 34 MB goal, 0 MB stacks, 0 MB globals, 2 P';

  it('real output: every record the runtime started is mended, and every program line is kept whole', () => {
    const text = fixture('godebug/current-gctrace-interleaved.txt');
    const lines = text.split('\n');
    // The capture was kept because at least one record has a worker's line inside it.
    expect(lines.some((l) => /^gc \d+ @/.test(l) && !/ P( \(forced\))?$/.test(l))).toBe(true);
    const evs = parseTraceText(text);
    const started = (text.match(/gc \d+ @/g) ?? []).length;
    const gcs = of(evs, 'gc');
    expect(gcs.length).toBe(started);
    expect(gcs.map((g) => g.n)).toEqual(gcs.map((_, i) => gcs[0]!.n + i));
    expect(gcs.filter((g) => g.forced)).toHaveLength(1);
    const printed = text.match(/worker \d+: \d+ blocks|done: \d+ live blocks/g) ?? [];
    const outputs = of(evs, 'output').map((o) => o.text);
    expect(outputs.filter((t) => /^(worker \d+: \d+ blocks|done: \d+ live blocks)$/.test(t))).toEqual(printed);
  });

  it('the same events whatever the chunks the stream arrives in', () => {
    const text = fixture('godebug/current-gctrace-interleaved.txt').replace(/\n/g, '\r\n');
    const whole = parseTraceText(text);
    for (const size of [1, 13, 4096]) expect(streamInChunks(text, size)).toEqual(whole);
  });

  it('a line printed between the record and its newline', () => {
    const evs = parseTraceText(`${GC} (forced)done: 2801 live blocks\n\nafter\n`);
    expect(evs.map((e) => e.kind)).toEqual(['gc', 'output', 'output']);
    expect((evs[0] as GcEvent).forced).toBe(true);
    expect(evs[1]).toEqual({ kind: 'output', seq: 0, text: 'done: 2801 live blocks' });
    expect(evs[2]).toEqual({ kind: 'output', seq: 2, text: 'after' });
  });

  it('program output before and inside the same record', () => {
    const cut = GC.indexOf('30->');
    const evs = parseTraceText(`50% ${GC.slice(0, cut)}\x1b[1mlog line\x1b[0m\n${GC.slice(cut)}\n`);
    expect(evs.map((e) => e.kind)).toEqual(['output', 'gc', 'output']);
    expect(evs[0]).toMatchObject({ text: '50% ' });
    expect((evs[1] as GcEvent).heapStartMB).toBe(30);
    expect(evs[2]).toMatchObject({ text: 'log line' });
  });

  it('a record cut off for good stays output, and the next line is read on its own', () => {
    const evs = parseTraceText(`${GC.slice(0, 50)}done\n${GC}\n${GC.slice(0, 70)}`);
    expect(evs.map((e) => e.kind)).toEqual(['output', 'gc', 'output']);
    expect(evs[0]).toEqual({ kind: 'output', seq: 0, text: `${GC.slice(0, 50)}done` });
    expect(evs[1]!.seq).toBe(1);
    expect(evs[2]).toEqual({ kind: 'output', seq: 2, text: GC.slice(0, 70) });
  });

  it('a held line comes out when the stream ends', () => {
    const s = new TraceStream();
    expect(s.push(`${GC.slice(0, 50)}\n`)).toEqual([]);
    expect(s.end()).toEqual([{ kind: 'output', seq: 0, text: GC.slice(0, 50) }]);
  });
});
