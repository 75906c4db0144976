// An opened bundle replays its GODEBUG captures: a real `go run` of the godebug-demo under gctrace=1
// is recorded into the live session, saved with Save Session, opened, and its events come back
// exactly as the live session had them. Hostile captures written with the real bundle writer (bad
// lines, markup, huge lines, no header, a header of another type, a tampered entry) give counted
// warnings or a clear error, and the backend keeps answering.
import path from 'node:path';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../src/main/services/backend';
import { decodeParts, RpcClient } from '../../../src/shared/rpc';
import type { TraceEvent } from '../../../src/shared/api';
import { writeBundle, type PlannedEntry } from '../../../src/main/services/bundles/bundleWriter';
import { BundleReader } from '../../../src/main/services/bundles/bundleReader';
import { BundleStore } from '../../../src/main/services/bundles/sessionStore';
import { readCapture, readCaptureJson } from '../../../src/main/services/bundles/godebugCaptures';
import { MAX_CAPTURE_LINE_CHARS } from '../../../src/core/godebug';
import { GodebugStore, replayId } from '../../../src/renderer/src/panels/runtime/store';
import { transportPair as memoryPair } from '../../support/memoryTransport';
import { manifestFor, craftZip } from '../../support/zipCraft';
import { makeTemp, removeTemp, waitUntil, connectedBackend } from '../../support/backend';
import { peakRss } from '../../support/memory';

const DEMO = path.resolve(__dirname, '../../../resources/samples/godebug-demo');

let temp: string;
let backend: Backend;
let api: RpcClient;
let liveEvents: TraceEvent[];
let consoleTitle: string;
let realFile: string; // the recorded events/*.jsonl, as the session wrote it
let realBundle: string;

beforeAll(async () => {
  temp = await makeTemp('replay-godebug');
  const project = path.join(temp, 'godebug-demo');
  await cp(DEMO, project, { recursive: true });
  ({ backend, api } = await connectedBackend(path.join(temp, 'storage'), project));
  const session = await api.call('session.current', {});
  const eventsDir = path.join(temp, 'storage/sessions', session!.id, 'events');

  let exited = false;
  api.on('console.data', ({ id, data }) => void api.call('console.ack', { id, chars: data.length }));
  api.on('console.exit', () => (exited = true));
  const info = await api.call('console.open', { preset: 'run', cols: 160, rows: 30, godebug: { GODEBUG: 'gctrace=1' } });
  consoleTitle = info.title;
  await waitUntil(() => exited, 'go run with gctrace=1 to exit', 120_000);
  liveEvents = (await api.call('godebug.session', { id: info.id }))!.events;
  const files = await waitUntil(async () => {
    // The capture as written: the session writes it atomically, so a *.tmp can be there for a moment.
    const f = (await readdir(eventsDir).catch(() => [] as string[])).filter((n) => n.endsWith('.jsonl'));
    return f.length > 0 ? f : null;
  }, 'the capture in the session', 10_000);
  realFile = path.join(eventsDir, files[0]!);
  realBundle = path.join(temp, 'real.gopsy');
  await api.call('session.save', { includeSources: true, excludeSources: [], path: realBundle });
}, 240_000);
afterAll(async () => {
  await backend.shutdown();
  await removeTemp(temp);
});

const header = { project: { name: 'hostile' }, toolchain: null, redactions: [] };
const bytes = (p: string, b: Buffer | string): PlannedEntry => ({ path: p, kind: 'events', from: { bytes: Buffer.from(b) }, redact: false });

describe('a real capture', () => {
  it('is listed from its header and replays the live session\'s events exactly', async () => {
    expect(liveEvents.filter((e) => e.kind === 'gc').length).toBeGreaterThan(0);
    const b = (await api.call('bundle.open', { path: realBundle }))!;
    const list = await api.call('bundle.godebugCaptures', { id: b.id });
    expect(list).toHaveLength(1);
    const c = list[0]!;
    expect(c).toMatchObject({ title: consoleTitle, godebug: 'gctrace=1', count: liveEvents.length, truncated: false });
    expect(c.problem).toBeUndefined();
    expect(c.path).toMatch(/^events\/\d{8}T\d{6}Z-[A-Za-z0-9_-]+\.jsonl$/);
    expect(c.commandLine).toContain('GODEBUG=gctrace=1');
    const got = await api.call('bundle.godebugEvents', { id: b.id, path: c.path });
    expect(got).toEqual({ path: c.path, events: liveEvents, skipped: 0, truncated: false, warnings: [] });
    await api.call('bundle.close', { id: b.id });
  });

  it('is capped like a live session, and an entry over the size cap is refused before it is read', async () => {
    const reader = await BundleReader.open(realBundle);
    try {
      const store = new BundleStore(reader);
      const entry = reader.entries.find((e) => e.kind === 'events')!;
      const capped = await readCapture(store, entry.path, 10);
      expect(capped.events).toEqual(liveEvents.slice(0, 10));
      expect(capped.truncated).toBe(true);
      expect(capped.warnings).toEqual(['Only the first 10 events are shown: that is the most gopsy keeps for one session.']);
      await expect(readCapture(store, entry.path, 10, 100)).rejects.toThrow(`${entry.path} is ${entry.size} bytes, more than the 100 bytes gopsy replays.`);
    } finally {
      reader.close();
    }
  });
});

describe('a large capture', () => {
  it.runIf(process.platform === 'linux')('is answered as the JSON of readCapture, made in parts while it is read: the backend holds the answer, not the events too', async () => {
    // The real capture's events laid end to end up to 64 MB (seq renumbered), in a bundle of its own.
    const [head, ...lines] = (await readFile(realFile, 'utf8')).trimEnd().split('\n');
    const events = lines.map((l) => JSON.parse(l) as TraceEvent);
    const out: string[] = [];
    let size = 0;
    for (let seq = 0; size < 64e6; seq++) {
      const line = JSON.stringify({ ...events[seq % events.length]!, seq });
      out.push(line);
      size += line.length + 1;
    }
    const file = path.join(temp, 'large.gopsy');
    await writeBundle(file, [bytes('events/large.jsonl', [JSON.stringify({ ...JSON.parse(head!), count: out.length }), ...out].join('\n') + '\n')], header);
    out.length = 0;
    const reader = await BundleReader.open(file);
    try {
      const store = new BundleStore(reader);
      const entry = reader.entries.find((e) => e.kind === 'events')!;
      const before = peakRss(true);
      const answer = await readCaptureJson(store, entry.path);
      const growth = peakRss() - before;
      const answerBytes = answer.parts.reduce((n, p) => n + p.byteLength, 0);
      // Made from the events as objects (and then serialised for the transport), it grew 4.6× the entry.
      expect(growth - answerBytes).toBeLessThan(entry.size / 2);
      const text = decodeParts(answer.parts);
      expect(text).toBe(JSON.stringify(await readCapture(store, entry.path)));
      expect((JSON.parse(text) as { warnings: string[] }).warnings).toEqual([]);
    } finally {
      reader.close();
    }
  }, 120_000);
});

describe('hostile captures', () => {
  let id: string;
  const markup = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';

  beforeAll(async () => {
    const real = await readFile(realFile, 'utf8');
    const [head, ...rest] = real.trimEnd().split('\n');
    const bad = [
      JSON.stringify({ ...JSON.parse(head!), title: `evil ${markup}` }),
      'this is not JSON',
      JSON.stringify({ kind: 'gc', seq: 1, n: 'one' }),
      JSON.stringify({ kind: 'output', seq: 2, text: 'x'.repeat(MAX_CAPTURE_LINE_CHARS + 1) }),
      JSON.stringify({ kind: 'output', seq: 3, text: markup }),
      ...rest,
    ].join('\n');
    const file = path.join(temp, 'hostile.gopsy');
    await writeBundle(
      file,
      [
        bytes('events/1-bad-lines.jsonl', bad),
        bytes('events/2-no-header.jsonl', rest.join('\n')),
        bytes('events/3-foreign.jsonl', [JSON.stringify({ type: 'build-run', id: 'r1' }), ...rest].join('\n')),
        bytes('events/4-damaged.jsonl', [JSON.stringify({ type: 'godebug-capture', title: 7 }), ...rest].join('\n')),
        bytes('sources/main.go', 'package main\n'),
      ],
      header,
    );
    id = (await api.call('bundle.open', { path: file }))!.id;
  });

  it('lists every capture, saying which header is missing, damaged or foreign', async () => {
    const list = await api.call('bundle.godebugCaptures', { id });
    expect(list.map((c) => [c.path, c.title, c.problem ?? null])).toEqual([
      ['events/1-bad-lines.jsonl', `evil ${markup}`, null],
      ['events/2-no-header.jsonl', '2-no-header', 'It has no godebug-capture header line.'],
      ['events/3-foreign.jsonl', '3-foreign', 'It holds "build-run" records, not GODEBUG events.'],
      ['events/4-damaged.jsonl', '4-damaged', expect.stringMatching(/^Its header line is damaged \(consoleId: .*\)\.$/)],
    ]);
  });

  it('skips and counts bad and huge lines, keeps markup as plain text, and reads the rest', async () => {
    const got = await api.call('bundle.godebugEvents', { id, path: 'events/1-bad-lines.jsonl' });
    expect(got.skipped).toBe(3);
    expect(got.events).toEqual([{ kind: 'output', seq: 3, text: markup }, ...liveEvents]);
    expect(got.warnings).toEqual(['3 lines were not valid trace events and skipped (the first at line 2, 1 of them longer than 1 MiB).']);
  });

  it('reads a capture without a header, refuses to read another type, and says so', async () => {
    const bare = await api.call('bundle.godebugEvents', { id, path: 'events/2-no-header.jsonl' });
    expect(bare.events).toEqual(liveEvents);
    expect(bare.warnings).toEqual(['It has no godebug-capture header line, so its title and GODEBUG setting are unknown.']);
    const foreign = await api.call('bundle.godebugEvents', { id, path: 'events/3-foreign.jsonl' });
    expect(foreign.events).toEqual([]);
    expect(foreign.warnings).toEqual(['Its first line is a "build-run" record, not a godebug-capture header: it is not read as GODEBUG events.']);
    const damaged = await api.call('bundle.godebugEvents', { id, path: 'events/4-damaged.jsonl' });
    expect(damaged.events).toEqual(liveEvents);
    expect(damaged.warnings[0]).toMatch(/^Its header line is damaged/);
  });

  it('refuses what is not a capture or not open, and the backend keeps answering', async () => {
    await expect(api.call('bundle.godebugEvents', { id, path: 'sources/main.go' })).rejects.toThrow('sources/main.go is not a GODEBUG capture (events/*.jsonl).');
    await expect(api.call('bundle.godebugEvents', { id, path: 'events/missing.jsonl' })).rejects.toThrow('events/missing.jsonl is not in this bundle.');
    await expect(api.call('bundle.godebugEvents', { id: 'nope', path: 'events/1-bad-lines.jsonl' })).rejects.toThrow(/not open any more/);
    await expect(api.call('bundle.godebugCaptures', { id: 'x'.repeat(65) })).rejects.toThrow(/Invalid bundle.godebugCaptures request/);
    await expect(api.call('host.info', {})).resolves.toMatchObject({ host: 'browser' });
  });

  it('tells every window when the bundle closes', async () => {
    const closed: string[] = [];
    const off = api.on('bundle.closed', ({ id: c }) => closed.push(c));
    await api.call('bundle.close', { id });
    await waitUntil(() => closed.includes(id) || null, 'bundle.closed');
    off();
    await expect(api.call('bundle.godebugCaptures', { id })).rejects.toThrow(/not open any more/);
  });
});

it('a tampered capture is refused by its sha256, with a clear message', async () => {
  const real = await readFile(realFile);
  const tampered = Buffer.from(real.toString('utf8').replace('"gc"', '"gc" ')); // same events, other bytes
  const files = [{ name: 'events/t.jsonl', data: real }];
  const file = path.join(temp, 'tampered.gopsy');
  // The manifest lists the real file's hash; the zip holds other bytes of the same length.
  const padded = Buffer.concat([tampered.subarray(0, real.length - 1), Buffer.from('\n')]);
  await writeFile(file, craftZip([{ name: 'events/t.jsonl', data: padded }, { name: 'manifest.json', data: manifestFor(files) }]));
  const b = (await api.call('bundle.open', { path: file }))!;
  await expect(api.call('bundle.godebugEvents', { id: b.id, path: 'events/t.jsonl' })).rejects.toThrow('events/t.jsonl is damaged: its sha256 does not match the manifest.');
  // Listing reads only the header line: the capture is still offered, and reading it says what is wrong.
  expect((await api.call('bundle.godebugCaptures', { id: b.id })).map((c) => c.path)).toEqual(['events/t.jsonl']);
  await api.call('bundle.close', { id: b.id });
});

it('the Runtime view\'s store offers the opened bundle\'s captures after live sessions, loads one on demand, and drops them on close', async () => {
  const [client, server] = memoryPair();
  backend.connect(server);
  const win = new RpcClient(client);
  const store = new GodebugStore(win);
  const b = (await win.call('bundle.open', { path: realBundle }))!;
  const entry = b.entries.find((e) => e.kind === 'events')!.path;
  const id = replayId(b.id, entry);
  await waitUntil(() => store.sessions.get(id) ?? null, 'the capture in the store');
  // No console ran in this window: the bundle's first capture is the one shown.
  expect(store.shown?.id).toBe(id);
  expect(store.shown).toMatchObject({ title: consoleTitle, godebug: 'gctrace=1', events: [], replay: { bundleName: 'godebug-demo', path: entry, state: 'idle' } });
  await store.loadReplay(id);
  const s = store.sessions.get(id)!;
  expect(s.replay!.state).toBe('loaded');
  expect(s.events).toEqual(liveEvents);
  expect(s.gc).toEqual(liveEvents.filter((e) => e.kind === 'gc'));
  expect(s.counts.gc).toBe(s.gc.length);
  // A live console comes first once there is one; the capture stays in the picker.
  store.track({ id: 'live-1', title: 'go run .' } as Parameters<GodebugStore['track']>[0], 'inittrace=1');
  expect(store.shown?.id).toBe('live-1');
  expect(store.live.map((x) => x.id)).toEqual(['live-1']);
  expect(store.replays.map((x) => x.id)).toEqual([id]);
  store.setActive(id);
  await win.call('bundle.close', { id: b.id });
  await waitUntil(() => (store.sessions.has(id) ? null : true), 'the capture to leave the store');
  expect(store.shown?.id).toBe('live-1');
  client.close();
});
