// "Restore…" in the desktop app, with `electron` mocked: the library is replaced through the IPC
// channel the window calls, the core is closed and opened again, the handlers are registered anew
// on the restored library, and the window reloads once the answer is out.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../src/shared/result';
import { makeTempDir, removeTempDirs } from '../helpers/library-files';

const electron = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  class FakeWebContents {
    reloads = 0;
    readonly sent: string[] = [];
    readonly session = { setPermissionRequestHandler() {}, setPermissionCheckHandler() {} };
    on() {}
    getURL() {
      return '';
    }
    setWindowOpenHandler() {}
    send(channel: string) {
      this.sent.push(channel);
    }
    reload() {
      this.reloads++;
    }
  }
  class FakeBrowserWindow {
    static created: FakeBrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    constructor() {
      FakeBrowserWindow.created.push(this);
    }
    once() {}
    on() {}
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    isMaximized() {
      return false;
    }
    getNormalBounds() {
      return { x: 0, y: 0, width: 1200, height: 800 };
    }
    show() {}
    focus() {}
    restore() {}
    maximize() {}
    minimize() {}
    async loadFile() {}
    async loadURL() {}
  }
  return {
    FakeBrowserWindow,
    handlers: new Map<string, Listener>(),
    appListeners: new Map<string, Listener>(),
    paths: { userData: '', logs: '', temp: '' } as Record<string, string>,
  };
});

vi.mock('electron', () => ({
  BrowserWindow: electron.FakeBrowserWindow,
  ipcMain: {
    handle: (channel: string, handler: (...args: unknown[]) => unknown) => {
      if (electron.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      electron.handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
  app: {
    requestSingleInstanceLock: () => true,
    releaseSingleInstanceLock: vi.fn(),
    quit: vi.fn(),
    exit: vi.fn(),
    focus: vi.fn(),
    enableSandbox: vi.fn(),
    on: (event: string, listener: (...args: unknown[]) => unknown) =>
      electron.appListeners.set(event, listener),
    whenReady: () => Promise.resolve(),
    isPackaged: true,
    getPath: (name: string) => electron.paths[name] ?? electron.paths.temp,
    setPath: vi.fn(),
    getAppPath: () => electron.paths.temp,
  },
  Menu: { buildFromTemplate: vi.fn(), setApplicationMenu: vi.fn() },
  screen: { getAllDisplays: () => [] },
  shell: { openPath: vi.fn(), showItemInFolder: vi.fn(), openExternal: vi.fn() },
  dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showErrorBox: vi.fn() },
  Tray: vi.fn(),
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  nativeImage: { createFromBitmap: vi.fn() },
}));

import { startDesktop } from '../../src/main/app/desktop-app';

afterEach(async () => {
  // Quits the app's way: the API stops and the library closes.
  const quit = electron.appListeners.get('before-quit');
  if (quit) {
    quit({ preventDefault() {} });
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  electron.handlers.clear();
  electron.appListeners.clear();
  electron.FakeBrowserWindow.created.length = 0;
  removeTempDirs();
});

/** Calls a channel as the window's top frame showing our own page would. */
async function invoke<T>(channel: string, ...args: unknown[]): Promise<T> {
  const window = electron.FakeBrowserWindow.created[0]!;
  const handler = electron.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  const event = {
    sender: window.webContents,
    senderFrame: { parent: null, url: 'file:///opt/SessionDock/resources/app.asar/out/renderer/index.html' },
  };
  const result = (await handler(event, ...args)) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 10_000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('"Restore…" in the desktop app', () => {
  it('closes the library, swaps it, opens the restored one with new handlers, and reloads the window', async () => {
    const root = makeTempDir('sessiondock-desktop-restore-');
    for (const name of ['userData', 'logs', 'temp']) {
      electron.paths[name] = join(root, name);
      mkdirSync(electron.paths[name]!);
    }
    startDesktop([]);
    await until(
      () => electron.handlers.has('library:restore') && electron.FakeBrowserWindow.created.length > 0,
    );
    const window = electron.FakeBrowserWindow.created[0]!;

    await invoke('sessions:create', { title: 'Alpha' });
    const backup = await invoke<{ path: string }>('library:backUpNow');
    await invoke('sessions:create', { title: 'Bravo' });
    const listBefore = electron.handlers.get('sessions:list');

    const restored = await invoke<{ restoredFrom: string; previous: { kind: string } }>(
      'library:restore',
      backup.path,
    );
    expect(restored.restoredFrom).toBe(backup.path);
    expect(restored.previous.kind).toBe('pre-restore');
    // The answer comes first; the reload right after it.
    expect(window.webContents.reloads).toBe(0);
    await until(() => window.webContents.reloads === 1);

    expect(electron.handlers.get('sessions:list')).not.toBe(listBefore);
    const list = await invoke<{ data: { title: string }[] }>('sessions:list', {});
    expect(list.data.map((session) => session.title)).toEqual(['Alpha']);
    const view = await invoke<{ backups: { kind: string }[] }>('library:view');
    expect(view.backups.map((entry) => entry.kind).sort()).toEqual(['daily', 'pre-restore']);
    // The restored library takes writes.
    await invoke('sessions:create', { title: 'Charlie' });
  });

  it('a refused restore leaves the library open as it was, and the window alone', async () => {
    const root = makeTempDir('sessiondock-desktop-restore-');
    for (const name of ['userData', 'logs', 'temp']) {
      electron.paths[name] = join(root, name);
      mkdirSync(electron.paths[name]!);
    }
    startDesktop([]);
    await until(
      () => electron.handlers.has('library:restore') && electron.FakeBrowserWindow.created.length > 0,
    );
    const window = electron.FakeBrowserWindow.created[0]!;
    await invoke('sessions:create', { title: 'Alpha' });
    const listBefore = electron.handlers.get('sessions:list');

    await expect(invoke('library:restore', join(root, 'missing.sqlite'))).rejects.toThrow(
      /^library:restore: invalid_input there is no backup file at /,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(window.webContents.reloads).toBe(0);
    expect(electron.handlers.get('sessions:list')).toBe(listBefore);
    const list = await invoke<{ data: { title: string }[] }>('sessions:list', {});
    expect(list.data.map((session) => session.title)).toEqual(['Alpha']);
  });
});
