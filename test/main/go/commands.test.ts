// The go sub-command functions (services/go/*) against the real go on PATH: the arguments they give
// go, and what they read from its output, checked against go run directly.
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GoNotFoundError } from '../../../src/main/services/go/run';
import { goVersion } from '../../../src/main/services/go/version';
import { goEnv, goEnvValues } from '../../../src/main/services/go/env';
import { goListArgs, goListDeps, goListTree } from '../../../src/main/services/go/list';
import { goModGraph, goModVerify } from '../../../src/main/services/go/mod';
import { copySample, removeTemp } from '../../support/backend';

const execFileAsync = promisify(execFile);

describe('go version and go env', () => {
  const savedGo = process.env.GOPSY_GO;
  afterEach(() => {
    if (savedGo === undefined) delete process.env.GOPSY_GO;
    else process.env.GOPSY_GO = savedGo;
  });

  it('goVersion reads the line `go version` prints', async () => {
    delete process.env.GOPSY_GO;
    const { stdout } = await execFileAsync('go', ['version']);
    const [, , version, platform] = stdout.trim().split(' ');
    const v = await goVersion();
    expect(v.exitCode).toBe(0);
    expect(v.stdout).toBe(stdout);
    expect(v.parsed?.version).toBe(version);
    expect(`${v.parsed?.goos}/${v.parsed?.goarch}`).toBe(platform);
  });

  it('goEnv gives the keys asked for, as go env prints them', async () => {
    delete process.env.GOPSY_GO;
    const { stdout } = await execFileAsync('go', ['env', 'GOROOT', 'GOVERSION']);
    const [goroot, goversion] = stdout.split('\n');
    const res = await goEnv(['GOROOT', 'GOVERSION']);
    expect(res.exitCode).toBe(0);
    expect(res.env).toEqual({ GOROOT: goroot, GOVERSION: goversion });
    // The plain form reads the same values.
    expect((await goEnvValues(['GOROOT', 'GOVERSION'])).values).toEqual([goroot, goversion]);
  });

  it('goEnv with no keys gives every setting', async () => {
    delete process.env.GOPSY_GO;
    const res = await goEnv([]);
    expect(res.env?.GOROOT).toBeTruthy();
    expect(res.env?.GOOS).toBe((await goVersion()).parsed?.goos);
  });

  it('rejects with GoNotFoundError when the go binary does not exist', async () => {
    const missing = path.join(os.tmpdir(), 'gopsy-no-such-dir', 'go');
    process.env.GOPSY_GO = missing;
    const err = await goEnv(['GOROOT']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GoNotFoundError);
    expect((err as Error).message).toBe(`Go was not found (${missing}).`);
  });
});

describe('go list and go mod on the inventory sample', () => {
  let temp: string;
  let project: string;
  beforeAll(async () => {
    ({ temp, project } = await copySample('gocmd'));
  });
  afterAll(() => removeTemp(temp));

  it('goListTree lists the packages under the root', async () => {
    const res = await goListTree(project);
    const paths = res.tree.packages.map((p) => p.importPath);
    expect(paths).toContain('example.com/inventory');
    expect(paths).toContain('example.com/inventory/store');
  });

  it('goListDeps gives the package first, then what it imports', async () => {
    const res = await goListDeps(project, '.');
    expect(res.exitCode).toBe(0);
    expect(res.packages.find((p) => !p.depOnly)?.importPath).toBe('example.com/inventory');
    expect(res.packages.some((p) => p.importPath === 'fmt' && p.depOnly)).toBe(true);
  });

  it('goModGraph and goModVerify on a module that requires only its go version', async () => {
    const graph = await goModGraph({ cwd: project });
    expect(graph.exitCode).toBe(0);
    // go.mod says `go 1.22`: the graph's only module edge is to that go.
    expect(graph.edges.filter((e) => e.from === 'example.com/inventory')).toEqual([{ from: 'example.com/inventory', to: 'go@1.22' }]);
    const verify = await goModVerify({ cwd: project });
    expect(verify.exitCode).toBe(0);
    expect(verify.verdict.ok).toBe(true);
  });

  it('goListArgs orders the flags as go list is given them', () => {
    expect(goListArgs({ json: true, patterns: ['./...'] })).toEqual(['list', '-e', '-json', './...']);
    expect(goListArgs({ deps: true, json: ['ImportPath', 'DepOnly'], patterns: ['./x'] })).toEqual(['list', '-e', '-deps', '-json=ImportPath,DepOnly', './x']);
    expect(goListArgs({ deps: true, test: true, format: '{{.Dir}}', patterns: ['.'] })).toEqual(['list', '-e', '-deps', '-test', '-f', '{{.Dir}}', '.']);
    expect(goListArgs({ deps: true, test: false, format: '', patterns: ['.'] })).toEqual(['list', '-e', '-deps', '-f', '', '.']);
  });
});
