// gopls on a real module nobody here wrote (go-internal, see scripts/real-module.mjs): definition into a
// dependency in the module cache and into the standard library, references across its packages.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realModuleDir } from '../../../scripts/real-module.mjs';
import type { Backend } from '../../../src/main/services/backend';
import type { RpcClient } from '../../../src/shared/rpc';
import { connectedBackend, makeTemp, removeTemp } from '../../support/backend';

describe('gopls on go-internal', () => {
  let dir: string;
  let storage: string;
  let backend: Backend;
  let api: RpcClient;

  /** The 0-based position of `needle` (plus offset) in a file of the module. */
  const at = async (rel: string, needle: string, offset = 0) => {
    const lines = (await readFile(path.join(dir, rel), 'utf8')).split('\n');
    const line = lines.findIndex((l) => l.includes(needle));
    expect(line).toBeGreaterThanOrEqual(0);
    return { line, character: lines[line]!.indexOf(needle) + offset };
  };

  beforeAll(async () => {
    dir = realModuleDir();
    storage = await makeTemp('lsp-real');
    ({ backend, api } = await connectedBackend(storage, dir));
  });
  afterAll(async () => {
    await backend?.shutdown();
    await removeTemp(storage);
  });

  it('goes to a definition in a dependency, read-only with its module@version', async () => {
    const defs = await api.call('lsp.definition', { path: 'semver/forward.go', position: await at('semver/forward.go', 'semver.IsValid(v)', 'semver.'.length) });
    expect(defs).toHaveLength(1);
    expect(defs[0]!.origin).toBe('golang.org/x/mod@v0.21.0');
    expect(defs[0]!.path).toMatch(/golang\.org\/x\/mod@v0\.21\.0\/semver\/semver\.go$/);
    const file = await api.call('workspace.readFile', { path: defs[0]!.path });
    expect(file).toMatchObject({ readOnly: expect.stringMatching(/^read-only: outside the project/), origin: 'golang.org/x/mod@v0.21.0' });
    expect(file.text.split('\n')[defs[0]!.range.start.line]).toContain('func IsValid(v string) bool');
  });

  it('goes to a definition in the standard library', async () => {
    const defs = await api.call('lsp.definition', { path: 'cmd/txtar-x/extract.go', position: await at('cmd/txtar-x/extract.go', 'io.ReadAll(', 'io.'.length) });
    expect(defs[0]!.path).toMatch(/\/src\/io\/io\.go$/);
    expect(defs[0]!.origin).toMatch(/^Go stdlib go\d/);
  });

  it('finds references across packages', async () => {
    const refs = await api.call('lsp.references', {
      path: 'txtar/archive.go',
      position: await at('txtar/archive.go', 'func ParseFile(', 'func '.length),
      includeDeclaration: false,
    });
    const files = new Set(refs.map((r) => r.path));
    // goproxytest and diff call golang.org/x/tools/txtar's ParseFile, not this one.
    expect(files).toEqual(new Set(['testscript/testscript.go', 'cmd/txtar-x/extract.go']));
  });
});
