// Dynamic dependencies with the real C toolchain and loader: the cgodeps sample links against a shared
// library built here with gcc; ldd and LD_DEBUG=libs first cannot find it, then find it through
// LD_LIBRARY_PATH. And a traced program that does not end is killed with everything it started.
import { execFileSync } from 'node:child_process';
import { chmod, cp, mkdir, readFile, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinaryService } from '../../../src/main/services/binary/binaryService';
import { traceLoader } from '../../../src/main/services/binary/dynamicDeps';
import type { BinaryAnalysis } from '../../../src/shared/contract/binary';
import { makeTemp, removeTemp, waitUntil } from '../../support/backend';

const SAMPLE = path.resolve(__dirname, '../../../resources/samples/cgodeps');
const linux = process.platform === 'linux';

describe.runIf(linux)('dynamic dependencies of the cgodeps sample', () => {
  let temp: string;
  let project: string;
  let service: BinaryService;
  let bin: BinaryAnalysis;

  beforeAll(async () => {
    temp = await makeTemp('dyn');
    project = path.join(await realpath(temp), 'cgodeps');
    await cp(SAMPLE, project, { recursive: true });
    await mkdir(path.join(project, 'lib'));
    execFileSync('gcc', ['-shared', '-fPIC', '-o', path.join(project, 'lib', 'libgopsydemo.so'), path.join(project, 'clib', 'gopsydemo.c')]);
    service = new BinaryService(path.join(temp, 'storage'));
    const built = await service.build(project);
    expect(built.ok, built.output).toBe(true);
    bin = built.analysis!;
  });
  afterAll(() => removeTemp(temp));

  it('ldd lists the libraries and flags the missing one', async () => {
    const deps = await service.dynamicDeps(bin.id);
    expect(deps.available).toBe(true);
    expect(deps.static).toBe(false);
    expect(deps.libraries.find((l) => l.name === 'libgopsydemo.so')).toEqual({ name: 'libgopsydemo.so', kind: 'library', notFound: true });
    expect(deps.libraries.find((l) => l.name === 'libc.so.6')).toMatchObject({ notFound: false, path: expect.stringMatching(/libc\.so\.6$/) });
    expect(deps.libraries.some((l) => l.kind === 'interpreter')).toBe(true);
  });

  it('LD_DEBUG=libs shows where the loader looked and that it did not find it', async () => {
    const t = await service.traceLoader(bin.id, project);
    expect(t.commandLine).toBe('LD_DEBUG=libs ./cgodeps');
    expect(t.exitCode).toBe(127);
    expect(t.timedOut).toBe(false);
    const demo = t.searches.find((s) => s.library === 'libgopsydemo.so')!;
    expect(demo.found).toBe(false);
    expect(demo.tried.length).toBeGreaterThan(0);
    expect(demo.tried.every((f) => f.endsWith('/libgopsydemo.so'))).toBe(true);
    expect(t.loaderError).toMatch(/libgopsydemo\.so: cannot open shared object file/);
  });

  it('with LD_LIBRARY_PATH the loader finds it there and the program runs', async () => {
    const lib = path.join(project, 'lib');
    const t = await service.traceLoader(bin.id, project, lib);
    expect(t.exitCode).toBe(0);
    const demo = t.searches.find((s) => s.library === 'libgopsydemo.so')!;
    expect(demo.steps[0]).toMatchObject({ kind: 'path', source: 'LD_LIBRARY_PATH' });
    expect(demo).toMatchObject({ found: true, path: path.join(lib, 'libgopsydemo.so'), initialised: true });
    expect(t.searches.find((s) => s.library === 'libc.so.6')?.found).toBe(true);
    expect(t.output).toBe('answer from libgopsydemo: 42');
    expect(t.loaderError).toBeUndefined();
  });

  it('kills a program that does not end, and what it started', async () => {
    const script = path.join(temp, 'forever.sh');
    const pidFile = path.join(temp, 'child.pid');
    await writeFile(script, `#!/bin/sh\nsleep 300 &\necho $! > '${pidFile}'\nsleep 300\n`);
    await chmod(script, 0o755);
    const t = await traceLoader(script, temp, undefined, 1500);
    expect(t.timedOut).toBe(true);
    expect(t.signal).toBe('SIGKILL');
    const childPid = Number((await readFile(pidFile, 'utf8')).trim());
    const gone = () => {
      try {
        process.kill(childPid, 0);
        return false;
      } catch {
        return true;
      }
    };
    await waitUntil(gone, 'the background child to be killed', 10_000);
  });
});
