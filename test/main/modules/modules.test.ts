// The module services with the real go command and no network: a local GOPROXY=file:// directory
// serves example.com/lib, go.sum records its hash, then the proxy serves a tampered copy.
// GOPROXY, GOFLAGS, GOSUMDB and GOMODCACHE are set for this test's go commands only.
import { mkdir, realpath, rm, writeFile } from 'node:fs/promises';
import { chmodSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLibToProxy } from '../../../scripts/fixtures-binary.mjs';
import { importChain, modGraph, modVerify, modulePanel } from '../../../src/main/services/modules/moduleService';
import { BinaryService } from '../../../src/main/services/binary/binaryService';
import { makeTemp, SAMPLE_DIR } from '../../support/backend';

const saved: Record<string, string | undefined> = {};
function setEnv(vars: Record<string, string>) {
  for (const [k, v] of Object.entries(vars)) {
    if (!(k in saved)) saved[k] = process.env[k];
    process.env[k] = v;
  }
}

/** The module cache is read-only by design; make it removable. */
function makeWritable(dir: string) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    chmodSync(p, 0o755);
    if (statSync(p).isDirectory()) makeWritable(p);
  }
}

describe('module forensics on a local proxy', () => {
  let temp: string;
  let app: string;
  let proxy: string;

  beforeAll(async () => {
    temp = await realpath(await makeTemp('mod'));
    app = path.join(temp, 'app');
    proxy = path.join(temp, 'proxy');
    await mkdir(app);
    await writeFile(path.join(app, 'go.mod'), 'module example.com/app\n\ngo 1.22\n\nrequire example.com/lib v1.0.0\n');
    await writeFile(path.join(app, 'main.go'), 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/lib"\n)\n\nfunc main() { fmt.Println(lib.Answer()) }\n');
    writeLibToProxy(proxy, 42);
    setEnv({ GOPROXY: `file://${proxy}`, GOSUMDB: 'off', GOFLAGS: '-mod=mod', GOMODCACHE: path.join(temp, 'cache1'), GONOSUMDB: 'example.com/private' });
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
    makeWritableIfThere(path.join(temp, 'cache1'));
    makeWritableIfThere(path.join(temp, 'cache2'));
    await rm(temp, { recursive: true, force: true });
  });

  it('shows where the resolution settings come from', async () => {
    const panel = await modulePanel(app);
    const by = Object.fromEntries(panel.env.map((r) => [r.key, r]));
    expect(by.GOPROXY).toMatchObject({ value: `file://${proxy}`, source: 'environment' });
    expect(by.GOFLAGS).toMatchObject({ value: '-mod=mod', source: 'environment' });
    expect(by.GONOSUMDB).toMatchObject({ value: 'example.com/private', source: 'environment' });
    expect(by.GOMODCACHE!.value).toBe(path.join(temp, 'cache1'));
    expect(by.GOWORK!.source).not.toBe('environment');
  });

  it('builds, verifies and graphs the good module', async () => {
    const service = new BinaryService(path.join(temp, 'storage'));
    const built = await service.build(app);
    expect(built.ok).toBe(true);
    expect(built.analysis!.buildInfo!.deps).toEqual([{ path: 'example.com/lib', version: 'v1.0.0', sum: expect.stringMatching(/^h1:/) }]);
    expect(await modVerify(app)).toMatchObject({ ok: true, exitCode: 0, problems: [] });
    const graph = await modGraph(app);
    expect(graph.ok).toBe(true);
    expect(graph.selected).toEqual([{ path: 'example.com/lib', version: 'v1.0.0' }]);
    expect(await importChain(app, 'example.com/lib')).toEqual({ root: 'example.com/app', chain: ['example.com/app', 'example.com/lib'] });
  });

  it('explains a modified module cache from go mod verify', async () => {
    const dir = path.join(temp, 'cache1/example.com/lib@v1.0.0');
    makeWritable(dir);
    await writeFile(path.join(dir, 'lib.go'), 'package lib\n\nfunc Answer() int { return 0 }\n');
    const res = await modVerify(app);
    expect(res.ok).toBe(false);
    expect(res.problems).toEqual([expect.objectContaining({ kind: 'dir-modified', module: 'example.com/lib', version: 'v1.0.0' })]);
  });

  it('explains the checksum mismatch when the proxy serves a tampered copy', async () => {
    writeLibToProxy(proxy, 43);
    process.env.GOMODCACHE = path.join(temp, 'cache2');
    const res = await new BinaryService(path.join(temp, 'storage')).build(app);
    expect(res.ok).toBe(false);
    expect(res.output).toContain('SECURITY ERROR');
    expect(res.explanations).toEqual([
      expect.objectContaining({ kind: 'checksum-mismatch', module: 'example.com/lib', version: 'v1.0.0', commands: expect.arrayContaining(['go mod download -json example.com/lib@v1.0.0']) }),
    ]);
    expect(res.problems).toEqual([]);
  });
});

function makeWritableIfThere(dir: string) {
  try {
    makeWritable(dir);
  } catch {
    // already gone
  }
}

describe('import chain on the inventory sample', () => {
  it('finds why sort is in the build, and says null for what is not', async () => {
    expect(await importChain(SAMPLE_DIR, 'sort')).toEqual({ root: 'example.com/inventory', chain: ['example.com/inventory', 'example.com/inventory/store', 'sort'] });
    expect((await importChain(SAMPLE_DIR, 'net/http')).chain).toBeNull();
    await expect(importChain(SAMPLE_DIR, 'sort', '../..')).rejects.toThrow(/outside the project/);
  });
});
