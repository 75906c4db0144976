// Access: everything that should be refused by the browser host and the services is tried, counted,
// and must be refused: requests without or with a wrong token, foreign Host/Origin, WebSocket
// upgrades without credentials, path traversal over HTTP and over RPC, malformed RPC frames.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import WebSocket from 'ws';
import { GopsyError } from '../../src/shared/rpc';
import { copySample, removeTemp } from '../support/backend';
import { startTestHost, type TestHost } from './host';
import { recordTrial, saveTrials } from './trials';

let temp: string;
let project: string;
let th: TestHost;

beforeAll(async () => {
  ({ temp, project } = await copySample('access'));
  await symlink('/etc', path.join(project, 'etc-link'));
  th = await startTestHost(project);
});
afterAll(async () => {
  await th?.close();
  await removeTemp(temp);
  saveTrials('access');
});

function status(urlPath: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: th.host.port, path: urlPath, headers, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

function upgrade(headers: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${th.host.port}/rpc`, { headers });
    ws.once('open', () => (ws.close(), resolve('open')));
    ws.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
    ws.once('error', () => resolve('error'));
  });
}

describe('access attempts', () => {
  it('HTTP requests without valid credentials or from foreign names are refused', async () => {
    const port = th.host.port;
    const cookie = `gopsy-tkn-${port}=${th.host.token}`;
    const host = `127.0.0.1:${port}`;
    const attempts: Array<[string, string, Record<string, string>, number]> = [
      ['no token', '/', { Host: host }, 401],
      ['wrong token in URL', '/?tkn=AAAA', { Host: host }, 401],
      ['wrong cookie', '/', { Host: host, Cookie: `gopsy-tkn-${port}=wrong` }, 401],
      ['cookie of another port', '/', { Host: host, Cookie: `gopsy-tkn-1=${th.host.token}` }, 401],
      ['malformed cookie', '/', { Host: host, Cookie: `gopsy-tkn-${port}=%` }, 401],
      ['foreign Host (DNS rebinding)', '/', { Host: `evil.example:${port}`, Cookie: cookie }, 403],
      ['foreign Host with the token', `/?tkn=${th.host.token}`, { Host: `evil.example:${port}` }, 403],
      ['loopback Host, wrong port', '/', { Host: '127.0.0.1:1', Cookie: cookie }, 403],
      ['foreign Origin', '/', { Host: host, Cookie: cookie, Origin: 'http://evil.example' }, 403],
      ['traversal ../', '/../../../etc/passwd', { Host: host, Cookie: cookie }, 404],
      ['traversal encoded', '/%2e%2e/%2e%2e/etc/passwd', { Host: host, Cookie: cookie }, 404],
      ['traversal double-encoded', '/%252e%252e/etc/passwd', { Host: host, Cookie: cookie }, 404],
      ['traversal backslash', '/..%5c..%5cetc%5cpasswd', { Host: host, Cookie: cookie }, 404],
      ['bad escape', '/%E0%A4%A', { Host: host, Cookie: cookie }, 400],
    ];
    const wrong: string[] = [];
    for (const [name, p, h, want] of attempts) {
      const got = await status(p, h);
      if (got !== want) wrong.push(`${name}: ${got} (want ${want})`);
    }
    recordTrial({
      area: 'access',
      what: 'HTTP requests to the browser host without the token, with a wrong one, with foreign Host/Origin headers, with path traversal',
      cases: attempts.length,
      outcome: wrong.length === 0 ? `all ${attempts.length} refused with the expected status (401/403/404/400)` : `not refused as expected: ${wrong.join('; ')}`,
      ok: wrong.length === 0,
    });
    expect(wrong).toEqual([]);
  });

  it('WebSocket upgrades without credentials or with a foreign Origin are refused', async () => {
    const port = th.host.port;
    const cookie = `gopsy-tkn-${port}=${th.host.token}`;
    const origin = `http://127.0.0.1:${port}`;
    const attempts: Array<[string, Record<string, string>, string]> = [
      ['no token', { Origin: origin }, '401'],
      ['wrong token', { Origin: origin, Cookie: `gopsy-tkn-${port}=nope` }, '401'],
      ['no Origin', { Cookie: cookie }, '403'],
      ['foreign Origin', { Cookie: cookie, Origin: 'http://evil.example' }, '403'],
      ['null Origin', { Cookie: cookie, Origin: 'null' }, '403'],
      ['foreign Host', { Cookie: cookie, Origin: origin, Host: `evil.example:${port}` }, '403'],
    ];
    const wrong: string[] = [];
    for (const [name, h, want] of attempts) {
      const got = await upgrade(h);
      if (got !== want) wrong.push(`${name}: ${got} (want ${want})`);
    }
    expect(await upgrade({ Cookie: cookie, Origin: origin })).toBe('open');
    recordTrial({
      area: 'access',
      what: 'WebSocket upgrades without the token, with a wrong one, without or with a foreign Origin or Host',
      cases: attempts.length,
      outcome: wrong.length === 0 ? `all ${attempts.length} refused before the upgrade; the page's own upgrade is accepted` : wrong.join('; '),
      ok: wrong.length === 0,
    });
    expect(wrong).toEqual([]);
  });

  it('no service reads outside the project', async () => {
    const { client } = await th.connect();
    const attempts = [
      '../inventory-outside',
      '../../etc/passwd',
      '/etc/passwd',
      'store/../../../etc/passwd',
      'etc-link/passwd',
      'store/\u0000/store.go',
      '..',
      '/',
    ];
    const leaked: string[] = [];
    for (const p of attempts) {
      try {
        const r = await client.call('workspace.readFile', { path: p });
        leaked.push(`${p} → ${r.path}`);
      } catch (err) {
        if (!(err instanceof GopsyError)) leaked.push(`${p} → ${String(err)}`);
      }
      const loc = await client.call('workspace.resolveLocation', { path: p }).catch(() => null);
      if (loc) leaked.push(`resolveLocation ${p} → ${loc.path}`);
      // gopls is asked only about files the editor may read.
      const hover = await client.call('lsp.hover', { path: p, position: { line: 0, character: 0 } }).then(
        (h) => `answered ${JSON.stringify(h)}`,
        (err: unknown) => (err instanceof GopsyError && /outside|not-found|bad-path|invalid-params/.test(err.code) ? null : `${String(err)}`),
      );
      if (hover) leaked.push(`lsp.hover ${p} → ${hover}`);
    }
    recordTrial({
      area: 'access',
      what: 'Path traversal through the RPC (readFile, resolveLocation, lsp.hover): .., absolute paths, a symlink to /etc, NUL bytes',
      cases: attempts.length * 3,
      outcome: leaked.length === 0 ? 'all refused with a clear error; nothing outside the project was read' : leaked.join('; '),
      ok: leaked.length === 0,
    });
    expect(leaked).toEqual([]);
  });

  it('malformed and unknown RPC frames are refused, the connection stays usable', async () => {
    const { client, ws } = await th.connect();
    const frames: unknown[] = [
      'not json',
      { t: 'req', id: 1001, method: 'console.open', params: { preset: 'rm -rf /', cols: 80, rows: 24 } },
      { t: 'req', id: 1002, method: 'console.open', params: { preset: 'shell', cols: 1e9, rows: 24 } },
      { t: 'req', id: 1003, method: 'workspace.readFile', params: { path: 5 } },
      { t: 'req', id: 1004, method: '__proto__', params: {} },
      { t: 'req', id: 1005, method: 'constructor', params: {} },
      { t: 'req', id: 1006, method: 'host.info', params: { extra: true } },
      { t: 'req', id: 1007, method: 'console.input', params: { id: 'x'.repeat(10_000), data: 'x' } },
    ];
    const replies = new Map<number, { ok: boolean; error?: { code: string } }>();
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { t: string; id: number; ok: boolean; error?: { code: string } };
      if (m.t === 'res' && m.id >= 1000) replies.set(m.id, m);
    });
    for (const f of frames) ws.send(typeof f === 'string' ? f : JSON.stringify(f));
    const info = await client.call('host.info', {});
    const accepted = [...replies.values()].filter((r) => r.ok).length;
    recordTrial({
      area: 'access',
      what: 'Malformed RPC frames: not JSON, commands outside the enum, out-of-range sizes, prototype keys as methods, extra params, oversized ids',
      cases: frames.length,
      outcome: `${accepted} accepted, ${replies.size} answered with an error, the rest ignored; the connection kept working (host.info → ${info.host})`,
      ok: accepted === 0,
    });
    expect(accepted).toBe(0);
  });
});
