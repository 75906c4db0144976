import { describe, expect, it } from 'vitest';
import { parseGoEnv, parseGoEnvValues, parseGoVersion } from '../../src/core/goEnv';
import { parseGoModHeader } from '../../src/core/goMod';
import { fixture } from './fixtures';

describe('parseGoVersion', () => {
  it('reads the captured go version', () => {
    const v = parseGoVersion(fixture('go-version.txt'))!;
    expect(v.version).toMatch(/^go1\.\d+/);
    expect(v.goos).toMatch(/^[a-z0-9]+$/);
    expect(v.goarch).toMatch(/^[a-z0-9]+$/);
  });
  it('reads devel builds and rejects other text', () => {
    expect(parseGoVersion('go version devel go1.27-0a1b2c3 Tue Oct 1 2026 +0000 linux/arm64\n')).toEqual({
      version: 'devel go1.27-0a1b2c3 Tue Oct 1 2026 +0000',
      goos: 'linux',
      goarch: 'arm64',
    });
    expect(parseGoVersion('bash: go: command not found')).toBeNull();
  });
});

describe('parseGoEnv', () => {
  it('reads the captured go env -json', () => {
    const env = parseGoEnv(fixture('go-env.json'))!;
    expect(env.GOROOT).toBeTruthy();
    expect(env.GOOS).toBe(parseGoVersion(fixture('go-version.txt'))!.goos);
  });
  it('rejects non-objects and broken JSON', () => {
    expect(parseGoEnv('[1]')).toBeNull();
    expect(parseGoEnv('{"GOOS": "linux"')).toBeNull();
  });
});

describe('parseGoEnvValues', () => {
  it('gives one trimmed value per key asked, in order', () => {
    expect(parseGoEnvValues('/home/u/go/pkg/mod\nlinux\namd64\n', 3)).toEqual(['/home/u/go/pkg/mod', 'linux', 'amd64']);
    expect(parseGoEnvValues('/home/u/go \r\n', 1)).toEqual(['/home/u/go']);
  });
  it('gives empty values for lines the output lacks', () => {
    expect(parseGoEnvValues('', 2)).toEqual(['', '']);
    expect(parseGoEnvValues('\nlinux\n', 2)).toEqual(['', 'linux']);
  });
});

describe('parseGoModHeader', () => {
  it('reads the sample go.mod', () => {
    expect(parseGoModHeader('module example.com/inventory\n\ngo 1.22\n')).toEqual({ module: 'example.com/inventory', go: '1.22' });
  });
  it('handles quotes, comments and missing lines', () => {
    expect(parseGoModHeader('// header\nmodule "a/b" // c\n')).toEqual({ module: 'a/b' });
    expect(parseGoModHeader('')).toEqual({});
  });
});
