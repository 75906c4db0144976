// The browser host over real HTTP and WebSocket on 127.0.0.1: token and cookie, Host and Origin
// checks, static files, and the contract over /rpc down to real consoles.
import { request } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Backend } from '../../src/main/services/backend';
import { descendants, isAlive } from '../../src/main/services/processTree';
import { startBrowserHost, type BrowserHost } from '../../src/server/browserHost';
import { writeBundle } from '../../src/main/services/bundles/bundleWriter';
import { copySample, removeTemp, waitUntil } from '../support/backend';

const INDEX_HTML =
  '<!doctype html><title>gopsy test page</title><script type="module" src="/app.js"></script>\n';

interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw GET (fetch would not let us set Host or send `..` in the path). */
function get(port: number, urlPath: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        method: 'GET',
        headers: { Host: `127.0.0.1:${port}`, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

type Frame =
  | { t: 'res'; id: number; ok: true; result: unknown }
  | { t: 'res'; id: number; ok: false; error: { code: string; message: string } }
  | { t: 'evt'; event: string; payload: unknown };

/** A WebSocket speaking the RPC frames by hand, recording every frame. */
class RawClient {
  readonly frames: Frame[] = [];
  private nextId = 1;
  readonly closed: Promise<void>;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.frames.push(JSON.parse(String(data)) as Frame));
    this.closed = new Promise((resolve) => ws.on('close', () => resolve()));
  }

  async call(method: string, params: unknown): Promise<Extract<Frame, { t: 'res' }>> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ t: 'req', id, method, params }));
    return waitUntil(
      () => this.frames.find((f): f is Extract<Frame, { t: 'res' }> => f.t === 'res' && f.id === id),
      `the answer to ${method}`,
    );
  }

  async result<T>(method: string, params: unknown): Promise<T> {
    const res = await this.call(method, params);
    if (!res.ok) throw new Error(`${method} failed: ${res.error.code} ${res.error.message}`);
    return res.result as T;
  }

  events<T>(event: string): T[] {
    return this.frames
      .filter((f): f is Extract<Frame, { t: 'evt' }> => f.t === 'evt' && f.event === event)
      .map((f) => f.payload as T);
  }
}

/** Opens a WebSocket; resolves with it when open, or with the HTTP status it was refused with. */
function connect(
  port: number,
  headers: Record<string, string>,
  wsPath = '/rpc',
): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${wsPath}`, { headers });
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.on('error', (err) => reject(err));
  });
}

interface ConsoleInfo {
  id: string;
  pid: number;
  title: string;
}

describe('browser host', () => {
  let temp: string;
  let project: string;
  let rendererDir: string;
  let backend: Backend;
  let host: BrowserHost;
  let cookie: string;
  let origin: string;
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    ({ temp, project } = await copySample('host'));
    rendererDir = path.join(temp, 'renderer');
    await mkdir(rendererDir);
    await writeFile(path.join(rendererDir, 'index.html'), INDEX_HTML);
    await writeFile(path.join(rendererDir, 'app.js'), 'console.log("gopsy");\n');
    await writeFile(path.join(temp, 'secret.txt'), 'outside the renderer\n');
    backend = new Backend({ host: 'browser', storageDir: path.join(temp, 'storage'), log: () => {} });
    await backend.openFolder(project);
    host = await startBrowserHost({ backend, rendererDir, port: 0 });
    cookie = `gopsy-tkn-${host.port}=${host.token}`;
    origin = `http://127.0.0.1:${host.port}`;
  });
  afterEach(() => {
    for (const ws of sockets.splice(0)) ws.terminate();
  });
  afterAll(async () => {
    await host?.close();
    await backend?.shutdown();
    await removeTemp(temp);
  });

  async function rpcClient(): Promise<RawClient> {
    const ws = await connect(host.port, { Cookie: cookie, Origin: origin });
    if (typeof ws === 'number') throw new Error(`refused with ${ws}`);
    sockets.push(ws);
    return new RawClient(ws);
  }

  it('listens on 127.0.0.1 only', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?tkn=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
    // The kernel's own table of listening sockets: the port is bound to 127.0.0.1 and nothing else.
    const hexPort = host.port.toString(16).toUpperCase().padStart(4, '0');
    const listening: string[] = [];
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      const text = await readFile(table, 'utf8').catch(() => '');
      for (const line of text.split('\n').slice(1)) {
        const [, local, , state] = line.trim().split(/\s+/);
        if (local?.endsWith(`:${hexPort}`) && state === '0A') listening.push(local);
      }
    }
    expect(listening).toEqual([`0100007F:${hexPort}`]);
  });

  it('refuses requests without the token', async () => {
    const res = await get(host.port, '/');
    expect(res.status).toBe(401);
    expect(res.body).toBe('401 Unauthorized\n');
    expect(res.body).not.toContain('gopsy test page');
    expect((await get(host.port, '/index.html')).status).toBe(401);
    expect((await get(host.port, '/', { Cookie: `gopsy-tkn-${host.port}=wrong` })).status).toBe(401);
    // The cookie of another instance on another port is not ours.
    expect((await get(host.port, '/', { Cookie: `gopsy-tkn-${host.port + 1}=${host.token}` })).status).toBe(
      401,
    );
  });

  it('refuses a wrong token in the URL', async () => {
    const res = await get(host.port, '/?tkn=nope');
    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    const almost = host.token.slice(0, -1) + (host.token.endsWith('A') ? 'B' : 'A');
    expect((await get(host.port, `/?tkn=${almost}`)).status).toBe(401);
  });

  it('trades the URL token for an HttpOnly SameSite=Strict cookie', async () => {
    const res = await get(host.port, `/?tkn=${host.token}&x=1`);
    expect(res.status).toBe(302);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toContain(`gopsy-tkn-${host.port}=${host.token}`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(res.headers.location).toBe('/?x=1');
    expect(res.headers.location).not.toContain(host.token);
  });

  it('serves the page with the cookie, under a strict CSP', async () => {
    const res = await get(host.port, '/', { Cookie: cookie });
    expect(res.status).toBe(200);
    expect(res.body).toBe(INDEX_HTML);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    const scriptSrc = csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const js = await get(host.port, '/app.js', { Cookie: cookie });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get(host.port, '/missing.js', { Cookie: cookie })).status).toBe(404);
  });

  it('refuses foreign Host headers (DNS rebinding)', async () => {
    for (const hostHeader of [
      `evil.example:${host.port}`,
      'evil.example',
      `127.0.0.1:${host.port + 1}`,
      `127.0.0.1.evil.example:${host.port}`,
    ]) {
      const res = await get(host.port, `/?tkn=${host.token}`, { Host: hostHeader, Cookie: cookie });
      expect(res.status, hostHeader).toBe(403);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.body).toBe('403 Forbidden\n');
    }
    expect((await get(host.port, '/', { Host: `localhost:${host.port}`, Cookie: cookie })).status).toBe(200);
  });

  it('refuses foreign Origins', async () => {
    for (const o of [
      'http://evil.example',
      `http://evil.example:${host.port}`,
      `http://localhost:${host.port}`,
      'null',
    ]) {
      const res = await get(host.port, '/', { Origin: o, Cookie: cookie });
      expect(res.status, o).toBe(403);
    }
    expect((await get(host.port, '/', { Origin: origin, Cookie: cookie })).status).toBe(200);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const p of [
      '/../../etc/passwd',
      '/../secret.txt',
      '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%2f..%2f..%2fetc%2fpasswd',
      '/%2fetc%2fpasswd',
      '/index.html%00.js',
    ]) {
      const res = await get(host.port, p, { Cookie: cookie });
      expect(res.status, p).toBe(404);
      expect(res.body, p).not.toContain('root:');
      expect(res.body, p).not.toContain('outside the renderer');
    }
  });

  it('survives a malformed cookie', async () => {
    const res = await get(host.port, '/', { Cookie: `gopsy-tkn-${host.port}=%E0%A4%A` });
    expect(res.status).toBe(401);
    expect(await connect(host.port, { Cookie: `gopsy-tkn-${host.port}=%`, Origin: origin })).toBe(401);
    expect((await get(host.port, '/', { Cookie: cookie })).status).toBe(200);
    expect((await get(host.port, '/', { Cookie: `gopsy-tkn-${host.port}=%; ${cookie}` })).status).toBe(200);
  });

  it('answers a malformed path with 400', async () => {
    const res = await get(host.port, '/%E0%A4%A', { Cookie: cookie });
    expect(res.status).toBe(400);
    expect(res.body).toBe('400 Bad Request\n');
  });

  it('only upgrades /rpc for the cookie holder on our own Origin', async () => {
    expect(await connect(host.port, { Origin: origin })).toBe(401);
    expect(await connect(host.port, { Origin: origin, Cookie: `gopsy-tkn-${host.port}=wrong` })).toBe(401);
    expect(await connect(host.port, { Cookie: cookie, Origin: 'http://evil.example' })).toBe(403);
    expect(await connect(host.port, { Cookie: cookie })).toBe(403); // no Origin: not a browser page of ours
    expect(
      await connect(host.port, { Cookie: cookie, Origin: origin, Host: `evil.example:${host.port}` }),
    ).toBe(403);
    expect(await connect(host.port, { Cookie: cookie, Origin: origin }, '/other')).toBe(404);
    const ws = await connect(host.port, { Cookie: cookie, Origin: origin });
    expect(ws).toBeInstanceOf(WebSocket);
    sockets.push(ws as WebSocket);
  });

  it('answers RPC requests', async () => {
    const c = await rpcClient();
    const info = await c.call('host.info', {});
    expect(info).toEqual({
      t: 'res',
      id: 1,
      ok: true,
      result: { host: 'browser', version: expect.any(String), nativeDialogs: false },
    });
    const current = await c.result<{ root: string; goMod: { path: string } }>('workspace.current', {});
    expect(current.goMod.path).toBe('example.com/inventory');
    const file = await c.result<{ path: string; text: string }>('workspace.readFile', { path: 'main.go' });
    expect(file.text).toBe(await readFile(path.join(project, 'main.go'), 'utf8'));
    expect(await c.result('workspace.resolveLocation', { path: './broken/typeerror.go' })).toEqual({
      path: 'broken/typeerror.go',
    });
    expect(await c.result('workspace.pick', {})).toBeNull(); // no native dialogs in a browser
  });

  it('sends an answer made of JSON parts as one message (a replayed GODEBUG capture with characters cut between parts)', async () => {
    // Events of a capture, with text whose UTF-8 bytes land across the 64 KiB parts the answer is made of.
    const lines = Array.from({ length: 3000 }, (_, seq) =>
      JSON.stringify({ kind: 'output', seq, text: `é✓ line ${seq} `.repeat(5) }),
    );
    const head = JSON.stringify({
      type: 'godebug-capture',
      consoleId: 'c1',
      title: 'go run .',
      commandLine: 'go run .',
      godebug: 'gctrace=1',
      startedAt: '2026-01-01T00:00:00.000Z',
      endedAt: '2026-01-01T00:00:01.000Z',
      truncated: false,
      count: lines.length,
    });
    const file = path.join(temp, 'parts.gopsy');
    const events = {
      path: 'events/parts.jsonl',
      kind: 'events',
      from: { bytes: Buffer.from([head, ...lines].join('\n') + '\n') },
      redact: false,
    } as const;
    await writeBundle(file, [events], { project: { name: 'parts' }, toolchain: null, redactions: [] });
    const c = await rpcClient();
    const { id } = await c.result<{ id: string }>('bundle.open', { path: file });
    const got = await c.result<{ events: unknown[]; skipped: number; warnings: string[] }>(
      'bundle.godebugEvents',
      { id, path: 'events/parts.jsonl' },
    );
    expect(got.events).toEqual(lines.map((l) => JSON.parse(l) as unknown));
    expect(got.skipped).toBe(0);
    expect(got.warnings).toEqual([]);
    await c.result('bundle.close', { id });
  });

  it('refuses unknown methods and malformed params', async () => {
    const c = await rpcClient();
    const expectError = async (method: string, params: unknown, code: string) => {
      const res = await c.call(method, params);
      expect(res.ok, `${method} ${JSON.stringify(params)}`).toBe(false);
      if (!res.ok) expect(res.error.code, `${method} ${JSON.stringify(params)}`).toBe(code);
    };
    await expectError('no.such.method', {}, 'unknown-method');
    await expectError('__proto__', {}, 'unknown-method');
    await expectError('console.resize', { id: 'x', cols: -1, rows: 10 }, 'invalid-params');
    await expectError('console.open', { preset: 'rm -rf /', cols: 80, rows: 24 }, 'invalid-params');
    await expectError('host.info', { extra: true }, 'invalid-params');
    await expectError('workspace.readFile', { path: 42 }, 'invalid-params');
    await expectError('workspace.readFile', { path: 'main.go\0' }, 'invalid-params');
    await expectError('workspace.readFile', { path: '../../etc/passwd' }, 'outside-project');
    await expectError('workspace.readFile', { path: '/etc/passwd' }, 'outside-project');
    await expectError('workspace.readFile', { path: '../secret.txt' }, 'outside-project');
    await expectError('console.input', { id: 'no-such-console', data: 'x' }, 'no-console');
    // Not JSON, or not a request: ignored, and the connection still works.
    c.ws.send('{not json');
    c.ws.send(JSON.stringify({ t: 'res', id: 99, ok: true, result: null }));
    expect((await c.call('host.info', {})).ok).toBe(true);
    expect(c.frames.filter((f) => f.t === 'res' && f.id === 99)).toEqual([]);
  });

  it('runs a build console to its exit', async () => {
    const c = await rpcClient();
    const info = await c.result<ConsoleInfo>('console.open', { preset: 'build', cols: 100, rows: 30 });
    expect(info.title).toBe('go build');
    const exit = await waitUntil(
      () =>
        c
          .events<{ id: string; exitCode: number; stopped: boolean }>('console.exit')
          .find((e) => e.id === info.id),
      'the build to exit',
    );
    expect(exit).toEqual({ id: info.id, exitCode: 0, stopped: false });
    // go build prints nothing on success; the console still told us about it in order.
    const data = c.events<{ id: string; data: string }>('console.data').filter((d) => d.id === info.id);
    expect(data.map((d) => d.data).join('')).not.toContain('error');
    await c.result('console.close', { id: info.id });
    expect((await c.call('console.input', { id: info.id, data: 'x' })).ok).toBe(false);
  });

  it('streams a go test console as acknowledged events', async () => {
    const c = await rpcClient();
    const info = await c.result<ConsoleInfo>('console.open', { preset: 'test', cols: 120, rows: 30 });
    expect(info.title).toBe('go test');
    let acked = 0;
    const exit = await waitUntil(async () => {
      const data = c.events<{ id: string; data: string }>('console.data').filter((d) => d.id === info.id);
      const total = data.reduce((n, d) => n + d.data.length, 0);
      if (total > acked) {
        await c.result('console.ack', { id: info.id, chars: total - acked });
        acked = total;
      }
      return c.events<{ id: string; exitCode: number }>('console.exit').find((e) => e.id === info.id);
    }, 'go test to exit');
    expect(exit.exitCode).toBe(0);
    const output = c
      .events<{ id: string; data: string }>('console.data')
      .filter((d) => d.id === info.id)
      .map((d) => d.data)
      .join('');
    expect(output).toMatch(/ok\s+example\.com\/inventory\/store\s/);
  });

  it('streams console output as events', async () => {
    const c = await rpcClient();
    const info = await c.result<ConsoleInfo>('console.open', { preset: 'shell', cols: 100, rows: 30 });
    const output = () =>
      c
        .events<{ id: string; data: string }>('console.data')
        .filter((d) => d.id === info.id)
        .map((d) => d.data)
        .join('');
    await c.result('console.input', { id: info.id, data: 'echo "gopsy-$((6*7))"; exit 3\r' });
    const exit = await waitUntil(
      () => c.events<{ id: string; exitCode: number }>('console.exit').find((e) => e.id === info.id),
      'the shell to exit',
    );
    expect(exit.exitCode).toBe(3);
    expect(output()).toContain('gopsy-42');
  });

  it('ends a console process tree when the WebSocket closes', async () => {
    const c = await rpcClient();
    const info = await c.result<ConsoleInfo>('console.open', { preset: 'shell', cols: 100, rows: 30 });
    await c.result('console.input', { id: info.id, data: 'sleep 600\r' });
    const comm = (pid: number) =>
      readFile(`/proc/${pid}/comm`, 'utf8').then(
        (s) => s.trim(),
        () => '',
      );
    const tree = await waitUntil(async () => {
      const ds = await descendants(info.pid);
      const names = await Promise.all(ds.map(comm));
      return names.includes('sleep') ? [info.pid, ...ds] : null;
    }, 'sleep 600 to start in the shell');
    expect(tree.every(isAlive)).toBe(true);

    c.ws.close();
    await c.closed;
    await waitUntil(() => !tree.some(isAlive), 'the console processes to end', 30_000);
    expect(tree.filter(isAlive)).toEqual([]);
  });
});
