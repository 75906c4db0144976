// Shared setup for the integration tests: temp copies of the sample project and event-based waits.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Backend } from '../../src/main/services/backend';
import { RpcClient } from '../../src/shared/rpc';
import type { BuildProfile, RunSummary } from '../../src/shared/api';
import { transportPair as memoryPair } from './memoryTransport';

export const SAMPLE_DIR = path.resolve(__dirname, '../../resources/samples/inventory');

/** A fresh temp directory; remove it with `removeTemp`. */
export function makeTemp(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `gopsy-${prefix}-`));
}

/** A temp copy of resources/samples/inventory at `<temp>/inventory`; returns the temp parent and the copy. */
export async function copySample(prefix: string): Promise<{ temp: string; project: string }> {
  const temp = await makeTemp(prefix);
  const project = path.join(temp, 'inventory');
  await cp(SAMPLE_DIR, project, { recursive: true });
  return { temp, project };
}

export async function removeTemp(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

/** Polls `check` until it is truthy; fails with `what` after `timeoutMs`. Waiting only, never an assertion of speed. */
export async function waitUntil<T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = 60_000,
  everyMs = 25,
): Promise<Exclude<T, null | undefined | false | 0 | ''>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as Exclude<T, null | undefined | false | 0 | ''>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** An environment for child processes with only string values. */
export function stringEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return { ...env, ...extra };
}

/**
 * A real backend (the browser host's kind) on `storageDir`, with `project` opened when given, and a
 * client connected to it in memory: what a window does, without the socket.
 */
export async function connectedBackend(storageDir: string, project?: string): Promise<{ backend: Backend; api: RpcClient }> {
  const backend = new Backend({ host: 'browser', storageDir });
  if (project) await backend.openFolder(project);
  const [client, server] = memoryPair();
  backend.connect(server);
  return { backend, api: new RpcClient(client) };
}

/** Starts a run of `profile` over the contract and waits for it to end; returns its final summary. */
export async function runToEnd(api: RpcClient, profile: BuildProfile, timeoutMs = 300_000): Promise<RunSummary> {
  const { id } = await api.call('build.start', { profile });
  return waitUntil(async () => (await api.call('build.runs', {})).find((r) => r.id === id && r.status !== 'running'), `run ${id} to end`, timeoutMs);
}
