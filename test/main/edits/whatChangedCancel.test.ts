// Cancelling "what changed" with the real go: on a cold build cache the before's build compiles the
// runtime for a while; the Cancel (edits.cancel) must end the go command and every compile it started,
// and the call must fail as cancelled, not as a failed build.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/services/backend';
import type { WhatChangedProgress } from '../../../src/shared/contract/edits';
import { GopsyError, type RpcClient } from '../../../src/shared/rpc';
import { descendants } from '../../../src/main/services/processTree';
import { connectedBackend, makeTemp, removeTemp, waitUntil } from '../../support/backend';

/** Running (not a zombie) processes: a grandchild ended by the kill may wait for its reaper a moment. */
async function running(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat !== '' && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

async function goProcesses(): Promise<Array<{ pid: number; comm: string }>> {
  const out: Array<{ pid: number; comm: string }> = [];
  for (const pid of await descendants(process.pid)) {
    const comm = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim();
    if (comm === 'go' || comm === 'compile' || comm === 'asm' || comm.startsWith('toolexec')) out.push({ pid, comm });
  }
  return out;
}

// Linux only: the test finds the go and compile processes, and whether they still run, in /proc.
describe.skipIf(process.platform !== 'linux')('edits.cancel ends the what-changed build', () => {
  let temp: string;
  let project: string;
  let backend: Backend;
  let api: RpcClient;

  beforeAll(async () => {
    temp = await makeTemp('whatchanged-cancel');
    project = path.join(temp, 'm');
    await mkdir(path.join(project, 'p'), { recursive: true });
    await writeFile(path.join(project, 'go.mod'), 'module example.com/m\n\ngo 1.22\n');
    await writeFile(path.join(project, 'p', 'p.go'), 'package p\n\nimport "fmt"\n\nfunc F() string {\n\treturn fmt.Sprint(1)\n}\n');
    // A fresh storage: gopsy's private build cache is empty, so the before compiles fmt and the runtime.
    ({ backend, api } = await connectedBackend(path.join(temp, 'storage'), project));
  });
  afterAll(async () => {
    await backend.shutdown();
    await removeTemp(temp);
  });

  it('reports the before step, then Cancel kills go and its compiles', async () => {
    const file = await api.call('workspace.readFile', { path: 'p/p.go' });
    await api.call('workspace.saveFile', { path: 'p/p.go', text: file.text.replace('Sprint(1)', 'Sprint(2)'), baseHash: file.hash! });
    const progress: WhatChangedProgress[] = [];
    api.on('edits.progress', (e) => e.job === 'wc' && progress.push(e.progress));
    const call = api.call('edits.whatChanged', { path: 'p/p.go', line: 6, job: 'wc' }).then(
      () => null,
      (err: unknown) => err,
    );
    const seen = await waitUntil(async () => {
      const procs = await goProcesses();
      return procs.some((p) => p.comm === 'compile') && procs;
    }, 'a compile of the before build', 120_000);
    expect(progress[0]?.step).toBe('before');
    expect(await api.call('edits.cancel', { job: 'wc' })).toEqual({ cancelled: true });
    const err = await call;
    expect(err).toBeInstanceOf(GopsyError);
    expect((err as GopsyError).code).toBe('cancelled');
    expect(progress.some((p) => p.step === 'after')).toBe(false);
    const left = (await Promise.all(seen.map(async (p) => ((await running(p.pid)) ? p : null)))).filter(Boolean);
    expect(left).toEqual([]);
    expect((await goProcesses()).filter((p) => p.comm === 'go' || p.comm === 'compile')).toEqual([]);
    expect(await api.call('edits.cancel', { job: 'wc' })).toEqual({ cancelled: false });
  });
});
