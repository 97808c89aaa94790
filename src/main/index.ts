// The Electron shell: app lifecycle and the window. All product logic lives in ./core.
import { join } from 'node:path';
import { app, BrowserWindow, shell } from 'electron';
import { ApiServer } from './core/api/api-server';
import { createCore, type Core } from './core/create-core';

if (process.argv.includes('--headless')) {
  // The packaged app's `sessiondock --headless`: the same entry as `npm run headless`.
  void import('./headless');
} else {
  startDesktop();
}

function startDesktop(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let core: Core | null = null;
  let api: ApiServer | null = null;
  let window: BrowserWindow | null = null;

  const createWindow = (): BrowserWindow => {
    const created = new BrowserWindow({
      width: 1280,
      height: 800,
      minWidth: 960,
      minHeight: 600,
      show: false,
      backgroundColor: '#111317',
      title: 'SessionDock',
      webPreferences: {
        preload: join(__dirname, '../preload/index.js'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
      },
    });
    created.once('ready-to-show', () => created.show());
    created.webContents.on('will-navigate', (event) => event.preventDefault());
    created.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    created.webContents.session.setPermissionRequestHandler((_contents, _permission, callback) =>
      callback(false),
    );
    if (process.env.ELECTRON_RENDERER_URL) void created.loadURL(process.env.ELECTRON_RENDERER_URL);
    else void created.loadFile(join(__dirname, '../renderer/index.html'));
    return created;
  };

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });

  void app.whenReady().then(async () => {
    core = createCore({
      dataDir: app.getPath('userData'),
      opener: {
        async openPath(path) {
          const error = await shell.openPath(path);
          if (error) throw new Error(error);
        },
      },
      windowFocus: {
        async focusSession() {
          if (!window || window.isDestroyed()) return false;
          if (window.isMinimized()) window.restore();
          window.show();
          window.focus();
          return true;
        },
      },
    });
    api = new ApiServer(core);
    await api.start().catch((error: unknown) => core?.diagnostics.record(`Local API: ${String(error)}`));
    window = createWindow();
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void api?.stop();
    core?.close();
  });
}
