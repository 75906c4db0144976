// The desktop window's security settings and checks, kept apart from the Electron entry so that
// tests can read them without an Electron binary.

/** The custom scheme the renderer is served from (workers and fetch need a real origin, not file://). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://gopsy`;

export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  spellcheck: false,
} as const;

export const ELECTRON_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // Monaco injects its styles at run time
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Only our own page may talk to the backend: the app:// origin, or the dev server while developing. */
export function isTrustedUrl(url: string, devServerUrl?: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  // Node's URL gives every non-special scheme (app:, file:, javascript:) the opaque origin 'null', so
  // comparing u.origin with APP_ORIGIN refused our own page; compare the scheme and host instead.
  if (u.protocol === `${APP_SCHEME}:` && u.host === 'gopsy' && !u.username && !u.password) return true;
  if (devServerUrl) {
    try {
      const dev = new URL(devServerUrl).origin;
      return dev !== 'null' && u.origin === dev; // 'null' would match any file: or data: page
    } catch {
      return false;
    }
  }
  return false;
}

/** The bundle named by `gopsy open FILE.gopsy`, passed on as --gopsy-bundle=FILE. */
export function bundleFromArgv(argv: string[]): string | null {
  for (const a of argv) if (a.startsWith('--gopsy-bundle=')) return a.slice('--gopsy-bundle='.length) || null;
  return null;
}

/** The folder named on the command line as --gopsy-open=DIR. */
export function folderFromArgv(argv: string[]): string | null {
  for (const a of argv) if (a.startsWith('--gopsy-open=')) return a.slice('--gopsy-open='.length) || null;
  return null;
}
