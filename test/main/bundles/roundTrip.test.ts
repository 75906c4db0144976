// Save → open → read of a real session: the sample project, a real `go build -x` log and real
// GODEBUG=inittrace output in a run folder, notes, through the real backend and a real zip.
import { execFile } from 'node:child_process';
import { mkdir, readFile, stat, writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../src/main/services/backend';
import { RpcClient } from '../../../src/shared/rpc';
import { BundleReader } from '../../../src/main/services/bundles/bundleReader';
import { writeBundle } from '../../../src/main/services/bundles/bundleWriter';
import { REDACTED } from '../../../src/core/bundle/redact';
import type { NotesFile } from '../../../src/shared/contract/bundle';
import { copySample, removeTemp, stringEnv, connectedBackend } from '../../support/backend';

const run = promisify(execFile);
let temp: string;
let project: string;
let api: RpcClient;
let backend: Backend;
let xlog: string;

const NOTES: NotesFile = {
  notes: [
    { id: 'n1', text: 'Add escapes to heap here?', anchor: { type: 'source', path: 'store/store.go', line: 12 }, createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z' },
    { id: 'n2', text: '<b>not bold</b> & free', anchor: { type: 'free' }, createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z' },
  ],
  bookmarks: [{ id: 'b1', label: 'main', anchor: { type: 'source', path: 'main.go', line: 1 } }],
};

beforeAll(async () => {
  ({ temp, project } = await copySample('bundle'));
  ({ backend, api } = await connectedBackend(path.join(temp, 'storage'), project));

  // A run folder as build capture would leave it: the real -x log, a real GODEBUG trace, a manifest.
  const session = await api.call('session.current', {});
  const runDir = path.join(temp, 'storage/sessions', session!.id, 'runs/r1');
  await mkdir(runDir, { recursive: true });
  const bin = path.join(temp, 'inventory-bin');
  const build = await run('go', ['build', '-x', '-o', bin, '.'], { cwd: project, env: stringEnv(), maxBuffer: 64 << 20 });
  xlog = build.stderr;
  await writeFile(path.join(runDir, 'build-x.log'), xlog);
  const traced = await run(bin, [], { env: stringEnv({ GODEBUG: 'inittrace=1' }) }).catch((e: { stderr: string }) => e);
  await mkdir(path.join(temp, 'storage/sessions', session!.id, 'events'), { recursive: true });
  await writeFile(path.join(temp, 'storage/sessions', session!.id, 'events/inittrace.txt'), traced.stderr);
  await writeFile(
    path.join(runDir, 'manifest.json'),
    JSON.stringify({ command: ['go', 'build', '-x', '.'], env: { GITHUB_TOKEN: 'ghp_secret', GOPROXY: 'https://me:pw@proxy.corp/,direct', GOFLAGS: '' } }),
  );
  await writeFile(path.join(runDir, 'console.txt'), `$ GITHUB_TOKEN=ghp_secret go build -x .\n${xlog}`);
});
afterAll(async () => {
  await backend.shutdown();
  await removeTemp(temp);
});

describe('session bundles', () => {
  it('autosaves notes and layout into the live session', async () => {
    await api.call('session.saveNotes', NOTES);
    await api.call('session.saveLayout', { layout: { view: 'session', treeWidth: 280 } });
    const s = await api.call('session.current', {});
    expect(s).toMatchObject({ name: 'inventory', projectRoot: project, notes: NOTES, layout: { view: 'session', treeWidth: 280 } });
    // A second backend on the same storage finds the same session.
    const again = await new Backend({ host: 'browser', storageDir: path.join(temp, 'storage') }).sessions.forProject(project, 'inventory');
    expect(again.id).toBe(s!.id);
  });

  it('previews what a save puts in, with redactions and sources', async () => {
    const p = await api.call('session.preview', { includeSources: true, excludeSources: ['internal/textfmt/textfmt.go'] });
    expect(p.sources.map((s) => s.path).sort()).toEqual(['go.mod', 'main.go', 'store/store.go', 'store/store_test.go', 'broken/doc.go', 'broken/typeerror.go'].sort());
    expect(p.kinds.map((k) => k.kind)).toEqual(['events', 'layout', 'note', 'run-artefact', 'run-manifest', 'session', 'source']);
    expect(p.redactions).toEqual(
      expect.arrayContaining([
        { where: 'runs/r1/console.txt', name: 'GITHUB_TOKEN', count: 1 },
        { where: 'runs/r1/manifest.json', name: 'GITHUB_TOKEN', count: 1 },
        { where: 'runs/r1/manifest.json', name: 'URL credentials', count: 1 },
      ]),
    );
    expect(p.totalBytes).toBeGreaterThan(xlog.length);
    const without = await api.call('session.preview', { includeSources: false, excludeSources: [] });
    expect(without.sources).toEqual([]);
  });

  it('saves atomically, opens lazily and reads back every entry verified', async () => {
    const out = path.join(temp, 'out', 'inv.gopsy');
    await mkdir(path.dirname(out));
    const saved = await api.call('session.save', { path: out, includeSources: true, excludeSources: [] });
    expect(saved).toMatchObject({ path: out, bytes: (await stat(out)).size });
    expect(await readdir(path.dirname(out))).toEqual(['inv.gopsy']); // no temp file left behind

    const summary = (await api.call('bundle.open', { path: out }))!;
    expect(summary.project).toMatchObject({ name: 'inventory', modulePath: 'example.com/inventory' });
    expect(summary.toolchain?.goVersion).toMatch(/^go1\./);
    expect(summary.notes).toEqual(NOTES);
    expect(summary.entries.map((e) => e.path)).toEqual(expect.arrayContaining(['sources/store/store.go', 'runs/r1/build-x.log', 'events/inittrace.txt', 'session.json']));

    const src = await api.call('bundle.readEntry', { id: summary.id, path: 'sources/store/store.go' });
    expect(src.text).toBe(await readFile(path.join(project, 'store/store.go'), 'utf8'));
    const log = await api.call('bundle.readEntry', { id: summary.id, path: 'runs/r1/build-x.log' });
    expect(log.text).toBe(xlog); // the -x log carries no secrets: unchanged
    expect(log.text).toMatch(/^WORK=/);
    const manifest = JSON.parse((await api.call('bundle.readEntry', { id: summary.id, path: 'runs/r1/manifest.json' })).text) as { env: Record<string, string> };
    expect(manifest.env).toEqual({ GITHUB_TOKEN: REDACTED, GOPROXY: `https://${REDACTED}@proxy.corp/,direct`, GOFLAGS: '' });
    const consoleText = (await api.call('bundle.readEntry', { id: summary.id, path: 'runs/r1/console.txt' })).text;
    expect(consoleText).not.toContain('ghp_secret');
    expect((await api.call('bundle.readEntry', { id: summary.id, path: 'events/inittrace.txt' })).text).toMatch(/^init internal\/bytealg @/m);
    expect(await api.call('bundle.current', {})).toMatchObject({ id: summary.id });

    const reader = await BundleReader.open(out);
    expect(await reader.verifyAll()).toEqual([]);
    expect(reader.manifest.redactions.length).toBeGreaterThanOrEqual(3);
    reader.close();
  });

  it('a save that fails half-way leaves the previous bundle untouched and no temp file', async () => {
    const dir = path.join(temp, 'fail');
    await mkdir(dir);
    const out = path.join(dir, 'keep.gopsy');
    await writeFile(out, 'previous bundle');
    const entries = [
      { path: 'sources/main.go', kind: 'source', from: { file: path.join(project, 'main.go') }, redact: false },
      { path: 'runs/r/gone.log', kind: 'run-artefact', from: { file: path.join(temp, 'vanished.log') }, redact: true },
    ];
    await expect(writeBundle(out, entries, { project: { name: 'x' }, toolchain: null, redactions: [] })).rejects.toThrow(/Cannot read runs\/r\/gone\.log/);
    expect(await readdir(dir)).toEqual(['keep.gopsy']);
    expect(await readFile(out, 'utf8')).toBe('previous bundle');
  });

  it('says why a save cannot go somewhere', async () => {
    await expect(api.call('session.save', { path: 'rel.gopsy', includeSources: false, excludeSources: [] })).rejects.toThrow(/full path/);
    await expect(api.call('session.save', { path: path.join(temp, 'no/such/dir/x.gopsy'), includeSources: false, excludeSources: [] })).rejects.toThrow(/does not exist/);
    await expect(api.call('session.save', { includeSources: false, excludeSources: [] })).rejects.toThrow(/Give the path/);
  });
});
