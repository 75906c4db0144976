// The application menu: File ▸ Open Folder (native dialog) and Open Recent.
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
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
