// The live session collects by itself what an investigation produced: a real build run started from
// the Build view, the GODEBUG events of a real `go run` console under a profile, and the debugger's
// breakpoints. Save Session carries them without the user adding them, shows each as an item in the
// preview, and leaves out what the user excludes. All through the real backend and the real toolchain.
import path from 'node:path';
import { readdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../src/main/services/backend';
import { RpcClient } from '../../../src/shared/rpc';
import type { RunSummary } from '../../../src/shared/api';
import { BundleReader } from '../../../src/main/services/bundles/bundleReader';
import { transportPair as memoryPair } from '../../support/memoryTransport';
import { copySample, removeTemp, waitUntil, connectedBackend } from '../../support/backend';

let temp: string;
let project: string;
let api: RpcClient;
let backend: Backend;
let run: RunSummary;
let sessionDir: string;

beforeAll(async () => {
  ({ temp, project } = await copySample('collect'));
  ({ backend, api } = await connectedBackend(path.join(temp, 'storage'), project));
  const session = await api.call('session.current', {});
  sessionDir = path.join(temp, 'storage/sessions', session!.id);

  // A build run, as the Build view starts it.
  const profile = (await api.call('build.profiles', {})).find((p) => p.name === 'Diagnose failure')!;
  let finished: RunSummary | null = null;
  api.on('build.status', (s) => {
    if (s.status !== 'running') finished = s;
  });
  await api.call('build.start', { profile });
  run = await waitUntil(() => finished, 'the build run to finish', 120_000);

  // A console under a GODEBUG profile: its events land in the session when it ends.
  let exited = false;
  api.on('console.data', ({ id, data }) => void api.call('console.ack', { id, chars: data.length }));
  api.on('console.exit', () => (exited = true));
  await api.call('console.open', { preset: 'run', cols: 120, rows: 30, godebug: { GODEBUG: 'inittrace=1' } });
  await waitUntil(() => exited, 'go run to exit', 120_000);
  await waitUntil(async () => (await readdir(path.join(sessionDir, 'events')).catch(() => [])).length > 0, 'the GODEBUG events in the session', 10_000);

  await api.call('debug.setBreakpoints', { path: 'main.go', breakpoints: [{ line: 12, logMessage: 'count={n}' }] });
}, 240_000);
afterAll(async () => {
  await backend.shutdown();
  await removeTemp(temp);
});

describe('what the session collects by itself', () => {
  it('lists the run, the GODEBUG capture and the debugger state in the preview', async () => {
    expect(run.status).toBe('succeeded');
    const p = await api.call('session.preview', { includeSources: true, excludeSources: [] });
    const keys = p.items.map((i) => i.key);
    expect(keys).toContain(`runs/${run.id}`);
    expect(keys).toContain('debugger/state.json');
    const events = p.items.find((i) => i.kind === 'events')!;
    expect(events.label).toMatch(/^GODEBUG events: .*\(GODEBUG=inittrace=1, \d+ events\)$/);
    expect(p.items.every((i) => i.included && i.files > 0 && i.bytes > 0)).toBe(true);
    expect(p.kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['debugger', 'events', 'run-artefact', 'run-manifest', 'source']));
  });

  it('saves them without the user adding them, every entry intact', async () => {
    const out = path.join(temp, 'all.gopsy');
    await api.call('session.save', { includeSources: true, excludeSources: [], path: out });
    const r = await BundleReader.open(out);
    try {
      const paths = r.entries.map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining([`runs/${run.id}/manifest.json`, `runs/${run.id}/console.txt`, 'debugger/state.json', 'sources/main.go']));
      const ev = paths.find((p) => p.startsWith('events/'))!;
      const lines = (await r.readEntry(ev, 64 << 20)).toString('utf8').trim().split('\n');
      expect(JSON.parse(lines[0]!)).toMatchObject({ type: 'godebug-capture', godebug: 'inittrace=1' });
      // inittrace prints one line per package init: real events, parsed.
      expect(lines.slice(1).some((l) => (JSON.parse(l) as { kind: string }).kind === 'init')).toBe(true);
      expect(JSON.parse((await r.readEntry('debugger/state.json', 1 << 20)).toString('utf8'))).toMatchObject({
        breakpoints: { 'main.go': [{ line: 12, logMessage: 'count={n}' }] },
      });
      expect(await r.verifyAll()).toEqual([]);
    } finally {
      r.close();
    }
  });

  it('leaves out what the user excludes', async () => {
    const excludeItems = [`runs/${run.id}`, 'debugger/state.json'];
    const p = await api.call('session.preview', { includeSources: false, excludeSources: [], excludeItems });
    expect(p.items.filter((i) => !i.included).map((i) => i.key).sort()).toEqual(excludeItems.sort());
    expect(p.kinds.map((k) => k.kind)).not.toContain('run-manifest');
    const out = path.join(temp, 'some.gopsy');
    await api.call('session.save', { includeSources: false, excludeSources: [], excludeItems, path: out });
    const r = await BundleReader.open(out);
    try {
      const paths = r.entries.map((e) => e.path);
      expect(paths.some((x) => x.startsWith('runs/') || x.startsWith('debugger/') || x.startsWith('sources/'))).toBe(false);
      expect(paths.some((x) => x.startsWith('events/'))).toBe(true);
    } finally {
      r.close();
    }
  });

  it('keeps the events of a traced shell that is still running when its window goes away', async () => {
    const before = (await readdir(path.join(sessionDir, 'events'))).length;
    const [client, server] = memoryPair();
    backend.connect(server);
    const win = new RpcClient(client);
    win.on('console.data', ({ id, data }) => void win.call('console.ack', { id, chars: data.length }));
    const shell = await win.call('console.open', { preset: 'shell', cols: 120, rows: 30, godebug: { GODEBUG: 'inittrace=1' } });
    await win.call('console.input', { id: shell.id, data: 'go run .\n' });
    await waitUntil(async () => ((await win.call('godebug.session', { id: shell.id }))?.events ?? []).some((e) => e.kind === 'init'), 'init events from the shell', 120_000);
    client.close(); // the shell is still open: the window goes, its events stay
    await waitUntil(async () => (await readdir(path.join(sessionDir, 'events'))).length > before, 'the shell\'s events in the session', 10_000);
    const p = await api.call('session.preview', { includeSources: false, excludeSources: [] });
    expect(p.items.filter((i) => i.kind === 'events').some((i) => /^GODEBUG events: .*\(GODEBUG=inittrace=1, \d+ events\)$/.test(i.label) && i.label.includes(shell.title))).toBe(true);
  });
});

describe('a traced program still running when the session is saved', () => {
  it('goes in with what it printed so far, marked as running; its end writes the capture again, whole', async () => {
    const shell = await api.call('console.open', { preset: 'shell', cols: 120, rows: 30, godebug: { GODEBUG: 'inittrace=1' } });
    const events = () => readdir(path.join(sessionDir, 'events'));
    const before = new Set(await events());
    // The sample waits when asked to: its init lines are printed, and it keeps running.
    await api.call('console.input', { id: shell.id, data: 'go run . -wait 10m\n' });
    await waitUntil(async () => ((await api.call('godebug.session', { id: shell.id }))?.events ?? []).some((e) => e.kind === 'init'), 'init events from the running program', 120_000);
    expect((await events()).filter((f) => !before.has(f))).toEqual([]);

    const out = path.join(temp, 'running.gopsy');
    await api.call('session.save', { includeSources: false, excludeSources: [], path: out });
    const r = await BundleReader.open(out);
    let entry: string;
    try {
      const added = r.entries.map((e) => e.path).filter((p) => p.startsWith('events/') && !before.has(p.slice('events/'.length)));
      expect(added).toHaveLength(1);
      entry = added[0]!;
      const lines = (await r.readEntry(entry, 64 << 20)).toString('utf8').trim().split('\n');
      expect(JSON.parse(lines[0]!)).toMatchObject({ type: 'godebug-capture', godebug: 'inittrace=1', running: true, title: shell.title });
      expect(lines.slice(1).some((l) => (JSON.parse(l) as { kind: string }).kind === 'init')).toBe(true);
    } finally {
      r.close();
    }
    // Replayed, the capture says it was saved while the program still ran.
    const opened = (await api.call('bundle.open', { path: out }))!;
    const captures = await api.call('bundle.godebugCaptures', { id: opened.id });
    expect(captures.find((c) => c.path === entry)).toMatchObject({ running: true, godebug: 'inittrace=1' });
    await api.call('bundle.close', { id: opened.id });

    // Stopped: the same file is written again as a finished capture.
    await api.call('console.close', { id: shell.id });
    const file = path.join(sessionDir, entry);
    await waitUntil(async () => !(JSON.parse((await readFile(file, 'utf8')).split('\n')[0]!) as { running?: boolean }).running, 'the capture written as finished', 30_000);
  }, 180_000);
});
