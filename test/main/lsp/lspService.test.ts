// Code navigation through a real gopls on a copy of the sample: definition into the standard library
// (opened read-only with its origin), references across packages, hover, symbols, cancellation, gopls
// killed mid-session and gopls missing.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import type { Backend } from '../../../src/main/services/backend';
import type { RpcClient } from '../../../src/shared/rpc';
import { connectedBackend, copySample, makeTemp, removeTemp, waitUntil } from '../../support/backend';
import { isAlive } from '../../../src/main/services/processTree';

const goEnv = (key: string) => execFileSync('go', ['env', key], { encoding: 'utf8' }).trim();

/** The 0-based LSP position of `needle` (plus `offset` characters) in a file's text. */
async function positionOf(file: string, needle: string, offset = 0) {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`${needle} not in ${file}`);
  return { line, character: lines[line]!.indexOf(needle) + offset };
}

describe('gopls for the open project', () => {
  let temp: string;
  let project: string;
  let storage: string;
  let backend: Backend;
  let api: RpcClient;
  /** Every lsp.logAppended event of this window, in order. */
  const appended: Array<{ text: string; end: number }> = [];

  beforeAll(async () => {
    ({ temp, project } = await copySample('lsp'));
    storage = await makeTemp('lsp-storage');
    ({ backend, api } = await connectedBackend(storage, project));
    api.on('lsp.logAppended', (a) => appended.push(a));
  });
  afterAll(async () => {
    await backend?.shutdown();
    await removeTemp(temp);
    await removeTemp(storage);
  });

  it('finds gopls and says which version', async () => {
    const s = await api.call('lsp.status', {});
    expect(s.gopls).toMatchObject({ ok: true, version: '0.23.0' });
  });

  it('goes to a definition in the standard library, which opens read-only with its origin', async () => {
    const main = path.join(project, 'main.go');
    const at = await positionOf(main, 'fmt.Println("items:"', 'fmt.'.length);
    const defs = await api.call('lsp.definition', { path: 'main.go', position: at });
    expect(defs).toHaveLength(1);
    const goroot = execFileSync('realpath', [goEnv('GOROOT')], { encoding: 'utf8' }).trim();
    expect(defs[0]!.path).toBe(path.join(goroot, 'src/fmt/print.go'));
    expect(defs[0]!.origin).toBe(`Go stdlib ${goEnv('GOVERSION')}`);
    const file = await api.call('workspace.readFile', { path: defs[0]!.path });
    expect(file).toMatchObject({ readOnly: expect.stringMatching(/^read-only: outside the project/), origin: `Go stdlib ${goEnv('GOVERSION')}` });
    expect(file.text.split('\n')[defs[0]!.range.start.line]).toContain('func Println(');
    // From inside the standard library, on to another of its files.
    const inner = file.text.split('\n').findIndex((l) => l.includes('return Fprintln(os.Stdout'));
    const next = await api.call('lsp.definition', {
      path: defs[0]!.path,
      position: { line: inner, character: file.text.split('\n')[inner]!.indexOf('Fprintln') },
    });
    expect(next[0]!.path).toBe(defs[0]!.path);
  });

  it('goes to a definition in another package of the project', async () => {
    const at = await positionOf(path.join(project, 'main.go'), 'store.New()', 'store.'.length);
    const defs = await api.call('lsp.definition', { path: 'main.go', position: at });
    expect(defs).toEqual([{ path: 'store/store.go', range: expect.any(Object) }]);
    const line = (await readFile(path.join(project, 'store/store.go'), 'utf8')).split('\n')[defs[0]!.range.start.line];
    expect(line).toContain('func New()');
  });

  it('finds references across packages', async () => {
    const at = await positionOf(path.join(project, 'store/store.go'), 'func (s *Store) Value()', 'func (s *Store) '.length);
    const refs = await api.call('lsp.references', { path: 'store/store.go', position: at, includeDeclaration: true });
    const files = new Set(refs.map((r) => r.path));
    expect(files).toContain('main.go');
    expect(files).toContain('store/store.go');
  });

  it('hovers with the type and doc as plain text', async () => {
    const at = await positionOf(path.join(project, 'main.go'), 'store.New()', 'store.'.length);
    const hover = await api.call('lsp.hover', { path: 'main.go', position: at });
    expect(hover?.text).toContain('func store.New() *store.Store');
    expect(hover?.text).toContain('New returns an empty store.');
  });

  it('lists the symbols of a file and of the workspace', async () => {
    const symbols = await api.call('lsp.documentSymbols', { path: 'store/store.go' });
    expect(symbols.map((s) => s.name)).toEqual(expect.arrayContaining(['Item', 'Store', 'New', 'Map']));
    const found = await api.call('lsp.workspaceSymbols', { query: 'Filter' });
    expect(found.some((s) => s.name.includes('Filter') && s.location.path === 'store/store.go')).toBe(true);
  });

  it('answers about the editor text, not the file on disk', async () => {
    const text = (await readFile(path.join(project, 'main.go'), 'utf8')).replace('func main() {', 'func main() {\n\tvar extra = store.New()\n\t_ = extra');
    await api.call('lsp.sync', { path: 'main.go', text });
    const line = text.split('\n').findIndex((l) => l.includes('var extra'));
    const defs = await api.call('lsp.definition', { path: 'main.go', position: { line, character: text.split('\n')[line]!.indexOf('New') } });
    expect(defs[0]!.path).toBe('store/store.go');
    await api.call('lsp.close', { path: 'main.go' });
  });

  it('drops a cancelled request instead of answering it late', async () => {
    const at = await positionOf(path.join(project, 'store/store.go'), 'type Item struct', 'type '.length);
    const asked = api.call('lsp.references', { path: 'store/store.go', position: at, includeDeclaration: true, ticket: 't1' });
    await api.call('lsp.cancel', { ticket: 't1' });
    // gopls either drops it (an empty answer) or had already answered: never an error.
    expect(Array.isArray(await asked)).toBe(true);
  });

  it('refuses paths outside the project and the read-only roots', async () => {
    await expect(api.call('lsp.definition', { path: '../../etc/passwd', position: { line: 0, character: 0 } })).rejects.toThrow(/outside/);
    await expect(api.call('lsp.hover', { path: '/etc/passwd', position: { line: 0, character: 0 } })).rejects.toThrow(/outside/);
  });

  it('starts gopls again after it was killed mid-session', async () => {
    const { pid } = await api.call('lsp.status', {});
    expect(pid).toBeGreaterThan(0);
    process.kill(pid!, 'SIGKILL');
    await waitUntil(async () => !(await api.call('lsp.status', {})).pid, 'gopls seen ended');
    const status = await api.call('lsp.status', {});
    expect(status.problem).toMatch(/gopls was ended by SIGKILL.*starts it again/);
    const at = await positionOf(path.join(project, 'main.go'), 'store.New()', 'store.'.length);
    const defs = await api.call('lsp.definition', { path: 'main.go', position: at });
    expect(defs[0]!.path).toBe('store/store.go');
    const again = await api.call('lsp.status', {});
    expect(again.pid).not.toBe(pid);
    expect(again.problem).toBeUndefined();
    expect(isAlive(pid!)).toBe(false);
    // The log tab's stream: both gopls processes in one log, the crash between them, and the appended
    // events adding up to what lsp.log holds (each event's end counts every character so far).
    await waitUntil(() => appended.some((a) => a.text.includes(`pid ${again.pid}`)), 'the restart in the log stream');
    const log = await api.call('lsp.log', {});
    expect(log.text).toMatch(new RegExp(`started gopls.* serve \\(pid ${pid}\\)[\\s\\S]*gopls was ended by SIGKILL[\\s\\S]*started .* serve \\(pid ${again.pid}\\)`));
    expect(appended.map((a) => a.text).join('')).toBe(log.text);
    expect(appended.at(-1)!.end).toBe(log.end);
    appended.forEach((a, i) => i > 0 && expect(a.end - a.text.length).toBe(appended[i - 1]!.end));
  });

  it('ends gopls with the project', async () => {
    const { pid } = await api.call('lsp.status', {});
    expect(pid).toBeGreaterThan(0);
    await backend.openFolder(project);
    expect((await api.call('lsp.status', {})).pid).toBeUndefined();
    await waitUntil(() => !isAlive(pid!), 'gopls gone');
  });
});

describe('without gopls', () => {
  it('says so in one clear line, and files still open', async () => {
    const { temp, project } = await copySample('lsp-missing');
    const storage = await makeTemp('lsp-missing-storage');
    const saved = process.env.GOPSY_GOPLS;
    process.env.GOPSY_GOPLS = '/nonexistent/gopls';
    const { backend, api } = await connectedBackend(storage, project);
    try {
      const s = await api.call('lsp.status', { refresh: true });
      expect(s.gopls.ok).toBe(false);
      expect(s.gopls.problem).toMatch(/gopls \(the Go language server\) is not installed.*go install golang\.org\/x\/tools\/gopls@v0\.23\.0/);
      await expect(api.call('lsp.definition', { path: 'main.go', position: { line: 0, character: 0 } })).rejects.toThrow(/gopls .*is not installed/);
      expect((await api.call('workspace.readFile', { path: 'main.go' })).text).toContain('package main');
    } finally {
      if (saved === undefined) delete process.env.GOPSY_GOPLS;
      else process.env.GOPSY_GOPLS = saved;
      await backend.shutdown();
      await removeTemp(temp);
      await removeTemp(storage);
    }
  });
});
