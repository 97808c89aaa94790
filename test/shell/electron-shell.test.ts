// The Electron shell's own logic, with `electron` mocked: window hardening, IPC registration and
// sender checks, single-instance focusing, the focus adapter, the menu, the window state and the
// media protocol the player streams previews from.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  class FakeWebContents {
    readonly listeners = new Map<string, Listener>();
    windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
    permissionHandler: ((c: unknown, p: string, callback: (granted: boolean) => void) => void) | null = null;
    permissionCheck: ((c: unknown, p: string) => boolean) | null = null;
    readonly sent: [string, unknown][] = [];
    readonly session = {
      setPermissionRequestHandler: (handler: FakeWebContents['permissionHandler']) =>
        (this.permissionHandler = handler),
      setPermissionCheckHandler: (handler: (c: unknown, p: string) => boolean) =>
        (this.permissionCheck = handler),
    };
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
    }
    /** What `getURL()` answers: no page loaded yet, so no navigation is the page's own. */
    url = '';
    getURL() {
      return this.url;
    }
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      this.windowOpenHandler = handler;
    }
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
  }
  class FakeBrowserWindow {
    static created: FakeBrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    readonly calls: string[] = [];
    minimized = false;
    destroyed = false;
    loaded: string | null = null;
    constructor(readonly options: Record<string, unknown>) {
      FakeBrowserWindow.created.push(this);
    }
    once() {}
    on() {}
    isMinimized() {
      return this.minimized;
    }
    isDestroyed() {
      return this.destroyed;
    }
    restore() {
      this.calls.push('restore');
      this.minimized = false;
    }
    show() {
      this.calls.push('show');
    }
    focus() {
      this.calls.push('focus');
    }
    maximize() {}
    async loadFile(file: string) {
      this.loaded = file;
    }
    async loadURL(url: string) {
      this.loaded = url;
    }
  }
  const appListeners = new Map<string, Listener>();
  const handlers = new Map<string, Listener>();
  const protocolHandlers = new Map<string, (request: Request) => Response>();
  const privilegedSchemes: unknown[] = [];
  return {
    protocolHandlers,
    privilegedSchemes,
    FakeBrowserWindow,
    FakeWebContents,
    appListeners,
    handlers,
    lock: true,
    quit: vi.fn(),
  };
});

vi.mock('electron', () => ({
  BrowserWindow: electron.FakeBrowserWindow,
  ipcMain: {
    handle: (channel: string, handler: (...args: unknown[]) => unknown) =>
      electron.handlers.set(channel, handler),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
  app: {
    requestSingleInstanceLock: () => electron.lock,
    quit: electron.quit,
    enableSandbox: vi.fn(),
    on: (event: string, listener: (...args: unknown[]) => unknown) =>
      electron.appListeners.set(event, listener),
    whenReady: () => new Promise(() => {}),
    isPackaged: true,
    getPath: () => tmpdir(),
    setPath: vi.fn(),
    getAppPath: () => tmpdir(),
  },
  Menu: { buildFromTemplate: vi.fn(), setApplicationMenu: vi.fn() },
  screen: { getAllDisplays: () => [] },
  shell: { openPath: vi.fn(), showItemInFolder: vi.fn() },
  dialog: { showOpenDialog: vi.fn() },
  Tray: vi.fn(),
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => electron.privilegedSchemes.push(...schemes),
    handle: (scheme: string, handler: (request: Request) => Response) =>
      electron.protocolHandlers.set(scheme, handler),
  },
  nativeImage: { createFromBitmap: vi.fn() },
}));

import { buildMenuTemplate } from '../../src/main/app/app-menu';
import { startDesktop } from '../../src/main/app/desktop-app';
import { createWindowFocus } from '../../src/main/app/focus-adapter';
import { createMainWindow, mainWindowWebPreferences } from '../../src/main/app/main-window';
import { isLocalApiDocsUrl, isOwnPageUrl, isTrustedSender } from '../../src/main/app/trusted-sender';
import { loadWindowState, restorableBounds, saveWindowState } from '../../src/main/app/window-state';
import { answerMediaRequest, mediaUrl, MEDIA_SCHEME } from '../../src/main/app/media-protocol';
import { registerIpcHandlers } from '../../src/main/ipc/register-handlers';
import { createTempCore } from '../helpers/temp-core';
import type { IpcHandlers } from '../../src/main/ipc/handlers';
import type { BrowserWindow } from 'electron';

type FakeWindow = InstanceType<typeof electron.FakeBrowserWindow>;
const asWindow = (window: FakeWindow) => window as unknown as BrowserWindow;

beforeEach(() => {
  electron.FakeBrowserWindow.created.length = 0;
  electron.handlers.clear();
  electron.appListeners.clear();
  electron.quit.mockClear();
  electron.lock = true;
});

describe('the main window', () => {
  it('is isolated, sandboxed and has no Node', () => {
    expect(mainWindowWebPreferences('/app/preload/index.js', true).devTools).toBe(true);
    expect(mainWindowWebPreferences('/app/preload/index.js')).toMatchObject({
      preload: '/app/preload/index.js',
      devTools: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    createMainWindow({
      preloadPath: '/p.js',
      rendererUrl: null,
      rendererFile: '/r/index.html',
      bounds: null,
      maximized: false,
    });
    const window = electron.FakeBrowserWindow.created[0]!;
    expect(window.options.webPreferences).toEqual(mainWindowWebPreferences('/p.js'));
    expect(window.loaded).toBe('/r/index.html');
  });

  it('denies navigation, redirects, webviews, new windows and every permission', () => {
    createMainWindow({
      preloadPath: '/p.js',
      rendererUrl: null,
      rendererFile: '/r/index.html',
      bounds: null,
      maximized: false,
    });
    const contents = electron.FakeBrowserWindow.created[0]!.webContents;
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      contents.listeners.get(event)!({ preventDefault, url: 'https://evil.example/' });
      expect(preventDefault, event).toHaveBeenCalledOnce();
    }
    expect(
      (contents.windowOpenHandler as (d: { url: string }) => unknown)({ url: 'https://evil.example/' }),
    ).toEqual({
      action: 'deny',
    });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      contents.permissionHandler!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect((contents.permissionCheck as (c: unknown, p: string) => boolean)({}, permission)).toBe(false);
    }
    const clipboard = vi.fn();
    contents.permissionHandler!({}, 'clipboard-sanitized-write', clipboard);
    expect(clipboard).toHaveBeenCalledWith(true);
  });

  it('hands only the Local API reference to the system browser; every new window is denied', () => {
    const opened: string[] = [];
    createMainWindow({
      preloadPath: '/p.js',
      rendererUrl: null,
      rendererFile: '/r/index.html',
      bounds: null,
      maximized: false,
      openExternal: (url) => {
        if (isLocalApiDocsUrl(url, 18432)) opened.push(url);
      },
    });
    const handler = electron.FakeBrowserWindow.created[0]!.webContents.windowOpenHandler as (d: {
      url: string;
    }) => unknown;
    for (const url of [
      'http://127.0.0.1:18432/docs',
      'https://evil.example/',
      'http://127.0.0.1:9999/docs',
      'file:///etc/passwd',
      'http://127.0.0.1:18432/api/v1/sessions',
    ]) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['http://127.0.0.1:18432/docs']);
  });
});

describe('IPC sender validation', () => {
  const ownUrl = 'file:///Applications/SessionDock.app/Contents/Resources/app/out/renderer/index.html';

  it('accepts only our window, top frame, our own page', () => {
    const window = new electron.FakeBrowserWindow({});
    const frame = (url: string, parent: unknown = null) => ({ url, parent });
    const event = (sender: unknown, senderFrame: unknown) => ({ sender, senderFrame }) as never;
    const w = asWindow(window);
    expect(isTrustedSender(event(window.webContents, frame(ownUrl)), w, null)).toBe(true);
    expect(isTrustedSender(event(new electron.FakeWebContents(), frame(ownUrl)), w, null)).toBe(false);
    expect(isTrustedSender(event(window.webContents, frame(ownUrl, {})), w, null)).toBe(false);
    expect(isTrustedSender(event(window.webContents, frame('https://evil.example/')), w, null)).toBe(false);
    expect(isTrustedSender(event(window.webContents, frame('file:///tmp/other.html')), w, null)).toBe(false);
    expect(isTrustedSender(event(window.webContents, null), w, null)).toBe(false);
    expect(isTrustedSender(event(window.webContents, frame(ownUrl)), null, null)).toBe(false);
    window.destroyed = true;
    expect(isTrustedSender(event(window.webContents, frame(ownUrl)), w, null)).toBe(false);
  });

  it('in development trusts only the dev server origin', () => {
    expect(isOwnPageUrl('http://localhost:5173/index.html', 'http://localhost:5173')).toBe(true);
    expect(isOwnPageUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isOwnPageUrl(ownUrl, 'http://localhost:5173')).toBe(false);
    expect(isOwnPageUrl('not a url', null)).toBe(false);
  });

  it('registers every channel through one helper and refuses untrusted senders before the handler', async () => {
    const calls: unknown[][] = [];
    const handlers = {
      'sessions:get': async (...args: unknown[]) => {
        calls.push(args);
        return { ok: true, value: 'session' };
      },
      'tags:counts': async () => ({ ok: true, value: [] }),
    } as unknown as IpcHandlers;
    let trusted = false;
    const unregister = registerIpcHandlers(handlers, () => trusted);
    expect([...electron.handlers.keys()].sort()).toEqual(['sessions:get', 'tags:counts']);

    const invoke = electron.handlers.get('sessions:get')!;
    expect(await invoke({}, 'session_1')).toEqual({
      ok: false,
      error: { code: 'forbidden_origin', message: 'IPC refused: the sender is not the SessionDock window.' },
    });
    expect(calls).toEqual([]);
    trusted = true;
    expect(await invoke({}, 'session_1')).toEqual({ ok: true, value: 'session' });
    expect(calls).toEqual([['session_1']]);
    unregister();
    expect(electron.handlers.size).toBe(0);
  });
});

describe('single instance', () => {
  it('a second launch quits at once', () => {
    electron.lock = false;
    startDesktop();
    expect(electron.quit).toHaveBeenCalledOnce();
    expect(electron.appListeners.has('second-instance')).toBe(false);
  });

  it('the first instance listens for second launches', () => {
    startDesktop();
    expect(electron.quit).not.toHaveBeenCalled();
    expect(electron.appListeners.has('second-instance')).toBe(true);
  });
});

describe('the focus adapter', () => {
  it('restores a minimised window, shows and focuses it, and asks the window to select the session', async () => {
    const window = new electron.FakeBrowserWindow({});
    window.minimized = true;
    const focus = createWindowFocus(() => asWindow(window), 'linux');
    expect(await focus.focusSession('session_42')).toBe(true);
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
    expect(window.webContents.sent).toEqual([['window:focusSession', { id: 'session_42' }]]);
  });

  it('answers false when the window is gone (the API then says focus_failed)', async () => {
    const window = new electron.FakeBrowserWindow({});
    window.destroyed = true;
    expect(await createWindowFocus(() => asWindow(window)).focusSession('session_1')).toBe(false);
    expect(await createWindowFocus(() => null).focusSession('session_1')).toBe(false);
    expect(window.calls).toEqual([]);
  });
});

describe('the application menu', () => {
  it('shows the shortcuts, leaves them to the window, and sends commands when clicked', () => {
    const sent: string[] = [];
    const template = buildMenuTemplate((command) => sent.push(command), 'linux');
    const items = template.flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu : []));
    const byLabel = new Map(items.filter((item) => item.label).map((item) => [item.label!, item]));
    const expected: [string, string, string][] = [
      ['New Session', 'CmdOrCtrl+N', 'newSession'],
      ['Find…', 'CmdOrCtrl+F', 'find'],
      ['Settings…', 'CmdOrCtrl+,', 'settings'],
      ['Open in DAW', 'Enter', 'openSelected'],
      ['Delete Session…', 'Delete', 'deleteSelected'],
    ];
    for (const [label, accelerator, command] of expected) {
      const item = byLabel.get(label)!;
      expect(item.accelerator).toBe(accelerator);
      expect(item.registerAccelerator).toBe(false);
      (item.click as () => void)();
      expect(sent.at(-1)).toBe(command);
    }
  });
});

describe('window state', () => {
  it('is remembered, and a position off every display keeps only the size', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sessiondock-shell-'));
    expect(loadWindowState(dir)).toBeNull();
    saveWindowState(dir, { bounds: { x: 100, y: 80, width: 1400, height: 900 }, maximized: true });
    const state = loadWindowState(dir);
    expect(state).toEqual({ bounds: { x: 100, y: 80, width: 1400, height: 900 }, maximized: true });
    const display = { x: 0, y: 0, width: 1920, height: 1080 };
    expect(restorableBounds(state, [display])).toEqual({ x: 100, y: 80, width: 1400, height: 900 });
    expect(restorableBounds({ ...state!, bounds: { ...state!.bounds, x: 4000 } }, [display])).toEqual({
      width: 1400,
      height: 900,
    });
  });
});

describe('the media protocol', () => {
  it('is registered as a streaming scheme before the app is ready', () => {
    electron.privilegedSchemes.length = 0;
    startDesktop();
    expect(electron.privilegedSchemes).toEqual([
      expect.objectContaining({
        scheme: MEDIA_SCHEME,
        privileges: expect.objectContaining({ stream: true }),
      }),
    ]);
  });

  it("serves only a session's preview files, with Range, and 404 for anything else", async () => {
    const temp = createTempCore();
    try {
      const wav = join(temp.dir, 'Mix.wav');
      writeFileSync(wav, Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256)));
      const session = temp.core.sessions.create({ title: 'Song' });
      const preview = temp.core.previews.attach(session.id, { path: wav });
      const url = mediaUrl(session.id, preview.id);
      expect(url.startsWith(`${MEDIA_SCHEME}://`)).toBe(true);

      const whole = await answerMediaRequest(temp.core, new Request(url));
      expect(whole.status).toBe(200);
      expect(whole.headers.get('content-type')).toBe('audio/wav');
      expect((await whole.arrayBuffer()).byteLength).toBe(1000);

      const part = await answerMediaRequest(
        temp.core,
        new Request(url, { headers: { range: 'bytes=10-19' } }),
      );
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe('bytes 10-19/1000');
      expect([...new Uint8Array(await part.arrayBuffer())]).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);

      const beyond = await answerMediaRequest(
        temp.core,
        new Request(url, { headers: { range: 'bytes=5000-' } }),
      );
      expect(beyond.status).toBe(416);

      for (const bad of [
        `${MEDIA_SCHEME}://preview/${session.id}/preview_unknown`,
        `${MEDIA_SCHEME}://preview/session_unknown/${preview.id}`,
        `${MEDIA_SCHEME}://preview/%E0%A4%A/${preview.id}`,
        `${MEDIA_SCHEME}://preview/${encodeURIComponent('/etc/passwd')}`,
      ]) {
        expect((await answerMediaRequest(temp.core, new Request(bad))).status, bad).toBe(404);
      }
      expect((await answerMediaRequest(null, new Request(url))).status).toBe(404);
    } finally {
      temp.cleanup();
    }
  });
});
