import { describe, expect, it } from 'vitest';
import { explainModuleErrors } from '../../../src/core/modules/explain';
import { parseModVerify } from '../../../src/core/modules/verify';
import { MODULE_ENV_KEYS, envProvenance, parseGoEnvFile } from '../../../src/core/modules/envProvenance';
import { compareSemver, parseModGraph, selectedVersions } from '../../../src/core/modules/modGraph';
import { findImportChain, parseGoListDeps } from '../../../src/core/modules/importChain';
import { parseGoEnv } from '../../../src/core/goEnv';
import { fixture } from '../fixtures';

describe('explainModuleErrors', () => {
  it('explains a checksum mismatch against go.sum, with commands and the raw lines', () => {
    const [e, ...rest] = explainModuleErrors(fixture('mod-checksum-mismatch.txt'));
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ kind: 'checksum-mismatch', module: 'example.com/lib', version: 'v1.0.0' });
    expect(e!.explanation).toContain('go.sum');
    expect(e!.raw).toMatch(/^verifying example\.com\/lib@v1\.0\.0: checksum mismatch\n\tdownloaded: h1:.+\n\tgo\.sum: +h1:/);
    expect(e!.commands).toContain('go mod download -json example.com/lib@v1.0.0');
  });
  it('explains a missing go.sum entry with the command the go command suggested', () => {
    const [e] = explainModuleErrors(fixture('mod-missing-sum.txt'));
    expect(e).toMatchObject({ kind: 'missing-go-sum', title: 'No go.sum entry for the module providing example.com/lib' });
    expect(e!.commands).toContain('go get example.com/app');
  });
  it('explains a modified module cache directory', () => {
    const [e] = explainModuleErrors(fixture('mod-verify-modified.txt'));
    expect(e).toMatchObject({ kind: 'dir-modified', module: 'example.com/lib', version: 'v1.0.0' });
    expect(e!.explanation).toContain('@TMP@/cache1/example.com/lib@v1.0.0');
  });
  it('finds nothing in unrelated text', () => {
    expect(explainModuleErrors(fixture('build-broken.txt'))).toEqual([]);
    expect(explainModuleErrors('')).toEqual([]);
  });
});

describe('parseModVerify', () => {
  it('reads success and failure', () => {
    expect(parseModVerify(fixture('mod-verify-ok.txt'), 0)).toEqual({ ok: true, problems: [], other: [] });
    const bad = parseModVerify(fixture('mod-verify-modified.txt'), 1);
    expect(bad.ok).toBe(false);
    expect(bad.problems.map((p) => p.kind)).toEqual(['dir-modified']);
    expect(bad.other).toEqual([]);
  });
});

describe('envProvenance', () => {
  it('tells environment, go env file, GOROOT/go.env and defaults apart', () => {
    const effective = parseGoEnv(fixture('go-env-provenance.json'))!;
    const envFile = parseGoEnvFile(fixture('goenv-file.txt'));
    expect(envFile).toEqual({ GOPRIVATE: 'example.com/private', GOFLAGS: '-mod=mod' });
    const rows = envProvenance({
      keys: MODULE_ENV_KEYS,
      effective,
      environment: { GONOSUMDB: 'example.com/env', GOFLAGS: '' },
      envFile,
      envFilePath: '/home/me/.config/go/env',
      rootEnvFile: parseGoEnvFile('GOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=auto\n'),
    });
    const by = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(by.GONOSUMDB).toMatchObject({ value: 'example.com/env', source: 'environment' });
    expect(by.GOPRIVATE).toMatchObject({ value: 'example.com/private', source: 'go env file', detail: '/home/me/.config/go/env' });
    expect(by.GOFLAGS).toMatchObject({ value: '-mod=mod', source: 'go env file' });
    expect(by.GOPROXY).toMatchObject({ value: 'https://proxy.golang.org,direct', source: 'GOROOT/go.env' });
    expect(by.GONOPROXY).toMatchObject({ value: 'example.com/private', source: 'default', detail: 'from GOPRIVATE' });
  });
});

describe('module graph', () => {
  it('reads go mod graph and picks the selected versions', () => {
    const edges = parseModGraph(fixture('mod-graph.txt'));
    expect(edges).toContainEqual({ from: 'example.com/app', to: 'example.com/lib@v1.0.0' });
    expect([...selectedVersions(edges)]).toEqual([['example.com/lib', 'v1.0.0']]);
    const sel = selectedVersions(parseModGraph('a b@v1.2.0\na c@v1.0.0\nc@v1.0.0 b@v1.10.0\nb@v1.10.0 d@v0.1.0-pre\na d@v0.1.0\n'));
    expect(Object.fromEntries(sel)).toEqual({ b: 'v1.10.0', c: 'v1.0.0', d: 'v0.1.0' });
  });
  it('orders semantic versions', () => {
    expect(compareSemver('v1.10.0', 'v1.9.0')).toBeGreaterThan(0);
    expect(compareSemver('v1.0.0-rc.2', 'v1.0.0-rc.10')).toBeLessThan(0);
    expect(compareSemver('v0.0.0-20240101000000-abcdef123456', 'v0.0.0-20250101000000-abcdef123456')).toBeLessThan(0);
  });
});

describe('import chain', () => {
  const pkgs = parseGoListDeps(fixture('go-list-deps-inventory.json'));
  it('finds a shortest chain from the main package', () => {
    expect(pkgs.find((p) => !p.depOnly)?.importPath).toBe('example.com/inventory');
    expect(findImportChain(pkgs, 'example.com/inventory', 'sort')).toEqual(['example.com/inventory', 'example.com/inventory/store', 'sort']);
    const toRuntime = findImportChain(pkgs, 'example.com/inventory', 'runtime')!;
    expect(toRuntime[0]).toBe('example.com/inventory');
    expect(toRuntime.at(-1)).toBe('runtime');
    for (let i = 1; i < toRuntime.length; i++) {
      expect(pkgs.find((p) => p.importPath === toRuntime[i - 1])!.imports).toContain(toRuntime[i]);
    }
  });
  it('says null for packages not in the build', () => {
    expect(findImportChain(pkgs, 'example.com/inventory', 'net/http')).toBeNull();
    expect(findImportChain(pkgs, 'nope', 'sort')).toBeNull();
  });
});
