// The browser host: serves the built renderer and the contract over a WebSocket on loopback.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Backend } from '../main/services/backend';
import type { Transport } from '../shared/rpc';
import { isInside } from '../main/services/paths';
import {
  contentSecurityPolicy,
  cookieName,
  hostAllowed,
  newToken,
  originAllowed,
  readCookie,
  tokenMatches,
} from './hostSecurity';

/** Largest message a page may send (console input is the biggest legitimate one). */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export interface BrowserHostOptions {
  backend: Backend;
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function websocketTransport(ws: WebSocket): Transport {
  return {
    send: (m) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    },
    // A text message made of the caller's JSON bytes, sent as fragments of one message (nothing parsed,
    // serialised or joined again: a large answer is never copied whole).
    sendJson: (head, parts, tail) => {
      if (ws.readyState !== ws.OPEN) return;
      ws.send(head, { binary: false, fin: false });
      for (const p of parts) ws.send(p, { binary: false, fin: false });
      ws.send(tail, { binary: false, fin: true });
    },
    onMessage: (listener) =>
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        let msg: unknown;
        try {
          msg = JSON.parse(data.toString());
        } catch {
          return; // not JSON: not a message of ours
        }
        listener(msg);
      }),
    onClose: (listener) => ws.on('close', listener),
    close: () => ws.close(),
  };
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${status} ${text}\n`);
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const token = opts.token ?? newToken();
  // Loopback only, always: remote users reach it through an SSH tunnel, never over the network.
  const bindHost = '127.0.0.1';
  const rendererDir = await realpath(opts.rendererDir);
  let port = 0;

  const authorised = (req: IncomingMessage) => tokenMatches(token, readCookie(req, cookieName(port)));

  async function serveFile(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    } catch {
      return refuse(res, 400, 'Bad Request'); // a malformed %-escape: not a path of ours
    }
    const file = path.resolve(rendererDir, '.' + rel);
    if (!isInside(rendererDir, file) || rel.includes('\0')) return refuse(res, 404, 'Not Found');
    let body: Buffer;
    try {
      if (!(await stat(file)).isFile()) return refuse(res, 404, 'Not Found');
      body = await readFile(file);
    } catch {
      return refuse(res, 404, 'Not Found');
    }
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': contentSecurityPolicy(req.headers.host!),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    });
    res.end(body);
  }

  const server = createServer((req, res) => {
    if (!hostAllowed(req, port) || !originAllowed(req, port, false)) return refuse(res, 403, 'Forbidden');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const given = url.searchParams.get('tkn');
    if (given !== null) {
      if (!tokenMatches(token, given)) return refuse(res, 401, 'Unauthorized');
      // Trade the URL token for a cookie and drop it from the address bar (and from history).
      url.searchParams.delete('tkn');
      res.writeHead(302, {
        'Set-Cookie': `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    if (!authorised(req)) return refuse(res, 401, 'Unauthorized');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method Not Allowed');
    serveFile(req, res, url.pathname).catch(() => refuse(res, 500, 'Internal Server Error'));
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    if (!hostAllowed(req, port) || !originAllowed(req, port, true)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (!authorised(req)) return refuseUpgrade(socket, 401, 'Unauthorized');
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/rpc') return refuseUpgrade(socket, 404, 'Not Found');
    wss.handleUpgrade(req, socket, head, (ws) => opts.backend.connect(websocketTransport(ws)));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, bindHost, () => resolve());
  });
  const addr = server.address();
  port = typeof addr === 'object' && addr ? addr.port : 0;

  return {
    url: `http://${bindHost}:${port}/?tkn=${token}`,
    port,
    token,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
