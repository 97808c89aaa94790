// The shell's per-platform behaviour, with `electron` mocked: the View menu without Reload/DevTools
// in production, the project picker's dialog options, bringing the window to the front on each
// platform, the navigation guard that lets only the page's own reloads through, and whether the
// desktop has a tray host.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, MenuItemConstructorOptions } from 'electron';

const electron = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  /** Every call on a fake window and on `app`, in order. */
  const log: string[] = [];
  class FakeWebContents {
    readonly listeners = new Map<string, Listener>();
    url = '';
    readonly session = {
      setPermissionRequestHandler: () => {},
      setPermissionCheckHandler: () => {},
    };
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
    }
    getURL() {
      return this.url;
    }
    setWindowOpenHandler() {}
    send(channel: string) {
      log.push(`send ${channel}`);
    }
  }
  class FakeBrowserWindow {
    readonly webContents = new FakeWebContents();
    minimized = false;
    alwaysOnTop = false;
    isMinimized() {
      return this.minimized;
    }
    isDestroyed() {
      return false;
    }
    isAlwaysOnTop() {
      return this.alwaysOnTop;
    }
    restore() {
      log.push('restore');
      this.minimized = false;
    }
    show() {
      log.push('show');
    }
    focus() {
      log.push('focus');
    }
    setAlwaysOnTop(flag: boolean) {
      log.push(`setAlwaysOnTop ${flag}`);
      this.alwaysOnTop = flag;
    }
  }
  return {
    log,
    FakeBrowserWindow,
    showOpenDialog: vi.fn(),
    buildFromTemplate: vi.fn((template: unknown) => template),
    setApplicationMenu: vi.fn(),
  };
});

vi.mock('electron', () => ({
  BrowserWindow: electron.FakeBrowserWindow,
  app: {
    focus: (options?: { steal: boolean }) => electron.log.push(`app.focus ${JSON.stringify(options)}`),
  },
  dialog: { showOpenDialog: electron.showOpenDialog },
  shell: { openPath: vi.fn(), showItemInFolder: vi.fn() },
  Menu: { buildFromTemplate: electron.buildFromTemplate, setApplicationMenu: electron.setApplicationMenu },
  Tray: vi.fn(),
  nativeImage: { createFromBitmap: vi.fn() },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
}));

import { buildMenuTemplate, installAppMenu } from '../../src/main/app/app-menu';
import { bringToFront, createWindowFocus } from '../../src/main/app/focus-adapter';
import { hardenContents } from '../../src/main/app/main-window';
import { electronShellAdapters, projectDialogOptions } from '../../src/main/app/shell-adapters';
import { hasTrayHost } from '../../src/main/app/tray';

type FakeWindow = InstanceType<typeof electron.FakeBrowserWindow>;
const asWindow = (window: FakeWindow) => window as unknown as BrowserWindow;

beforeEach(() => {
  electron.log.length = 0;
  electron.showOpenDialog.mockReset();
  electron.setApplicationMenu.mockClear();
});

describe('the View menu', () => {
  const DEVELOPER_ROLES = ['reload', 'forceReload', 'toggleDevTools'];
  /** Every role in the template, submenus included, lower-cased as Electron matches them. */
  const roles = (items: MenuItemConstructorOptions[]): string[] =>
    items.flatMap((item) => [
      ...(item.role ? [item.role.toLowerCase()] : []),
      ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
    ]);
  const viewSubmenu = (template: MenuItemConstructorOptions[]) =>
    (template.find((menu) => menu.label === 'View')!.submenu as MenuItemConstructorOptions[]).map(
      (item) => item.role ?? item.type,
    );

  it('in production has zoom and full screen, and no Reload, Force Reload or DevTools anywhere', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const template of [
        buildMenuTemplate(() => {}, platform),
        buildMenuTemplate(() => {}, platform, { developer: false }),
      ]) {
        expect(viewSubmenu(template), platform).toEqual([
          'resetZoom',
          'zoomIn',
          'zoomOut',
          'separator',
          'togglefullscreen',
        ]);
        const all = roles(template);
        for (const role of [...DEVELOPER_ROLES, 'viewMenu'])
          expect(all, platform).not.toContain(role.toLowerCase());
        // windowMenu's default submenu is minimize, zoom, close / front: no reload or DevTools.
        expect(all).toContain('windowmenu');
      }
    }
  });

  it('in development adds Reload, Force Reload and Toggle Developer Tools', () => {
    const template = buildMenuTemplate(() => {}, 'linux', { developer: true });
    expect(viewSubmenu(template)).toEqual([
      'reload',
      'forceReload',
      'toggleDevTools',
      'separator',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'separator',
      'togglefullscreen',
    ]);
  });

  it('installAppMenu passes the developer flag through', () => {
    installAppMenu(() => null, { developer: false });
    const production = electron.setApplicationMenu.mock.calls[0]![0] as MenuItemConstructorOptions[];
    expect(roles(production)).not.toContain('toggledevtools');
    installAppMenu(() => null, { developer: true });
    const development = electron.setApplicationMenu.mock.calls[1]![0] as MenuItemConstructorOptions[];
    expect(roles(development)).toEqual(expect.arrayContaining(['reload', 'forcereload', 'toggledevtools']));
  });
});

describe('the project picker', () => {
  it('on macOS picks files or folders, and bundles (.logicx, .band) as one item', () => {
    const options = projectDialogOptions('darwin');
    expect(options.properties).toEqual(['openFile', 'openDirectory']);
    expect(options.properties).not.toContain('treatPackageAsDirectory');
  });

  it('on Windows and Linux is a file picker, since openFile + openDirectory there is a folder picker', () => {
    for (const platform of ['win32', 'linux'] as const) {
      expect(projectDialogOptions(platform).properties, platform).toEqual(['openFile']);
    }
  });

  it('filters on the DAW project extensions (no dots), with All files as the fallback', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const [projects, all] = projectDialogOptions(platform).filters!;
      expect(projects!.name).toBe('DAW projects');
      expect(projects!.extensions).toEqual(
        expect.arrayContaining(['als', 'flp', 'rpp', 'cpr', 'logicx', 'band', 'song', 'dawproject']),
      );
      expect(projects!.extensions.every((extension) => !extension.startsWith('.'))).toBe(true);
      expect(all).toEqual({ name: 'All files', extensions: ['*'] });
    }
  });

  it("chooseProjectPath opens the platform's dialog, modal to the window, and returns the choice", async () => {
    const window = new electron.FakeBrowserWindow();
    electron.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['C:\\Music\\Song.als'] });
    const adapters = electronShellAdapters(() => asWindow(window), 'win32');
    expect(await adapters.chooseProjectPath()).toBe('C:\\Music\\Song.als');
    expect(electron.showOpenDialog).toHaveBeenCalledWith(window, projectDialogOptions('win32'));

    electron.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    expect(await electronShellAdapters(() => null, 'darwin').chooseProjectPath()).toBeNull();
    expect(electron.showOpenDialog).toHaveBeenLastCalledWith(projectDialogOptions('darwin'));
  });
});

describe('bringing the window to the front', () => {
  const minimised = () => {
    const window = new electron.FakeBrowserWindow();
    window.minimized = true;
    return window;
  };

  it('on macOS makes the app active even when another app is', () => {
    bringToFront(asWindow(minimised()), 'darwin');
    expect(electron.log).toEqual(['restore', 'show', 'app.focus {"steal":true}', 'focus']);
  });

  it('on Windows raises the window through the topmost band around focus()', () => {
    const window = minimised();
    bringToFront(asWindow(window), 'win32');
    expect(electron.log).toEqual(['restore', 'show', 'setAlwaysOnTop true', 'focus', 'setAlwaysOnTop false']);
    expect(window.alwaysOnTop).toBe(false);
  });

  it('on Windows leaves a window that is already always on top pinned', () => {
    const window = new electron.FakeBrowserWindow();
    window.alwaysOnTop = true;
    bringToFront(asWindow(window), 'win32');
    expect(electron.log).toEqual(['show', 'focus']);
    expect(window.alwaysOnTop).toBe(true);
  });

  it('on Linux restores, shows and focuses', () => {
    bringToFront(asWindow(minimised()), 'linux');
    expect(electron.log).toEqual(['restore', 'show', 'focus']);
  });

  it('a window that is not minimised is not restored', () => {
    bringToFront(asWindow(new electron.FakeBrowserWindow()), 'darwin');
    expect(electron.log).toEqual(['show', 'app.focus {"steal":true}', 'focus']);
  });

  it('the Local API focus adapter uses the same sequence, then selects the session', async () => {
    const window = minimised();
    expect(await createWindowFocus(() => asWindow(window), 'darwin').focusSession('session_7')).toBe(true);
    expect(electron.log).toEqual([
      'restore',
      'show',
      'app.focus {"steal":true}',
      'focus',
      'send window:focusSession',
    ]);
  });
});

describe('the navigation guard', () => {
  const navigate = (pageUrl: string, url: string): boolean => {
    const window = new electron.FakeBrowserWindow();
    window.webContents.url = pageUrl;
    hardenContents(asWindow(window));
    const preventDefault = vi.fn();
    window.webContents.listeners.get('will-navigate')!({ preventDefault, url });
    return preventDefault.mock.calls.length === 0;
  };
  const built = 'file:///Applications/SessionDock.app/Contents/Resources/app.asar/out/renderer/index.html';
  const dev = 'http://localhost:5173/';

  it("allows the page's own reload, with or without a #hash", () => {
    expect(navigate(dev, dev)).toBe(true);
    expect(navigate(dev, 'http://localhost:5173')).toBe(true);
    expect(navigate(`${dev}#/settings`, dev)).toBe(true);
    expect(navigate(dev, `${dev}#/settings`)).toBe(true);
    expect(navigate(built, built)).toBe(true);
    expect(navigate(`${built}#x`, `${built}#y`)).toBe(true);
  });

  it('prevents every other navigation', () => {
    for (const [page, url] of [
      [built, 'file:///Applications/SessionDock.app/Contents/Resources/app.asar/out/renderer/other.html'],
      [built, 'file:///etc/passwd'],
      [built, `${built}?debug=1`],
      [built, 'https://evil.example/'],
      [dev, 'http://localhost:5173/other'],
      [dev, 'http://localhost:5173/?x=1'],
      [dev, 'http://localhost:5174/'],
      [dev, 'https://localhost:5173/'],
      [dev, 'http://127.0.0.1:5173/'],
      [dev, 'https://evil.example/'],
      [dev, 'javascript:alert(1)'],
      [dev, 'data:text/html,<script>alert(1)</script>'],
      [dev, 'not a url'],
      ['', dev],
      ['', ''],
    ]) {
      expect(navigate(page!, url!), `${page} → ${url}`).toBe(false);
    }
  });

  it('still denies every redirect', () => {
    const window = new electron.FakeBrowserWindow();
    window.webContents.url = dev;
    hardenContents(asWindow(window));
    const preventDefault = vi.fn();
    window.webContents.listeners.get('will-redirect')!({ preventDefault, url: dev });
    expect(preventDefault).toHaveBeenCalledOnce();
  });
});

describe('the tray host', () => {
  const linux = (desktop?: string) =>
    hasTrayHost('linux', desktop === undefined ? {} : { XDG_CURRENT_DESKTOP: desktop });

  it('is always there on macOS and Windows', () => {
    expect(hasTrayHost('darwin', { XDG_CURRENT_DESKTOP: 'GNOME' })).toBe(true);
    expect(hasTrayHost('win32', {})).toBe(true);
  });

  it('is missing on plain GNOME (no AppIndicator extension by default)', () => {
    for (const desktop of ['GNOME', 'gnome', 'GNOME-Classic:GNOME', 'pop:GNOME', ' GNOME ']) {
      expect(linux(desktop), desktop).toBe(false);
    }
  });

  it('is there on GNOME-based desktops that ship AppIndicator support, and on the others', () => {
    for (const desktop of [
      'ubuntu:GNOME',
      'Budgie:GNOME',
      'GNOME-Flashback:GNOME',
      'Unity',
      'Unity:Unity7:ubuntu',
      'Pantheon',
      'KDE',
      'XFCE',
      'X-Cinnamon',
      'MATE',
      'LXQt',
    ]) {
      expect(linux(desktop), desktop).toBe(true);
    }
  });

  it('is assumed when the desktop is unknown or unset', () => {
    expect(linux('Hyprland')).toBe(true);
    expect(linux('')).toBe(true);
    expect(linux()).toBe(true);
  });
});
