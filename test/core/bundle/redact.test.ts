import { describe, expect, it } from 'vitest';
import { REDACTED, isSecretName, redactEnv, redactLine, redactUrlCredentials } from '../../../src/core/bundle/redact';
import { toolchainFingerprint } from '../../../src/core/bundle/fingerprint';

describe('redaction', () => {
  it('knows secret-looking names', () => {
    for (const n of ['GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'DB_PASSWORD', 'GOOGLE_APPLICATION_CREDENTIALS', 'api_key', 'SSH_KEY']) {
      expect(isSecretName(n)).toBe(true);
    }
    for (const n of ['GOFLAGS', 'GOPROXY', 'HOME', 'PATH', 'CGO_ENABLED']) expect(isSecretName(n)).toBe(false);
  });

  it('removes credentials from URLs and leaves other URLs alone', () => {
    expect(redactUrlCredentials('https://alice:s3cret@proxy.example.com/mod,direct')).toEqual({
      text: `https://${REDACTED}@proxy.example.com/mod,direct`,
      count: 1,
    });
    expect(redactUrlCredentials('https://proxy.golang.org,direct').count).toBe(0);
    expect(redactUrlCredentials('https://tok@a.example,https://u:p@b.example').count).toBe(2);
  });

  it('redacts an environment by name and by URL', () => {
    const r = redactEnv({ GOPROXY: 'https://u:p@goproxy.corp/,direct', NPM_TOKEN: 'abc', GOFLAGS: '-mod=mod', EMPTY_TOKEN: '' });
    expect(r.env).toEqual({ GOPROXY: `https://${REDACTED}@goproxy.corp/,direct`, NPM_TOKEN: REDACTED, GOFLAGS: '-mod=mod', EMPTY_TOKEN: '' });
    expect(r.hits).toEqual([{ name: 'GOPROXY', count: 1 }, { name: 'NPM_TOKEN', count: 1 }]);
  });

  it('redacts assignments and JSON pairs in text, keeping JSON valid', () => {
    const shell = redactLine('$ GITHUB_TOKEN=ghp_123 go build ./... # HOME=/root');
    expect(shell.text).toBe(`$ GITHUB_TOKEN=${REDACTED} go build ./... # HOME=/root`);
    expect(shell.hits).toEqual([{ name: 'GITHUB_TOKEN', count: 1 }]);

    const json = redactLine('{"env": {"MY_SECRET": "x\\"y", "GOOS": "linux"}, "args": ["API_KEY=zz"]}');
    expect(JSON.parse(json.text)).toEqual({ env: { MY_SECRET: REDACTED, GOOS: 'linux' }, args: [`API_KEY=${REDACTED}`] });
    expect(json.hits).toEqual([{ name: 'API_KEY', count: 1 }, { name: 'MY_SECRET', count: 1 }]);

    expect(redactLine('go: downloading via https://bob:pw@proxy/x').hits).toEqual([{ name: 'URL credentials', count: 1 }]);
    expect(redactLine('mkdir -p $WORK/b001/').hits).toEqual([]);
  });

  it('is idempotent', () => {
    const once = redactLine('TOKEN=a https://u:p@h/');
    expect(redactLine(once.text).text).toBe(once.text);
  });

  it('builds a redacted toolchain fingerprint from go env', () => {
    const { fingerprint, redactions } = toolchainFingerprint({
      version: 'go1.25.0',
      goos: 'linux',
      goarch: 'amd64',
      env: { GOAMD64: 'v1', GOPROXY: 'https://me:tok@corp/', HOME: '/root', GOFLAGS: '' },
    });
    expect(fingerprint).toEqual({
      goVersion: 'go1.25.0',
      goos: 'linux',
      goarch: 'amd64',
      goamd64: 'v1',
      env: { GOAMD64: 'v1', GOPROXY: `https://${REDACTED}@corp/`, GOFLAGS: '' },
    });
    expect(redactions).toEqual([{ where: 'manifest.json#toolchain.env', name: 'GOPROXY', count: 1 }]);
  });
});
