// Listings and captures with the real go on a copy of the sample: progress while go builds, cancel
// ends the whole go process tree, the same request for the same sources does not build again, and an
// edited file makes it build again. What was built is read from the service's build record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFile, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SsaProgress } from '../../../src/shared/contract/ssa';
import { progressText } from '../../../src/core/ssa/buildProgress';
import { SsaService } from '../../../src/main/services/ssa/ssaService';
import { GopsyError } from '../../../src/shared/rpc';
import { copySample, removeTemp, waitUntil } from '../../support/backend';

let temp: string;
let project: string;

beforeAll(async () => {
  ({ temp, project } = await copySample('ssa-jobs'));
});
afterAll(() => removeTemp(temp));

/** Processes whose environment names this GOCACHE: the go command and every tool it started. */
async function processesUsing(cacheDir: string): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const env = await readFile(`/proc/${name}/environ`, 'latin1').catch(() => '');
    if (env.split('\0').includes(`GOCACHE=${cacheDir}`)) pids.push(Number(name));
  }
  return pids;
}

describe('SSA jobs: progress, cancel, kept results', () => {
  it('cancel ends the go process tree of a cold listing and the call says cancelled', async () => {
    const storage = path.join(temp, 'storage-cancel');
    const svc = new SsaService(storage);
    const ctl = svc.startJob('list');
    const seen: SsaProgress[] = [];
    const listing = svc.functions(project, './store', false, { signal: ctl.signal, onProgress: (p) => seen.push(p) });
    const outcome = listing.then(() => 'finished', (err: unknown) => err);
    // A cold private cache compiles the standard library first: cancel while packages compile.
    const cache = path.join(storage, 'ssa', 'gocache');
    // Seen once is enough: a second look may fall between two compiles, when only go itself runs.
    await waitUntil(async () => seen.some((p) => p.step === 'build' && p.running.length > 0) && (await processesUsing(cache)).length > 1, 'packages compiling', 90_000, 200);
    expect(svc.cancel('list')).toBe(true);
    const err = await outcome;
    expect(err).toBeInstanceOf(GopsyError);
    expect((err as GopsyError).code).toBe('cancelled');
    expect((err as GopsyError).message).toMatch(/^Cancelled: go build stopped after/);
    expect(await processesUsing(cache)).toEqual([]);
    expect(svc.builds.map((b) => b.outcome)).toEqual(['cancelled']);
  });

  it('reports progress, builds once for the same sources, and again after an edit', async () => {
    const svc = new SsaService(path.join(temp, 'storage'));
    const seen: SsaProgress[] = [];
    const first = await svc.functions(project, './store', false, { onProgress: (p) => seen.push(p) });
    expect(first.functions.map((f) => f.name)).toContain('(*Store).Add');
    // The source check, then the build: packages compiled of the build graph's total, what compiles now.
    expect(seen[0]!.step).toBe('sources');
    const building = seen.filter((p) => p.step === 'build');
    expect(building.length).toBeGreaterThan(0);
    expect(building.some((p) => p.compiled > 0 && p.total > p.compiled)).toBe(true);
    expect(building.some((p) => p.running.length > 0)).toBe(true);
    expect(building.every((p) => p.command.startsWith('go build'))).toBe(true);
    expect(progressText(building.at(-1)!)).toMatch(/^Listing the functions of \.\/store: \d+ packages compiled of the \d+ in the build/);
    expect(svc.builds).toHaveLength(1);

    // Asked again, by a new service on the same storage too (an app restart): the kept listing.
    expect((await svc.functions(project, './store')).functions).toEqual(first.functions);
    expect((await new SsaService(path.join(temp, 'storage')).functions(project, './store')).functions).toEqual(first.functions);
    expect(svc.builds).toHaveLength(1);

    const a = await svc.capture(project, './store', '(*Store).Add');
    const b = await svc.capture(project, './store', '(*Store).Add');
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.id).toBe(a.id);
    expect(svc.builds.map((r) => r.kind)).toEqual(['list', 'capture']);
    expect((await svc.store.summary(b.id)).name).toBe('(*Store).Add,1');

    // An edit (a new function) changes the sources: both are made again, and the listing has it.
    await appendFile(path.join(project, 'store', 'store.go'), '\nfunc AddedLater(n int) int { return n * 3 }\n');
    const edited = await svc.functions(project, './store');
    expect(edited.functions.map((f) => f.name)).toContain('AddedLater');
    const c = await svc.capture(project, './store', '(*Store).Add');
    expect(c.ok && c.id !== a.id).toBe(true);
    expect(svc.builds.map((r) => `${r.kind}:${r.outcome}`)).toEqual(['list:ok', 'capture:ok', 'list:ok', 'capture:ok']);
  });
});
