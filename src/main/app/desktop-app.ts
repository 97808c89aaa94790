import { join } from 'node:path';
import { app, screen, shell, type BrowserWindow, type Tray } from 'electron';
import { ApiServer } from '../core/api/api-server';
import { createCore, type Core } from '../core/create-core';
import { createIpcHandlers } from '../ipc/handlers';
import { forwardCoreEvents } from '../ipc/forward-events';
import { registerIpcHandlers } from '../ipc/register-handlers';
import { installAppMenu } from './app-menu';
import { createFileLogger } from './file-logger';
import { bringToFront, createWindowFocus } from './focus-adapter';
import { createMainWindow } from './main-window';
import { handleMediaProtocol, registerMediaScheme } from './media-protocol';
import { electronOpener, electronShellAdapters } from './shell-adapters';
import { createApiTray } from './tray';
import { isLocalApiDocsUrl, isTrustedSender } from './trusted-sender';
import { loadWindowState, restorableBounds, saveWindowState } from './window-state';

/**
 * The desktop app's lifecycle: one instance (a second launch focuses the first), the core and
 * its Local API, the hardened window, the menu, and the tray while the API outlives the window.
 */
export function startDesktop(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  registerMediaScheme();

  let core: Core | null = null;
  let api: ApiServer | null = null;
  let window: BrowserWindow | null = null;
  let tray: Tray | null = null;
  let quitting = false;
  const rendererUrl =
    !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : null;
  const getWindow = (): BrowserWindow | null => (window && !window.isDestroyed() ? window : null);

  const openWindow = (): void => {
    if (getWindow()) return bringToFront(window!);
    const dataDir = app.getPath('userData');
    const saved = loadWindowState(dataDir);
    window = createMainWindow({
      preloadPath: join(__dirname, '../preload/index.js'),
      rendererUrl,
      rendererFile: join(__dirname, '../renderer/index.html'),
      bounds: restorableBounds(
        saved,
        screen.getAllDisplays().map((display) => display.workArea),
      ),
      maximized: saved?.maximized ?? false,
      openExternal: (url) => {
        if (isLocalApiDocsUrl(url, api?.port() ?? null)) void shell.openExternal(url);
      },
    });
    const created = window;
    created.on('close', () => {
      saveWindowState(dataDir, { bounds: created.getNormalBounds(), maximized: created.isMaximized() });
    });
    created.on('closed', () => {
      window = null;
      updateTray();
    });
    tray?.destroy();
    tray = null;
  };

  /** The tray shows only while the API keeps running with no window. */
  const updateTray = (): void => {
    const baseUrl = api?.baseUrl();
    const keep = core?.settings.get().keepApiInBackground && baseUrl && !getWindow();
    if (keep && !tray) tray = createApiTray(baseUrl, { show: openWindow, quit: () => app.quit() });
    if (!keep && tray) {
      tray.destroy();
      tray = null;
    }
  };

  app.on('second-instance', () => (getWindow() ? bringToFront(window!) : openWindow()));

  void app.whenReady().then(async () => {
    const logger = createFileLogger(app.getPath('logs'));
    core = createCore({
      dataDir: app.getPath('userData'),
      opener: electronOpener,
      windowFocus: createWindowFocus(getWindow),
      logger,
    });
    api = new ApiServer(core);
    const handlers = createIpcHandlers(core, api, electronShellAdapters(getWindow));
    registerIpcHandlers(handlers, (event) => isTrustedSender(event, getWindow(), rendererUrl));
    forwardCoreEvents(core, api, (event, payload) => getWindow()?.webContents.send(event, payload));
    installAppMenu(getWindow);
    handleMediaProtocol(() => core);
    // A port in use is shown in Settings (status.problem), not a reason to stop the app.
    await api
      .start()
      .catch((error: unknown) => logger.warn('Local API not started', { error: String(error) }));
    openWindow();
    app.on('activate', openWindow);
  });

  app.on('window-all-closed', () => {
    if (core?.settings.get().keepApiInBackground && api?.baseUrl()) {
      updateTray();
      return;
    }
    app.quit();
  });

  app.on('before-quit', (event) => {
    if (quitting || !core) return;
    // Let in-flight API requests finish and close the library before exiting.
    event.preventDefault();
    quitting = true;
    tray?.destroy();
    void (api?.stop() ?? Promise.resolve()).finally(() => {
      core?.close();
      app.quit();
    });
  });
}
