// The path rule grows by exactly GOROOT and GOMODCACHE, read-only: their files open with their origin;
// traversal and symlinks out of them, and everything else, stay refused.
import { execFileSync } from 'node:child_process';
import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace, inspectFolder } from '../../src/main/services/workspace';
import { copySample, makeTemp, removeTemp } from '../support/backend';

const goEnv = (key: string) => execFileSync('go', ['env', key], { encoding: 'utf8' }).trim();

describe('files outside the project: GOROOT and the module cache, read-only', () => {
  let temp: string;
  let outside: string;
  let ws: Workspace;
  let goroot: string;
  let modcache: string;
  const version = goEnv('GOVERSION');

  beforeAll(async () => {
    const copy = await copySample('roots');
    temp = copy.temp;
    ws = new Workspace(await inspectFolder(copy.project));
    goroot = await realpath(goEnv('GOROOT'));
    modcache = await realpath(goEnv('GOMODCACHE'));
    outside = await makeTemp('roots-outside');
    await writeFile(path.join(outside, 'secret.go'), 'package secret\n');
    // Links inside the project that lead out of it, into GOROOT and elsewhere.
    await symlink(path.join(goroot, 'src/fmt/print.go'), path.join(copy.project, 'print-link.go'));
    await symlink(path.join(outside, 'secret.go'), path.join(copy.project, 'secret-link.go'));
  });
  afterAll(async () => {
    await removeTemp(temp);
    await removeTemp(outside);
  });

  it('opens a standard library file read-only, saying which Go it belongs to', async () => {
    const f = await ws.readFile(path.join(goroot, 'src/fmt/print.go'));
    expect(f).toMatchObject({ path: path.join(goroot, 'src/fmt/print.go'), readOnly: expect.stringMatching(/^read-only: outside the project/), origin: `Go stdlib ${version}` });
    expect(f.text).toContain('func Println(');
  });

  it('opens a module cache file read-only with its module@version', async () => {
    // gopls v0.23.0's own module is in the cache once the test command built it.
    const mod = execFileSync('go', ['mod', 'download', '-json', 'golang.org/x/tools/gopls@v0.23.0'], { encoding: 'utf8' });
    const dir = (JSON.parse(mod) as { Dir: string }).Dir;
    const f = await ws.readFile(path.join(dir, 'main.go'));
    expect(f).toMatchObject({ readOnly: expect.stringMatching(/^read-only: outside the project/), origin: 'golang.org/x/tools/gopls@v0.23.0' });
    expect(isUnder(modcache, f.path)).toBe(true);
  });

  it('keeps project files project-relative and writable', async () => {
    const f = await ws.readFile('main.go');
    expect(f.path).toBe('main.go');
    expect(f.readOnly).toBeUndefined();
  });

  it('refuses traversal out of GOROOT and the module cache', async () => {
    await expect(ws.readFile(path.join(goroot, 'src', '..', '..', '..', 'etc', 'passwd'))).rejects.toThrow(/outside the project folder, the Go standard library/);
    await expect(ws.readFile(`${modcache}/../../../etc/passwd`)).rejects.toThrow(/outside/);
    await expect(ws.readFile(path.join(outside, 'secret.go'))).rejects.toThrow(/outside/);
    await expect(ws.readFile('/etc/passwd')).rejects.toThrow(/outside/);
    await expect(ws.readFile('../../etc/passwd')).rejects.toThrow(/outside the project/);
  });

  it('refuses a symlink placed in a read-only root that leads elsewhere', async () => {
    // The module cache is read-only; a writable folder beside it stands in for a crafted entry.
    const fakeMod = path.join(modcache, 'cache', `gopsy-test-${process.pid}`);
    await mkdir(fakeMod, { recursive: true });
    const link = path.join(fakeMod, 'leak.go');
    await symlink(path.join(outside, 'secret.go'), link);
    try {
      await expect(ws.readFile(link)).rejects.toThrow(/outside/);
    } finally {
      execFileSync('rm', ['-rf', fakeMod]);
    }
  });

  it('refuses a project link that leads out of the project, even into GOROOT (a relative path names a project file)', async () => {
    await expect(ws.readFile('secret-link.go')).rejects.toThrow(/leads outside the project folder \(through a link\)/);
    await expect(ws.readFile('print-link.go')).rejects.toThrow(/leads outside the project folder \(through a link\)/);
  });

  it('maps toolchain locations in the standard library ($GOROOT/... and absolute) for the editor', async () => {
    expect(await ws.resolveLocation('$GOROOT/src/runtime/proc.go')).toBe(path.join(goroot, 'src/runtime/proc.go'));
    expect(await ws.resolveLocation(path.join(goroot, 'src/testing/testing.go'))).toBe(path.join(goroot, 'src/testing/testing.go'));
    expect(await ws.resolveLocation('/etc/passwd')).toBeNull();
    expect(await ws.resolveLocation('store/store.go')).toBe('store/store.go');
  });
});

const isUnder = (root: string, p: string) => !path.relative(root, p).startsWith('..');
