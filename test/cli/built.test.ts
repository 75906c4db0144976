// The built `gopsy` command (bin/gopsy.js → out/main/cli.js), as a user runs it. The CLI loads each
// command's module only when it runs, from chunks next to it: every command must still be found, and
// the paths the commands derive from where they are (the renderer, the bundled sample) must hold.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { copySample, makeTemp, removeTemp, waitUntil } from '../support/backend';

const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin/gopsy.js');

function gopsy(args: string[], cwd = REPO): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: 120_000 }, (error, out, err) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, out, err });
    });
  });
}

let temp: string;
let project: string;

beforeAll(async () => {
  if (!existsSync(path.join(REPO, 'out/main/cli.js'))) throw new Error('run npm run build first (these tests run the built CLI)');
  ({ temp, project } = await copySample('cli-built'));
});
afterAll(() => removeTemp(temp));

test('--help lists every command with its summary', async () => {
  const r = await gopsy(['--help']);
  expect(r.code).toBe(0);
  for (const name of ['start', 'open', 'serve', 'capture', 'godebug', 'ssa', 'binary', 'inspect', 'diff', 'remarks', 'explain', 'compile-cost', 'version']) {
    expect(r.out).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
  }
  expect((await gopsy(['help', 'capture'])).out).toContain('Usage: gopsy capture [DIR]');
});

test('a word that is no command is refused, also one every object has', async () => {
  for (const word of ['nosuch', 'constructor', '__proto__', 'toString']) {
    const r = await gopsy([word]);
    expect(r.code, word).toBe(2);
    expect(r.err).toContain(`unknown command ${word}`);
  }
});

test('serve with no folder serves the bundled sample from the built renderer', async () => {
  const storage = await makeTemp('cli-built-storage');
  const urlFile = path.join(storage, 'url');
  const child = spawn(process.execPath, [BIN, 'serve', '--storage', storage, '--url-file', urlFile], { cwd: temp, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  try {
    await waitUntil(() => existsSync(urlFile) && out.includes('Workbench available at'), 'gopsy serve to start');
    expect(out).toContain(`serving ${path.join(REPO, 'resources/samples/inventory')}`);
    // The URL's token is traded for a cookie on a redirect; the page itself needs the cookie.
    const url = (await readFile(urlFile, 'utf8')).trim();
    const entry = await fetch(url, { redirect: 'manual' });
    const cookie = entry.headers.get('set-cookie')?.split(';')[0];
    expect(cookie).toBeTruthy();
    const page = await fetch(new URL('/', url), { headers: { Cookie: cookie! } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await removeTemp(storage);
  }
});

test('capture --out FILE.gopsy writes a bundle that inspect reads', async () => {
  const bundle = path.join(temp, 'run.gopsy');
  const r = await gopsy(['capture', project, '--profile', 'Diagnose failure', '--out', bundle]);
  expect(r.code, r.err).toBe(0);
  expect(r.err).toContain(`bundle written to ${bundle}`);
  const inspect = await gopsy(['inspect', bundle]);
  expect(inspect.code, inspect.err).toBe(0);
  expect(inspect.out).toContain('project     inventory (example.com/inventory)');
  expect(inspect.out).toMatch(/integrity {3}all \d+ entries match their sha256/);
});
