// detectToolchain against the real go on PATH, and against a go binary that does not exist.
import { execFile } from 'node:child_process';
import path from 'node:path';
import os from 'node:os';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ToolchainService, detectToolchain } from '../../src/main/services/toolchain';

const execFileAsync = promisify(execFile);

describe('detectToolchain', () => {
  const savedGo = process.env.GOPSY_GO;
  afterEach(() => {
    if (savedGo === undefined) delete process.env.GOPSY_GO;
    else process.env.GOPSY_GO = savedGo;
  });

  it('reports the go on PATH with the version `go version` prints', async () => {
    delete process.env.GOPSY_GO;
    const { stdout } = await execFileAsync('go', ['version']);
    // "go version go1.26.8 linux/amd64"
    const [, , version, platform] = stdout.trim().split(' ');
    const { stdout: goroot } = await execFileAsync('go', ['env', 'GOROOT']);

    const info = await detectToolchain();
    expect(info.problem).toBeUndefined();
    expect(info.ok).toBe(true);
    expect(info.version).toBe(version);
    expect(`${info.goos}/${info.goarch}`).toBe(platform);
    expect(info.goroot).toBe(goroot.trim());
    expect(info.env?.GOVERSION).toBe(version);
  });

  it('explains how to install Go when the binary does not exist', async () => {
    const missing = path.join(os.tmpdir(), 'gopsy-no-such-dir', 'go');
    process.env.GOPSY_GO = missing;
    const info = await detectToolchain();
    expect(info.ok).toBe(false);
    expect(info.goPath).toBe(missing);
    expect(info.version).toBeUndefined();
    expect(info.problem).toContain(missing);
    expect(info.problem).toMatch(/install go/i);
    expect(info.problem).toContain('https://go.dev/dl/');
  });

  it('caches until asked to refresh', async () => {
    delete process.env.GOPSY_GO;
    const svc = new ToolchainService();
    const first = await svc.info();
    expect(first.ok).toBe(true);
    process.env.GOPSY_GO = path.join(os.tmpdir(), 'gopsy-no-such-dir', 'go');
    expect(await svc.info()).toBe(first);
    expect((await svc.info(true)).ok).toBe(false);
  });
});
