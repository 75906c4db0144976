// inspectFolder and Workspace on a temp copy of the inventory sample, with the real go list.
import { mkdir, readFile, realpath, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TreePackage } from '../../src/shared/api';
import { GopsyError } from '../../src/shared/rpc';
import { Workspace, inspectFolder } from '../../src/main/services/workspace';
import { copySample, makeTemp, removeTemp } from '../support/backend';

/** The GopsyError a promise rejects with (fails when it resolves or rejects with something else). */
async function gopsyError(p: Promise<unknown>): Promise<GopsyError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GopsyError);
  return err as GopsyError;
}

describe('Workspace on the inventory sample', () => {
  let temp: string;
  let project: string;
  let ws: Workspace;
  let outsideFile: string;

  beforeAll(async () => {
    ({ temp, project } = await copySample('ws'));
    project = await realpath(project);
    outsideFile = path.join(temp, 'secret.txt');
    await writeFile(outsideFile, 'not yours\n');
    await symlink(outsideFile, path.join(project, 'escape.txt'));
    await symlink(temp, path.join(project, 'escape-dir'));
    ws = new Workspace(await inspectFolder(project));
  });
  afterAll(() => removeTemp(temp));

  it('reads the module', () => {
    expect(ws.state.root).toBe(project);
    expect(ws.state.name).toBe('inventory');
    expect(ws.state.goMod).toEqual({ path: 'example.com/inventory', dir: project, goVersion: '1.22' });
    expect(ws.state.problem).toBeUndefined();
  });

  it('lists the packages and classifies their files', async () => {
    const tree = await ws.tree();
    expect(tree.error).toBeUndefined();
    const byDir = new Map<string, TreePackage>(tree.packages.map((p) => [p.dir, p]));
    expect([...byDir.keys()].sort()).toEqual(['.', 'broken', 'internal/textfmt', 'store']);

    const root = byDir.get('.')!;
    expect(root.name).toBe('main');
    expect(root.importPath).toBe('example.com/inventory');
    expect(root.files).toContainEqual({ name: 'main.go', path: 'main.go', kind: 'go' });

    const store = byDir.get('store')!;
    expect(store.importPath).toBe('example.com/inventory/store');
    expect(store.files).toContainEqual({ name: 'store.go', path: 'store/store.go', kind: 'go' });
    expect(store.files).toContainEqual({ name: 'store_test.go', path: 'store/store_test.go', kind: 'test' });

    expect(byDir.get('internal/textfmt')!.importPath).toBe('example.com/inventory/internal/textfmt');

    const broken = byDir.get('broken')!;
    expect(broken.error).toBeUndefined(); // the error is behind a build tag
    expect(broken.files).toContainEqual({ name: 'doc.go', path: 'broken/doc.go', kind: 'go' });
    expect(broken.files).toContainEqual({
      name: 'typeerror.go',
      path: 'broken/typeerror.go',
      kind: 'ignored',
    });

    expect(tree.moduleFiles).toContainEqual({ name: 'go.mod', path: 'go.mod', kind: 'other' });
    expect(tree.moduleFiles.map((f) => f.name)).not.toContain('go.sum'); // the sample has no dependencies
  });

  it('reads project files', async () => {
    const content = await ws.readFile('store/store_test.go');
    const onDisk = await readFile(path.join(project, 'store/store_test.go'), 'utf8');
    expect(content.path).toBe('store/store_test.go');
    expect(content.text).toBe(onDisk);
    expect(content.size).toBe(Buffer.byteLength(onDisk));
    expect((await ws.readFile('./broken/../go.mod')).text).toContain('module example.com/inventory');
    expect((await ws.readFile(path.join(project, 'main.go'))).path).toBe('main.go');
  });

  it('refuses paths outside the project', async () => {
    expect((await gopsyError(ws.readFile('../outside'))).code).toBe('outside-project');
    expect((await gopsyError(ws.readFile('../secret.txt'))).code).toBe('outside-project');
    expect((await gopsyError(ws.readFile('/etc/passwd'))).code).toBe('outside-project');
    expect((await gopsyError(ws.readFile(outsideFile))).code).toBe('outside-project');
    expect((await gopsyError(ws.readFile('store/../../secret.txt'))).code).toBe('outside-project');
  });

  it('refuses links inside the project that lead outside', async () => {
    const e = await gopsyError(ws.readFile('escape.txt'));
    expect(e.code).toBe('outside-project');
    expect(e.message).not.toContain('not yours');
    expect((await gopsyError(ws.readFile('escape-dir/secret.txt'))).code).toBe('outside-project');
  });

  it('reports missing files, folders and binary files plainly', async () => {
    expect((await gopsyError(ws.readFile('nope.go'))).code).toBe('not-found');
    expect((await gopsyError(ws.readFile('store'))).code).toBe('not-a-file');
    await writeFile(path.join(project, 'blob.bin'), Buffer.from([1, 2, 0, 3]));
    expect((await gopsyError(ws.readFile('blob.bin'))).code).toBe('binary');
  });

  it('maps locations the toolchain prints into the project', async () => {
    expect(await ws.resolveLocation('broken/typeerror.go')).toBe('broken/typeerror.go');
    expect(await ws.resolveLocation('./main.go')).toBe('main.go');
    expect(await ws.resolveLocation(path.join(project, 'store', 'store.go'))).toBe('store/store.go');
    expect(await ws.resolveLocation('../secret.txt')).toBeNull();
    expect(await ws.resolveLocation(outsideFile)).toBeNull();
    expect(await ws.resolveLocation('/etc/passwd')).toBeNull();
    expect(await ws.resolveLocation('escape.txt')).toBeNull();
    expect(await ws.resolveLocation('store/missing.go')).toBeNull();
  });
});

describe('inspectFolder outside a module', () => {
  let temp: string;
  beforeAll(async () => {
    temp = await realpath(await makeTemp('nomod'));
    await mkdir(path.join(temp, 'plain'));
    await writeFile(path.join(temp, 'plain', 'hello.go'), 'package main\n');
  });
  afterAll(() => removeTemp(temp));

  it('explains that go.mod is missing', async () => {
    const state = await inspectFolder(path.join(temp, 'plain'));
    expect(state.root).toBe(path.join(temp, 'plain'));
    expect(state.goMod).toBeUndefined();
    expect(state.problem).toContain('go.mod');
    const tree = await new Workspace(state).tree();
    expect(tree.packages).toEqual([]);
    expect(tree.error).toContain('go.mod');
  });

  it('throws for a folder that does not exist', async () => {
    const e = await gopsyError(inspectFolder(path.join(temp, 'does-not-exist')));
    expect(e.code).toBe('not-found');
  });

  it('throws for a file', async () => {
    const e = await gopsyError(inspectFolder(path.join(temp, 'plain', 'hello.go')));
    expect(e.code).toBe('not-a-folder');
  });
});
