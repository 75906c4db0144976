// The application menu: File ▸ Open Folder (native dialog), Open Recent, Open Session, Save Session, Storage.
import { Menu, dialog, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { Backend } from '../services/backend';

interface MenuDeps {
  backend: Backend;
  window: () => BrowserWindow | null;
}

async function openFolder(deps: MenuDeps, folder: string): Promise<void> {
  try {
    await deps.backend.openFolder(folder);
  } catch (err) {
    dialog.showErrorBox('Could not open the folder', (err as Error).message);
  }
}

async function pickAndOpen(deps: MenuDeps): Promise<void> {
  const win = deps.window();
  const opts = { title: 'Open Go project folder', properties: ['openDirectory' as const] };
  const res = await (win ? dialog.showOpenDialog(win, opts) : dialog.showOpenDialog(opts));
  if (!res.canceled && res.filePaths[0]) await openFolder(deps, res.filePaths[0]);
}

const BUNDLE_FILTERS = [{ name: 'gopsy session', extensions: ['gopsy'] }];

export async function pickBundleFile(win: BrowserWindow | null): Promise<string | null> {
  const opts = { title: 'Open gopsy session', properties: ['openFile' as const], filters: BUNDLE_FILTERS };
  const res = await (win ? dialog.showOpenDialog(win, opts) : dialog.showOpenDialog(opts));
  return res.canceled ? null : (res.filePaths[0] ?? null);
}

export async function saveBundleFile(win: BrowserWindow | null, defaultName: string): Promise<string | null> {
  const opts = { title: 'Save gopsy session', defaultPath: defaultName, filters: BUNDLE_FILTERS };
  const res = await (win ? dialog.showSaveDialog(win, opts) : dialog.showSaveDialog(opts));
  return res.canceled ? null : (res.filePath ?? null);
}

/** File ▸ Open Session: the bundle opens read-only and every window shows it. */
async function openSession(deps: MenuDeps): Promise<void> {
  const file = await pickBundleFile(deps.window());
  if (!file) return;
  try {
    deps.backend.broadcast('bundle.opened', await deps.backend.bundles.openFile(file));
  } catch (err) {
    dialog.showErrorBox('Could not open the session', (err as Error).message);
  }
}

/** Builds and installs the menu; call again when the recent folders change. */
export async function installMenu(deps: MenuDeps): Promise<void> {
  const recent = (await deps.backend.settings.read()).recentFolders;
  const recentItems: MenuItemConstructorOptions[] = recent.length
    ? recent.map((f) => ({ label: f, click: () => void openFolder(deps, f) }))
    : [{ label: 'No recent folders', enabled: false }];
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'Open Folder…', accelerator: 'CmdOrCtrl+O', click: () => void pickAndOpen(deps) },
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        { label: 'Open Session…', click: () => void openSession(deps) },
        // The preview (sizes, redactions, sources) is the renderer's: it then asks for the file.
        { label: 'Save Session…', accelerator: 'CmdOrCtrl+Shift+S', click: () => deps.backend.broadcast('session.saveRequested', {}) },
        { label: 'Storage…', click: () => deps.backend.broadcast('storage.showRequested', {}) },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
