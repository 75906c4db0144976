// "Re-run here" with the real toolchain: a bundle written by `gopsy capture` (a credential in -ldflags,
// redacted on the way in), opened read-only in another backend, offers its run with the recorded
// command; the redacted value must be supplied or dropped; only a folder of the same module runs it,
// and the run is a normal build run of that project.
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Backend } from '../../../src/main/services/backend';
import { RpcClient } from '../../../src/shared/rpc';
import type { RunSummary } from '../../../src/shared/api';
import { captureCommand } from '../../../src/cli/capture';
import { rerunCandidates, rerunProfile } from '../../../src/main/services/bundles/rerun';
import type { BundleStore } from '../../../src/main/services/bundles/sessionStore';
import { SAMPLE_DIR, copySample, removeTemp, waitUntil, connectedBackend } from '../../support/backend';

let temp: string;
let project: string;
let api: RpcClient;
let backend: Backend;
let bundleId: string;
const finished = new Map<string, RunSummary>();

beforeAll(async () => {
  ({ temp, project } = await copySample('rerun'));
  const file = path.join(temp, 'recorded.gopsy');
  const o = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await captureCommand.run([project, '--out', file, '--profile', 'Diagnose failure', '--ldflags', '-X main.feed=https://bob:hunter2@feeds.example.com/x']);
    expect(code).toBe(0);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  // Another machine, in effect: its own storage and its own copy of the project.
  const here = path.join(temp, 'here', 'inventory');
  await cp(SAMPLE_DIR, here, { recursive: true });
  ({ backend, api } = await connectedBackend(path.join(temp, 'storage2'), here));
  api.on('build.status', (s) => {
    if (s.status !== 'running') finished.set(s.id, s);
  });
  bundleId = (await api.call('bundle.open', { path: file }))!.id;
}, 180_000);
afterAll(async () => {
  await backend.shutdown();
  await removeTemp(temp);
});

describe('Re-run here', () => {
  it('shows the recorded command and flags the redacted value', async () => {
    const info = await api.call('bundle.rerunInfo', { id: bundleId });
    expect(info.modulePath).toBe('example.com/inventory');
    expect(info.current).toMatchObject({ modulePath: 'example.com/inventory', matches: true });
    expect(info.runs).toHaveLength(1);
    const r = info.runs[0]!;
    expect(r.shellLine).toMatch(/^cd .* && GODEBUG=gocachehash=1 go build /);
    expect(r.shellLine).toContain('-ldflags=');
    expect(r.shellLine).not.toContain('hunter2');
    expect(r.settings).toEqual([{ key: 'ldflags', value: '-X main.feed=https://[redacted]@feeds.example.com/x', redacted: true }]);
  });

  it('shows what would really run, not the recorded text, and runs a program-naming flag only with consent', async () => {
    // A forged bundle: a harmless recorded shell line, and a profile whose GOFLAGS runs a shell.
    const real = backend.bundles.store(bundleId);
    const entry = (await real.list()).find((e) => /^runs\/[^/]+\/manifest\.json$/.test(e.path))!.path;
    const m = JSON.parse((await real.read(entry, 1 << 22)).toString('utf8'));
    m.command.shellLine = 'cd /p && go build -o /dev/null ./...';
    m.command.env = {};
    m.profile.env = { ...m.profile.env, GOFLAGS: '--toolexec=/bin/sh -c "touch /tmp/owned"' };
    const forged = Object.assign(Object.create(Object.getPrototypeOf(real)) as BundleStore, real, {
      read: async (p: string, max: number) => (p === entry ? Buffer.from(JSON.stringify(m)) : real.read(p, max)),
    });
    const [r] = await rerunCandidates(forged);
    expect(r!.env.GOFLAGS).toContain('--toolexec=/bin/sh');
    expect(r!.warnings.join('\n')).toMatch(/GOFLAGS names a program that will be executed/);
    const runId = entry.split('/')[1]!;
    await expect(rerunProfile(forged, runId, { ldflags: null })).rejects.toThrow(/Not run: GOFLAGS names a program/);
    const p = await rerunProfile(forged, runId, { ldflags: null }, true);
    expect(p.env?.GOFLAGS).toContain('--toolexec');
  });

  it('refuses to run while a redacted value is neither supplied nor dropped', async () => {
    const runId = (await api.call('bundle.rerunInfo', { id: bundleId })).runs[0]!.runId;
    await expect(api.call('bundle.rerun', { id: bundleId, runId, values: {} })).rejects.toThrow(/ldflags was redacted .*supply its value or drop it/);
    await expect(api.call('bundle.rerun', { id: bundleId, runId, values: { ldflags: 'x [redacted] y' } })).rejects.toThrow(/redacted/);
    expect(await api.call('build.runs', {})).toEqual([]);
  });

  it('refuses a folder of another module', async () => {
    const other = path.join(temp, 'other');
    await mkdir(other);
    await writeFile(path.join(other, 'go.mod'), 'module example.com/other\n\ngo 1.22\n');
    const runId = (await api.call('bundle.rerunInfo', { id: bundleId })).runs[0]!.runId;
    await expect(api.call('bundle.rerun', { id: bundleId, runId, folder: other, values: { ldflags: null } })).rejects.toThrow(
      /holds the module example\.com\/other; the bundle was recorded on example\.com\/inventory/,
    );
    expect(backend.current!.root).toBe(path.join(temp, 'here', 'inventory')); // nothing switched
  });

  it('runs the recorded build in the current project, with the value dropped, as a normal run', async () => {
    const runId = (await api.call('bundle.rerunInfo', { id: bundleId })).runs[0]!.runId;
    const started = await api.call('bundle.rerun', { id: bundleId, runId, values: { ldflags: null } });
    expect(started.profileName).toBe('Diagnose failure');
    expect(started.commandLine).not.toContain('-ldflags');
    const done = await waitUntil(() => finished.get(started.id), 'the re-run to finish', 120_000);
    expect(done.status).toBe('succeeded');
    expect((await api.call('build.runs', {})).map((r) => r.id)).toContain(started.id);
    const detail = await api.call('build.run', { id: started.id });
    expect(detail.manifest.project).toBe(path.join(temp, 'here', 'inventory'));
  });

  it('runs in a folder the user picks, with a supplied value, and opens that project', async () => {
    const picked = path.join(temp, 'picked', 'inventory');
    await cp(SAMPLE_DIR, picked, { recursive: true });
    const runId = (await api.call('bundle.rerunInfo', { id: bundleId })).runs[0]!.runId;
    const started = await api.call('bundle.rerun', { id: bundleId, runId, folder: picked, values: { ldflags: '-s -w' } });
    expect(started.commandLine).toContain("'-ldflags=-s -w'");
    expect(backend.current!.root).toBe(picked);
    expect((await waitUntil(() => finished.get(started.id), 'the re-run to finish', 120_000)).status).toBe('succeeded');
    expect((await api.call('build.runs', {})).map((r) => r.id)).toEqual([started.id]);
  });
});
