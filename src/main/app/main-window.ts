import { BrowserWindow, type Rectangle, type WebPreferences } from 'electron';

/**
 * The window's security settings: an isolated, sandboxed renderer with no Node, talking to main
 * only through the preload bridge. DevTools exist only in development (`npm run dev`), like the
 * menu's Reload and Toggle Developer Tools.
 */
export function mainWindowWebPreferences(preloadPath: string, developer = false): WebPreferences {
  return {
    preload: preloadPath,
    devTools: developer,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: true,
    // Drag-and-drop of project files is handled by the page, never by navigation.
    navigateOnDragDrop: false,
  };
}

export interface MainWindowOptions {
  preloadPath: string;
  /** The dev server URL, or null to load the built file. */
  rendererUrl: string | null;
  rendererFile: string;
  bounds: Partial<Rectangle> | null;
  maximized: boolean;
  /** Links the window may hand to the system browser (the Local API's /docs), never open itself. */
  openExternal?: (url: string) => void;
  /** Development (the dev server): DevTools allowed. */
  developer?: boolean;
}

/** Creates the hardened library window: no navigation, no new windows, no permissions. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: options.bounds?.width ?? 1280,
    height: options.bounds?.height ?? 800,
    ...(options.bounds?.x !== undefined && options.bounds?.y !== undefined
      ? { x: options.bounds.x, y: options.bounds.y }
      : {}),
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#0d0f13',
    title: 'SessionDock',
    webPreferences: mainWindowWebPreferences(options.preloadPath, options.developer ?? false),
  });
  hardenContents(window, options.openExternal);
  window.once('ready-to-show', () => {
    if (options.maximized) window.maximize();
    window.show();
  });
  if (options.rendererUrl) void window.loadURL(options.rendererUrl);
  else void window.loadFile(options.rendererFile);
  return window;
}

/** Writing to the clipboard (Copy token, Copy URL) is the one permission the window gets. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

/**
 * Denies navigation away from the app, new windows (a link the shell trusts goes to the system
 * browser instead), webviews, and every permission request but clipboard writes.
 *
 * `will-navigate` fires for every navigation the page starts in the main frame — Electron's
 * navigation throttle emits it from WillStartRequest for renderer-initiated main-frame requests,
 * which includes `location.reload()` (the dev server's full reload) — but not for in-page (#hash)
 * ones. The one navigation allowed is a reload of the page's own URL (`contents.getURL()`,
 * compared without the #hash); another file, origin or path, javascript: and data: are prevented.
 */
export function hardenContents(window: BrowserWindow, openExternal?: (url: string) => void): void {
  const contents = window.webContents;
  contents.on('will-navigate', (event) => {
    if (!isCurrentPage(event.url, contents.getURL())) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternal?.(url);
    return { action: 'deny' };
  });
  contents.session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission)),
  );
  contents.session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
}

/** True when `url` is the page now loaded (`current`), the #hash aside. Unparsable: false. */
function isCurrentPage(url: string, current: string): boolean {
  const target = withoutHash(url);
  return target !== null && target === withoutHash(current);
}

function withoutHash(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}
