// The desktop window's security settings, read without an Electron binary (none runs here).
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  ELECTRON_CSP,
  WEB_PREFERENCES,
  folderFromArgv,
  isTrustedUrl,
} from '../../../src/main/electron/windowSecurity';

/** The CSP's directives by name. */
function directives(csp: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of csp.split(';')) {
    const [name, ...values] = d.trim().split(/\s+/);
    if (name) out.set(name, values);
  }
  return out;
}

describe('WEB_PREFERENCES', () => {
  it('isolates and sandboxes the page', () => {
    expect(WEB_PREFERENCES.contextIsolation).toBe(true);
    expect(WEB_PREFERENCES.sandbox).toBe(true);
    expect(WEB_PREFERENCES.nodeIntegration).toBe(false);
    expect(WEB_PREFERENCES.nodeIntegrationInWorker).toBe(false);
    expect(WEB_PREFERENCES.webSecurity).toBe(true);
    expect(WEB_PREFERENCES.allowRunningInsecureContent).toBe(false);
  });
});

describe('ELECTRON_CSP', () => {
  const csp = directives(ELECTRON_CSP);

  it('allows only our own scripts', () => {
    const scriptSrc = csp.get('script-src');
    expect(scriptSrc).toEqual(["'self'"]);
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
  });

  it('falls back to self and forbids plugins, framing and base changes', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(ELECTRON_CSP).not.toContain("'unsafe-eval'");
    expect(csp.get('connect-src')).not.toContain('*');
  });
});

describe('isTrustedUrl', () => {
  it('accepts our own page', () => {
    expect(APP_ORIGIN).toBe('app://gopsy');
    expect(isTrustedUrl('app://gopsy/index.html')).toBe(true);
    expect(isTrustedUrl('app://gopsy/')).toBe(true);
    expect(isTrustedUrl('app://gopsy/assets/index-abc.js?x=1#y')).toBe(true);
  });

  it('rejects every other page', () => {
    for (const url of [
      'app://evil',
      'app://evil/index.html',
      'app://gopsy.evil/index.html',
      'app://gopsy:8080/index.html',
      'app://user:pw@gopsy/index.html',
      'apps://gopsy/index.html',
      'https://gopsy',
      'https://gopsy/index.html',
      'http://127.0.0.1:5173/',
      'file:///tmp/index.html',
      'file:///',
      'data:text/html,<script>1</script>',
      'javascript:alert(1)',
      'about:blank',
      'garbage',
      '',
    ]) {
      expect(isTrustedUrl(url), url).toBe(false);
    }
  });

  it('accepts the dev server only when one is given, and only its origin', () => {
    const dev = 'http://localhost:5173';
    expect(isTrustedUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isTrustedUrl('app://gopsy/index.html', dev)).toBe(true);
    expect(isTrustedUrl('http://localhost:5174/index.html', dev)).toBe(false);
    expect(isTrustedUrl('http://127.0.0.1:5173/index.html', dev)).toBe(false);
    expect(isTrustedUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/', 'not a url')).toBe(false);
    // Opaque origins are all 'null': a file: dev "server" must not let every file: page in.
    expect(isTrustedUrl('file:///tmp/evil.html', 'file:///tmp/dev/index.html')).toBe(false);
    expect(isTrustedUrl('data:text/html,x', 'file:///tmp/dev/index.html')).toBe(false);
  });
});

describe('folderFromArgv', () => {
  it('finds --gopsy-open=DIR', () => {
    expect(folderFromArgv(['/usr/bin/electron', '.', '--gopsy-open=/home/me/proj'])).toBe('/home/me/proj');
    expect(folderFromArgv(['x', '--gopsy-open=/a b/c=d'])).toBe('/a b/c=d');
    expect(folderFromArgv(['x', '--gopsy-open=/first', '--gopsy-open=/second'])).toBe('/first');
  });

  it('returns null without it', () => {
    expect(folderFromArgv([])).toBeNull();
    expect(folderFromArgv(['electron', '.', '/home/me/proj'])).toBeNull();
    expect(folderFromArgv(['--gopsy-open='])).toBeNull();
    expect(folderFromArgv(['--gopsy-open', '/home/me/proj'])).toBeNull();
    expect(folderFromArgv(['--gopsy-opener=/x'])).toBeNull();
  });
});
