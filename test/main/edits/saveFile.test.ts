// Saving from the editor on a temp copy of the inventory sample: a version changed on disk since it was
// read is a conflict (nothing written) until the user chooses to overwrite; a read-only file, a
// too-large one and a path outside the project are refused with a clear message and the file untouched.
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/main/services/backend';
import type { RpcClient } from '../../../src/shared/rpc';
import { MAX_EDITABLE_BYTES } from '../../../src/shared/contract/edits';
import { connectedBackend, copySample, makeTemp, removeTemp } from '../../support/backend';
import { saveProjectFile } from '../../../src/main/services/edits/saveFile';

const FILE = 'store/store.go';

describe('workspace.saveFile', () => {
  let temp: string;
  let project: string;
  let backend: Backend;
  let api: RpcClient;

  beforeAll(async () => {
    ({ temp, project } = await copySample('save'));
    ({ backend, api } = await connectedBackend(path.join(temp, 'storage'), project));
  });
  afterAll(async () => {
    await backend.shutdown();
    await removeTemp(temp);
  });

  it('writes atomically and keeps the mode', async () => {
    await chmod(path.join(project, FILE), 0o640);
    const file = await api.call('workspace.readFile', { path: FILE });
    expect(file.readOnly).toBeUndefined();
    const text = file.text + '\n// edited\n';
    const res = await api.call('workspace.saveFile', { path: FILE, text, baseHash: file.hash! });
    expect(res.ok).toBe(true);
    expect(await readFile(path.join(project, FILE), 'utf8')).toBe(text);
    expect((await stat(path.join(project, FILE))).mode & 0o777).toBe(0o640);
    expect(res.ok && res.file.hash).toBe((await api.call('workspace.readFile', { path: FILE })).hash);
  });

  it('detects a file changed on disk between open and save, and overwrites only when asked', async () => {
    const opened = await api.call('workspace.readFile', { path: FILE });
    const theirs = opened.text + '\n// changed by another program\n';
    await writeFile(path.join(project, FILE), theirs);
    const mine = opened.text + '\n// mine\n';
    const res = await api.call('workspace.saveFile', { path: FILE, text: mine, baseHash: opened.hash! });
    expect(res).toMatchObject({ ok: false, conflict: true, disk: { path: FILE, text: theirs } });
    expect(await readFile(path.join(project, FILE), 'utf8')).toBe(theirs);
    const forced = await api.call('workspace.saveFile', { path: FILE, text: mine, baseHash: opened.hash!, overwrite: true });
    expect(forced.ok).toBe(true);
    expect(await readFile(path.join(project, FILE), 'utf8')).toBe(mine);
  });

  it('refuses a read-only file with a clear message and leaves it as it was', async () => {
    const abs = path.join(project, 'main.go');
    const before = await readFile(abs, 'utf8');
    await chmod(abs, 0o444);
    try {
      const file = await api.call('workspace.readFile', { path: 'main.go' });
      expect(file.readOnly).toMatch(/not writable/);
      const err = await api.call('workspace.saveFile', { path: 'main.go', text: 'package main\n', baseHash: file.hash! }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(/main\.go was not saved: the file is not writable.*kept in the editor/);
      expect(await readFile(abs, 'utf8')).toBe(before);
    } finally {
      await chmod(abs, 0o644);
    }
  });

  it('opens a huge file read-only and refuses paths outside the project', async () => {
    await writeFile(path.join(project, 'big.txt'), 'x'.repeat(MAX_EDITABLE_BYTES + 1));
    expect((await api.call('workspace.readFile', { path: 'big.txt' })).readOnly).toMatch(/more than the editor edits/);
    const err = await api.call('workspace.saveFile', { path: '../outside.go', text: 'x', baseHash: 'x' }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/outside the project/);
  });
});

/** A small tmpfs, when this machine lets the test mount one (root in a container that allows it); else null. */
function smallDisk(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('saving onto a full disk', () => {
  it('says the disk is full, leaves the file as it was and no temp file behind', async (ctx) => {
    const temp = await makeTemp('full');
    const disk = `${temp}/disk`;
    await mkdir(disk);
    if (!smallDisk(disk)) {
      await removeTemp(temp);
      ctx.skip(); // a real full disk needs a tmpfs this machine does not let the test mount
      return;
    }
    try {
      await writeFile(`${disk}/go.mod`, 'module example.com/full\n');
      const original = 'package full\n';
      await writeFile(`${disk}/a.go`, original);
      // Fill the disk: the write below needs room for its temp file.
      await writeFile(`${disk}/filler`, Buffer.alloc(256 * 1024)).catch(() => undefined);
      const base = (await saveProjectFile(disk, { path: 'a.go', text: original, baseHash: 'x' })).result;
      expect(base.ok).toBe(false); // a wrong base is a conflict, nothing written
      const hash = base.ok ? '' : base.disk.hash!;
      const err = await saveProjectFile(disk, { path: 'a.go', text: original + '// ' + 'x'.repeat(64 * 1024), baseHash: hash }).catch((e: Error) => e);
      expect((err as Error).message).toMatch(/a\.go: the disk is full \(ENOSPC\)\. Nothing was overwritten\. Your changes are kept in the editor\./);
      expect(await readFile(`${disk}/a.go`, 'utf8')).toBe(original);
      expect((await readdir(disk)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    } finally {
      execFileSync('umount', [disk]);
      await removeTemp(temp);
    }
  });
});
