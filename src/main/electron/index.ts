// The Electron entry: one window, served from app://, talking to the services over a MessagePort.
// Everything else (services, contract, validation) is shared with the browser host.
import { app, BrowserWindow, MessageChannelMain, dialog, ipcMain, protocol, session, net } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Backend } from '../services/backend';
import { isInside } from '../services/paths';
import { decodeParts, type Transport } from '../../shared/rpc';
import { APP_ORIGIN, APP_SCHEME, ELECTRON_CSP, WEB_PREFERENCES, bundleFromArgv, folderFromArgv, isTrustedUrl } from './windowSecurity';
import { installMenu, pickBundleFile, saveBundleFile } from './menu';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const rendererDir = path.join(__dirname, '../renderer');
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
let mainWindow: BrowserWindow | null = null;

const backend = new Backend({
  host: 'electron',
  storageDir: path.join(app.getPath('userData'), 'storage'),
  onFolderOpened: () => void installMenu(menuDeps),
  dialogs: {
    pickFolder: async () => {
      const opts = { title: 'Open Go project folder', properties: ['openDirectory' as const] };
      const res = await (mainWindow ? dialog.showOpenDialog(mainWindow, opts) : dialog.showOpenDialog(opts));
      return res.canceled ? null : (res.filePaths[0] ?? null);
    },
    pickBundle: () => pickBundleFile(mainWindow),
    saveBundle: (defaultName) => saveBundleFile(mainWindow, defaultName),
  },
});

const menuDeps = { backend, window: () => mainWindow };

function portTransport(port: Electron.MessagePortMain): Transport {
  return {
    send: (m) => port.postMessage(m),
    // A frame that is JSON text already goes as a string (the renderer's transport parses strings):
    // cheaper than parsing it here to have it cloned as objects.
    sendJson: (head, parts, tail) => port.postMessage(head + decodeParts(parts) + tail),
    onMessage: (l) => port.on('message', (e) => l(e.data)),
    onClose: (l) => port.on('close', l),
    close: () => port.close(),
  };
}

function serveAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (req) => {
    const url = new URL(req.url);
    const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = path.resolve(rendererDir, '.' + rel);
    if (url.host !== 'gopsy' || !isInside(rendererDir, file)) return new Response('Not Found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', ELECTRON_CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'gopsy',
    show: false,
    webPreferences: { ...WEB_PREFERENCES, preload: path.join(__dirname, '../preload/index.js') },
  });
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => (mainWindow = null));
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e, url) => {
    if (!isTrustedUrl(url, devServerUrl)) e.preventDefault();
  });
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
}

// The preload asks for a port; only our own page gets one.
ipcMain.on('gopsy:connect', (event) => {
  if (!event.senderFrame || !isTrustedUrl(event.senderFrame.url, devServerUrl)) return;
  const { port1, port2 } = new MessageChannelMain();
  backend.connect(portTransport(port1));
  port1.start();
  event.sender.postMessage('gopsy:port', null, [port2]);
});

app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  serveAppProtocol();
  // A bundle named on the command line opens on its own (a replay needs no project); otherwise the
  // folder named there, else the last one used.
  const bundle = bundleFromArgv(process.argv);
  if (bundle) await backend.bundles.openFile(bundle).catch((err: Error) => dialog.showErrorBox('Could not open the session', err.message));
  const folder = bundle ? null : (folderFromArgv(process.argv) ?? (await backend.settings.read()).recentFolders[0]);
  if (folder) await backend.openFolder(folder).catch((err: Error) => console.error(`gopsy: ${err.message}`));
  await installMenu(menuDeps);
  createWindow();
});

app.on('window-all-closed', () => app.quit());
app.on('before-quit', (e) => {
  // End every console's process tree before the app goes.
  e.preventDefault();
  app.removeAllListeners('before-quit');
  void backend.shutdown().finally(() => app.quit());
});
