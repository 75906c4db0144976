// The browser host's access rules: loopback Host headers only (DNS-rebinding defence), a matching
// Origin, and a per-run random token carried in the first URL and then in an HttpOnly cookie.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieName(port: number): string {
  // Cookies are shared across ports of one host, so each instance names its own.
  return `gopsy-tkn-${port}`;
}

export function readCookie(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    // Cookies for 127.0.0.1 are shared by every local port, so any local page can plant a malformed
    // one: decodeURIComponent throws on it, and in the request handler that ended the whole host.
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      continue;
    }
  }
  return null;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** True when the Host header names this server on a loopback name (not an attacker's DNS name). */
export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return !!host && LOOPBACK_NAMES.some((n) => host === `${n}:${port}`);
}

/** An Origin header, when present, must be this server itself. */
export function originAllowed(req: IncomingMessage, port: number, required: boolean): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return !required;
  return LOOPBACK_NAMES.some((n) => origin === `http://${n}:${port}`) && origin === `http://${req.headers.host}`;
}

/** The page's Content-Security-Policy: our own scripts only, no inline script, sockets to ourselves. */
export function contentSecurityPolicy(hostHeader: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'", // Monaco injects its styles at run time
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ws://${hostHeader}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
