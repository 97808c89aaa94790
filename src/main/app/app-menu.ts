import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/ipc';

/**
 * The application menu. Shortcuts are shown here but handled by the window itself
 * (`registerAccelerator: false`), so typing in a field is never hijacked; choosing an item with
 * the mouse sends the same command to the window.
 *
 * The View menu is spelled out rather than `{ role: 'viewMenu' }`: Electron's default submenu for
 * that role (lib/browser/api/menu-item-roles.ts, `viewmenu`) is reload, forceReload,
 * toggleDevTools, resetZoom, zoomIn, zoomOut, togglefullscreen — and a role item registers its
 * accelerator (Ctrl/Cmd+R, Ctrl+Shift+I / Alt+Cmd+I), so a released app would reload on Ctrl+R
 * and open DevTools. Those three are for development only. `{ role: 'windowMenu' }` stays: its
 * default submenu is minimize, zoom and close (or "Bring All to Front" on macOS), nothing more.
 */
export function buildMenuTemplate(
  send: (command: MenuCommand) => void,
  platform: NodeJS.Platform = process.platform,
  options: { developer: boolean } = { developer: false },
): MenuItemConstructorOptions[] {
  const command = (label: string, accelerator: string, name: MenuCommand): MenuItemConstructorOptions => ({
    label,
    accelerator,
    registerAccelerator: false,
    click: () => send(name),
  });
  const appMenu: MenuItemConstructorOptions[] =
    platform === 'darwin'
      ? [
          {
            role: 'appMenu',
            submenu: [
              { role: 'about' },
              { type: 'separator' },
              command('Settings…', 'CmdOrCtrl+,', 'settings'),
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          },
        ]
      : [];
  return [
    ...appMenu,
    {
      label: 'File',
      submenu: [
        command('New Session', 'CmdOrCtrl+N', 'newSession'),
        command('Add Folder…', 'CmdOrCtrl+Shift+O', 'addFolder'),
        command('Open in DAW', 'Enter', 'openSelected'),
        { type: 'separator' },
        command('Delete Session…', 'Delete', 'deleteSelected'),
        ...(platform === 'darwin'
          ? []
          : [
              { type: 'separator' } as const,
              command('Settings…', 'CmdOrCtrl+,', 'settings'),
              { role: 'quit' } as const,
            ]),
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        command('Find…', 'CmdOrCtrl+F', 'find'),
      ],
    },
    {
      label: 'View',
      submenu: [
        ...(options.developer
          ? ([
              { role: 'reload' },
              { role: 'forceReload' },
              { role: 'toggleDevTools' },
              { type: 'separator' },
            ] as const)
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
}

/** `developer`: the dev build (electron-vite dev server), which also gets Reload and DevTools. */
export function installAppMenu(getWindow: () => BrowserWindow | null, options: { developer: boolean }): void {
  const send = (command: MenuCommand): void => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send('menu:command', { command });
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(send, process.platform, options)));
}
