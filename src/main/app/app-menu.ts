import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/ipc';

/**
 * The application menu. Shortcuts are shown here but handled by the window itself
 * (`registerAccelerator: false`), so typing in a field is never hijacked; choosing an item with
 * the mouse sends the same command to the window.
 */
export function buildMenuTemplate(
  send: (command: MenuCommand) => void,
  platform: NodeJS.Platform = process.platform,
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
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
}

export function installAppMenu(getWindow: () => BrowserWindow | null): void {
  const send = (command: MenuCommand): void => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send('menu:command', { command });
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(send)));
}
