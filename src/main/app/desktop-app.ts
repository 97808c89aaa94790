import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { app, dialog, screen, shell, type BrowserWindow, type Tray } from 'electron';
import type { Logger } from '../core/adapters';
import { ApiServer } from '../core/api/api-server';
import { localApiView } from '../core/api/api-status';
import { restoreLibrary } from '../core/backups/restore-library';
import { createCore, type Core } from '../core/create-core';
import { createIpcHandlers, type ShellAdapters } from '../ipc/handlers';
import { forwardCoreEvents } from '../ipc/forward-events';
import { registerIpcHandlers } from '../ipc/register-handlers';
import { installAppMenu } from './app-menu';
import { appFiles } from './app-files';
import { createFileLogger } from './file-logger';
import { bringToFront, createWindowFocus } from './focus-adapter';
import { createMainWindow } from './main-window';
import { handleMediaProtocol, registerMediaScheme } from './media-protocol';
import { electronOpener, electronShellAdapters } from './shell-adapters';
import { unchosenNoSandbox } from './sandbox-guard';
import { createSmokeTest, smokeTimeoutFromEnv, SMOKE_TEST_FLAG, type SmokeTest } from './smoke-test';
import { createApiTray, hasTrayHost } from './tray';
import { isLocalApiDocsUrl, isTrustedSender } from './trusted-sender';
import { loadWindowState, restorableBounds, saveWindowState } from './window-state';

/**
 * The desktop app's lifecycle: one instance (a second launch focuses the first), the core and
 * its Local API, the hardened window, the menu, and the tray while the API outlives the window.
 * Runs synchronously from the entry: everything Electron allows only before `ready` happens here.
 */
export function startDesktop(argv: readonly string[] = process.argv): void {
  const sandboxProblem = unchosenNoSandbox(argv, process.env);
  if (sandboxProblem) {
    dialog.showErrorBox('SessionDock will not run without its sandbox', sandboxProblem);
    process.stderr.write(`SessionDock: ${sandboxProblem}\n`);
    app.exit(1);
    return;
  }
  const smokeTest = argv.includes(SMOKE_TEST_FLAG);
  // A throwaway library for the smoke test. userData also keys the single-instance lock, so a
  // smoke test runs beside a SessionDock that is already open.
  if (smokeTest) app.setPath('userData', mkdtempSync(join(app.getPath('temp'), 'sessiondock-smoke-')));
  // userData holds the library (productName: …/SessionDock, the folder headless mode uses);
  // Chromium's caches and storage go to a sub-folder instead of beside library.sqlite.
  app.setPath('sessionData', join(app.getPath('userData'), 'Chromium'));
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
  let smoke: SmokeTest | null = null;
  let quitState: 'running' | 'closing' | 'closed' = 'running';
  let exitCode = 0;
  let apiStarted: Promise<void> = Promise.resolve();
  const files = appFiles(app.getAppPath());
  const rendererUrl =
    !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : null;
  const getWindow = (): BrowserWindow | null => (window && !window.isDestroyed() ? window : null);
  const keepsApiInBackground = (): boolean =>
    Boolean(core?.settings.get().keepApiInBackground && api?.baseUrl() && !smokeTest);

  const openWindow = (): void => {
    if (getWindow()) return bringToFront(window!);
    const dataDir = app.getPath('userData');
    const saved = loadWindowState(dataDir);
    window = createMainWindow({
      preloadPath: files.preload,
      rendererUrl,
      rendererFile: files.renderer,
      developer: rendererUrl !== null,
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
    if (smoke) watchForSmokeFailures(created, smoke);
    created.on('close', (event) => {
      // Where no tray can show (GNOME without AppIndicator), a window closed while the API keeps
      // running would leave nothing to bring it back: minimise it instead.
      if (quitState === 'running' && keepsApiInBackground() && !hasTrayHost(process.platform, process.env)) {
        event.preventDefault();
        created.minimize();
        return;
      }
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
    const keep = keepsApiInBackground() && !getWindow() && quitState === 'running';
    if (keep && baseUrl && !tray) tray = createApiTray(baseUrl, { show: openWindow, quit: () => app.quit() });
    if (!keep && tray) {
      tray.destroy();
      tray = null;
    }
  };

  /** Ends the app after its normal quit path (API closed, library closed) with this code. */
  const finish = (code: number): void => {
    exitCode = code;
    app.quit();
  };

  app.on('second-instance', () => (getWindow() ? bringToFront(window!) : openWindow()));

  let unregisterIpc: (() => void) | null = null;
  let stopForwarding: (() => void) | null = null;

  /**
   * Opens the library and everything on it: the core, its Local API, the window's IPC handlers and
   * events. At start, and again after "Restore…" replaced the library. False when the library
   * cannot be opened (the app then explains and quits).
   */
  const openLibrary = (logger: Logger): boolean => {
    try {
      core = createCore({
        dataDir: app.getPath('userData'),
        opener: electronOpener,
        windowFocus: createWindowFocus(getWindow),
        logger,
      });
    } catch (error) {
      failToOpenLibrary(error, logger);
      return false;
    }
    const openedCore = core;
    api = new ApiServer(openedCore, smokeTest ? { modeOverride: 'read-only', portOverride: 0 } : {});
    const server = api;
    if (smokeTest && !smoke) {
      smoke = createSmokeTest({
        checkApi: async () => {
          await apiStarted;
          return checkHealth(server, openedCore);
        },
        finish,
        print: (line) => process.stdout.write(`${line}\n`),
        timeoutMs: smokeTimeoutFromEnv(process.env),
      });
    }
    const handlers = createIpcHandlers(openedCore, server, {
      ...electronShellAdapters(getWindow),
      ...libraryDialogs(getWindow),
      // Closes this core, swaps the file, opens the restored library, and reloads the window
      // once the answer is on its way.
      restoreLibrary: (path) =>
        restoreLibrary(openedCore, path, {
          closeCore: closeLibrary,
          reopenCore: async () => {
            if (openLibrary(logger)) setTimeout(() => getWindow()?.webContents.reload(), 0);
          },
        }),
      rendered: (report) => {
        logger.info('window rendered the library', { ...report });
        smoke?.rendered(report);
      },
    });
    unregisterIpc = registerIpcHandlers(handlers, (event) =>
      isTrustedSender(event, getWindow(), rendererUrl),
    );
    stopForwarding = forwardCoreEvents(openedCore, server, (event, payload) =>
      getWindow()?.webContents.send(event, payload),
    );
    // The window does not wait for the Local API: it opens at once and hears when the API is up.
    // A port in use is shown in Settings (status.problem), not a reason to stop the app.
    apiStarted = server.start().then(
      () => getWindow()?.webContents.send('localApi:changed', localApiView(openedCore, server.apiStatus())),
      (error: unknown) => {
        logger.warn('Local API not started', { error: String(error) });
        smoke?.fail(`the Local API did not start: ${String(error)}`);
      },
    );
    return true;
  };

  /** Before "Restore…" swaps the file: nothing may use the library any more, and it closes cleanly. */
  const closeLibrary = async (): Promise<void> => {
    unregisterIpc?.();
    unregisterIpc = null;
    stopForwarding?.();
    stopForwarding = null;
    await apiStarted;
    await api?.stop();
    core?.close();
  };

  void app.whenReady().then(async () => {
    const logger = openLogger();
    if (!openLibrary(logger)) return;
    installAppMenu(getWindow, { developer: rendererUrl !== null });
    handleMediaProtocol(() => core);
    openWindow();
    app.on('activate', openWindow);
  });

  app.on('window-all-closed', () => {
    if (quitState === 'running' && keepsApiInBackground()) {
      updateTray();
      return;
    }
    app.quit();
  });

  // The smoke test's throwaway library goes with it (best effort: Chromium may still hold a file).
  if (smokeTest) {
    app.on('quit', () => {
      try {
        rmSync(app.getPath('userData'), { recursive: true, force: true, maxRetries: 2 });
      } catch {
        // A leftover temporary folder is not worth a failed smoke test.
      }
    });
  }

  app.on('before-quit', (event) => {
    if (quitState === 'closed' || !core) return;
    // Let in-flight API requests finish (for a bounded time) and close the library before exiting.
    event.preventDefault();
    if (quitState === 'closing') return;
    quitState = 'closing';
    tray?.destroy();
    tray = null;
    const stopped = api?.stop() ?? Promise.resolve();
    void stopped
      .catch((error: unknown) => core?.logger.error('Local API shutdown failed', { error: String(error) }))
      .finally(() => {
        core?.close();
        quitState = 'closed';
        if (exitCode === 0) app.quit();
        else app.exit(exitCode);
      });
  });

  /** The file log, or stderr when the logs folder cannot be written (the library may still open). */
  function openLogger(): Logger {
    try {
      return createFileLogger(app.getPath('logs'));
    } catch {
      return {
        info: () => {},
        warn: (message) => process.stderr.write(`SessionDock: ${message}\n`),
        error: (message) => process.stderr.write(`SessionDock: ${message}\n`),
      };
    }
  }

  /**
   * A library that cannot be opened (made by a newer SessionDock, a failed migration, a data
   * folder that cannot be written) is explained, then the app exits: never an invisible process
   * holding the single-instance lock.
   */
  function failToOpenLibrary(error: unknown, logger: Logger): void {
    const reason = error instanceof Error ? error.message : String(error);
    const where = app.getPath('userData');
    logger.error('library could not be opened', { dataDir: where, error: reason });
    if (smokeTest) {
      process.stdout.write(`SessionDock smoke test FAILED: the library could not be opened: ${reason}\n`);
    } else {
      dialog.showErrorBox(
        'SessionDock could not open its library',
        `${reason}\n\nLibrary folder: ${where}\n\nSessionDock will now quit. Your library file was not changed.`,
      );
    }
    app.releaseSingleInstanceLock();
    app.exit(1);
  }
}

/** The smoke test fails at once when the page cannot load, its preload throws or its renderer dies. */
function watchForSmokeFailures(window: BrowserWindow, smoke: SmokeTest): void {
  const contents = window.webContents;
  contents.on('did-fail-load', (_event, code, description, url) =>
    smoke.fail(`the window could not load ${url}: ${description} (${code})`),
  );
  contents.on('preload-error', (_event, path, error) =>
    smoke.fail(`the preload ${path} failed: ${error.message}`),
  );
  contents.on('render-process-gone', (_event, details) =>
    smoke.fail(`the renderer process is gone: ${details.reason}`),
  );
}

/** The smoke test's API check: health over real HTTP with the library's own token. */
async function checkHealth(api: ApiServer, core: Core): Promise<string> {
  const url = `${api.baseUrl()}/health`;
  const response = await fetch(url, { headers: { Authorization: `Bearer ${core.token.current()}` } });
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  const health = (await response.json()) as { data?: { status?: string; effectiveMode?: string } };
  return `the Local API answered GET ${url}: ${response.status} (status ${health.data?.status}, ${health.data?.effectiveMode})`;
}

/** Settings → Library's file dialogs, modal to the window. */
function libraryDialogs(
  getWindow: () => BrowserWindow | null,
): Pick<ShellAdapters, 'chooseBackupFile' | 'chooseExportPath' | 'chooseImportFile'> {
  const open = async (options: Electron.OpenDialogOptions): Promise<string | null> => {
    const window = getWindow();
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  return {
    chooseBackupFile: (folder) =>
      open({
        title: 'Restore the library from a backup',
        defaultPath: folder,
        buttonLabel: 'Restore…',
        properties: ['openFile'],
        filters: [{ name: 'SessionDock backups', extensions: ['sqlite'] }],
      }),
    chooseImportFile: () =>
      open({
        title: 'Import sessions from a SessionDock export',
        properties: ['openFile'],
        filters: [{ name: 'SessionDock export (JSON)', extensions: ['json'] }],
      }),
    async chooseExportPath(format) {
      const options: Electron.SaveDialogOptions = {
        title: format === 'json' ? 'Export the library as JSON' : 'Export the sessions as CSV',
        defaultPath: `SessionDock library ${new Date().toISOString().slice(0, 10)}.${format}`,
        filters: [{ name: format === 'json' ? 'JSON' : 'CSV', extensions: [format] }],
      };
      const window = getWindow();
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
