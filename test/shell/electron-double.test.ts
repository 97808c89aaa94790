// The Electron test double itself (test/shell/electron-double): it must refuse what Electron
// refuses, or the built-app test would pass code that Electron rejects.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ROOT } from './electron-double/load-built-main';
import { ElectronDouble } from './electron-double/main-process';

type Electron = {
  app: Record<string, (...args: unknown[]) => unknown>;
  BrowserWindow: new (options: unknown) => unknown;
  protocol: Record<string, (...args: unknown[]) => unknown>;
  ipcMain: Record<string, (...args: unknown[]) => unknown>;
  screen: Record<string, () => unknown>;
};

function double(): { electron: ElectronDouble; module: Electron } {
  const electron = new ElectronDouble({ appRoot: APP_ROOT, appData: mkdtempSync(join(tmpdir(), 'double-')) });
  return { electron, module: electron.module() as unknown as Electron };
}

const hardened = { webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } };

describe('the Electron test double', () => {
  it('refuses before ready what Electron refuses before ready', () => {
    const { module } = double();
    expect(() => new module.BrowserWindow(hardened)).toThrow(
      'BrowserWindow cannot be used before the app is ready',
    );
    expect(() => module.protocol.handle!('x', () => new Response())).toThrow('before the app is ready');
    expect(() => module.screen.getAllDisplays!()).toThrow("The 'screen' module");
  });

  it('refuses after ready what Electron allows only before it', () => {
    const { electron, module } = double();
    electron.emitReady();
    expect(() => module.protocol.registerSchemesAsPrivileged!([])).toThrow('before app is ready');
    expect(() => module.app.enableSandbox!()).toThrow('before app is ready');
    expect(() => module.app.setPath!('sessionData', '/tmp/x')).toThrow('before the app is ready');
  });

  it('refuses a second IPC handler, unhardened windows and anything it does not provide', () => {
    const { electron, module } = double();
    electron.emitReady();
    module.ipcMain.handle!('a:b', () => null);
    expect(() => module.ipcMain.handle!('a:b', () => null)).toThrow("second handler for 'a:b'");
    expect(
      () => new module.BrowserWindow({ webPreferences: { sandbox: false, contextIsolation: true } }),
    ).toThrow('only sandboxed');
    expect(() => (module as unknown as Record<string, unknown>).autoUpdater).toThrow(
      'electron.autoUpdater is not part of the double',
    );
  });

  it('names userData after package.json productName, as Electron does', () => {
    const { electron, module } = double();
    expect(module.app.getPath!('userData')).toBe(join(electron.options.appData, 'SessionDock'));
  });
});
