// TEST DOUBLE of Electron's main-process module (`require('electron')` in out/main). It stands in
// for Electron's process boundary only: the app lifecycle, windows (each a real Chromium page),
// IPC, protocols, dialogs. It never stands in for SessionDock's own code. Where Electron refuses a
// call (a BrowserWindow before ready, privileged schemes after ready…) it throws Electron's own
// message, so the built app fails here as it would under Electron. See ../README.md.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DoubleWindow, type WindowRecord } from './window';

export interface ElectronDoubleOptions {
  /** The app's folder (`electron .`): where package.json is, what app.getAppPath() returns. */
  appRoot: string;
  /** Stands in for the OS's per-user app-data folder (~/.config, %APPDATA%, ~/Library/…). */
  appData: string;
  /** Real Chromium for the windows' pages (not needed when the app opens no window). */
  browser?: Browser;
  isPackaged?: boolean;
}

/** Single-instance locks of this process's doubles, keyed like Chromium's: by userData. */
const locks = new Map<string, ElectronDouble>();

class PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

/** One Electron app instance: the object the built main sees as `require('electron')`. */
export class ElectronDouble {
  readonly windows: DoubleWindow[] = [];
  /** What the app did that Electron would show or do outside the process, in order. */
  readonly log: string[] = [];
  readonly errorBoxes: { title: string; content: string }[] = [];
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  readonly protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  readonly privilegedSchemes: unknown[] = [];
  menu: unknown = null;
  /** Resolves with the exit code once the app has exited (app.quit finished, or app.exit). */
  readonly exited: Promise<number>;

  private ready = false;
  private exitCode: number | null = null;
  private resolveExit!: (code: number) => void;
  private resolveReady!: () => void;
  private readonly readyPromise: Promise<void>;
  private readonly paths = new Map<string, string>();
  private readonly appEvents = new EventEmitter();
  private quitting = false;

  constructor(readonly options: ElectronDoubleOptions) {
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
    const pkg = JSON.parse(readFileSync(join(options.appRoot, 'package.json'), 'utf8')) as {
      name: string;
      productName?: string;
    };
    // Electron names the userData folder after productName, else name (app.getName()).
    const userData = join(options.appData, pkg.productName ?? pkg.name);
    this.paths.set('appData', options.appData);
    this.paths.set('userData', userData);
    this.paths.set('temp', tmpdir());
    this.paths.set('home', homedir());
  }

  isExited(): boolean {
    return this.exitCode !== null;
  }

  /** Emits `ready`, as Electron does once the entry's own synchronous code has run. */
  emitReady(): void {
    if (this.ready) throw new Error('electron double: ready emitted twice');
    this.ready = true;
    this.log.push('ready');
    this.appEvents.emit('ready', new PreventableEvent(), {});
    this.resolveReady();
  }

  /** A second launch of the app: Electron tells the instance holding the lock. */
  secondInstance(argv: string[]): void {
    this.appEvents.emit('second-instance', new PreventableEvent(), argv, process.cwd(), {});
  }

  private mustBeReady(what: string): void {
    if (!this.ready) throw new Error(`${what} cannot be used before the app is ready`);
  }

  private mustNotBeReady(message: string): void {
    if (this.ready) throw new Error(message);
  }

  private finish(code: number): void {
    if (this.exitCode !== null) return;
    this.exitCode = code;
    locks.forEach((holder, key) => holder === this && locks.delete(key));
    for (const window of this.windows) window.destroyQuietly();
    this.log.push(`exit ${code}`);
    this.resolveExit(code);
  }

  /** Electron's quit sequence: before-quit, windows close, will-quit, quit, exit 0. */
  private async quit(): Promise<void> {
    if (this.quitting || this.exitCode !== null) return;
    const beforeQuit = new PreventableEvent();
    this.appEvents.emit('before-quit', beforeQuit);
    this.log.push(beforeQuit.defaultPrevented ? 'before-quit (prevented)' : 'before-quit');
    if (beforeQuit.defaultPrevented) return;
    this.quitting = true;
    for (const window of this.windows.filter((w) => !w.isDestroyed())) {
      if (!(await window.closeForQuit())) {
        this.quitting = false;
        this.log.push('quit cancelled by a window');
        return;
      }
    }
    const willQuit = new PreventableEvent();
    this.appEvents.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      this.quitting = false;
      return;
    }
    this.appEvents.emit('quit', new PreventableEvent(), 0);
    this.finish(0);
  }

  /** Called by a window when it is gone: Electron then emits window-all-closed. */
  windowClosed(): void {
    if (this.quitting) return;
    if (this.windows.every((window) => window.isDestroyed())) this.appEvents.emit('window-all-closed');
  }

  /** The module object the built main receives from `require('electron')`. */
  module(): Record<string, unknown> {
    // The classes below (BrowserWindow, Tray) are constructed by the app, so they reach this instance by closure.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const double = this;
    const app = {
      isPackaged: this.options.isPackaged ?? false,
      on: (event: string, listener: (...args: unknown[]) => void) => (
        this.appEvents.on(event, listener),
        app
      ),
      once: (event: string, listener: (...args: unknown[]) => void) => (
        this.appEvents.once(event, listener),
        app
      ),
      whenReady: () => this.readyPromise,
      isReady: () => this.ready,
      getAppPath: () => this.options.appRoot,
      getName: () => 'SessionDock',
      getVersion: () => '0.0.0-double',
      getPath: (name: string) => {
        const path = this.paths.get(name);
        if (path) return path;
        if (name === 'sessionData') return this.paths.get('userData')!;
        if (name === 'logs') return join(this.paths.get('userData')!, 'logs');
        throw new Error(`Failed to get '${name}' path`);
      },
      setPath: (name: string, path: string) => {
        if (name === 'sessionData')
          this.mustNotBeReady('app.setPath("sessionData") must be called before the app is ready');
        this.paths.set(name, path);
        this.log.push(`setPath ${name}`);
      },
      requestSingleInstanceLock: () => {
        const key = app.getPath('userData');
        const holder = locks.get(key);
        if (holder && holder !== this && !holder.isExited()) {
          holder.secondInstance([process.execPath, this.options.appRoot]);
          return false;
        }
        locks.set(key, this);
        return true;
      },
      releaseSingleInstanceLock: () => {
        locks.forEach((holder, key) => holder === this && locks.delete(key));
        this.log.push('released the single-instance lock');
      },
      enableSandbox: () => {
        this.mustNotBeReady('app.enableSandbox() can only be called before app is ready');
        this.log.push('enableSandbox');
      },
      quit: () => void this.quit(),
      exit: (code = 0) => this.finish(code),
      focus: (options?: { steal?: boolean }) => this.log.push(`app.focus ${JSON.stringify(options ?? {})}`),
    };
    const BrowserWindow = class extends DoubleWindow {
      constructor(options: Record<string, unknown>) {
        double.mustBeReady('BrowserWindow');
        super(double, options);
        double.windows.push(this);
      }
    };
    return strict({
      app,
      BrowserWindow,
      ipcMain: {
        handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
          if (this.handlers.has(channel))
            throw new Error(`Attempted to register a second handler for '${channel}'`);
          this.handlers.set(channel, handler);
        },
        removeHandler: (channel: string) => this.handlers.delete(channel),
      },
      protocol: {
        registerSchemesAsPrivileged: (schemes: unknown[]) => {
          this.mustNotBeReady('protocol.registerSchemesAsPrivileged should be called before app is ready');
          this.privilegedSchemes.push(...schemes);
          this.log.push('registerSchemesAsPrivileged');
        },
        handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>) => {
          this.mustBeReady('protocol');
          this.protocolHandlers.set(scheme, handler);
        },
      },
      screen: {
        getAllDisplays: () => {
          this.mustBeReady("The 'screen' module");
          return [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }];
        },
      },
      dialog: {
        showErrorBox: (title: string, content: string) => {
          this.errorBoxes.push({ title, content });
          this.log.push(`error box: ${title}`);
        },
        showOpenDialog: async () => {
          this.mustBeReady('dialog');
          return { canceled: true, filePaths: [] };
        },
      },
      Menu: {
        buildFromTemplate: (template: unknown) => ({ template }),
        setApplicationMenu: (menu: unknown) => (this.menu = menu),
      },
      Tray: class {
        constructor() {
          double.mustBeReady('Tray');
          double.log.push('tray');
        }
        setToolTip() {}
        setContextMenu() {}
        on() {}
        destroy() {
          double.log.push('tray destroyed');
        }
      },
      nativeImage: { createFromBitmap: () => ({}) },
      shell: {
        openExternal: async (url: string) => void this.log.push(`openExternal ${url}`),
        openPath: async (path: string) => (this.log.push(`openPath ${path}`), ''),
        showItemInFolder: (path: string) => this.log.push(`showItemInFolder ${path}`),
      },
    });
  }
}

/** A module object that throws on any export the double does not provide, instead of undefined. */
function strict(exports: Record<string, unknown>): Record<string, unknown> {
  return new Proxy(exports, {
    get(target, property) {
      if (
        typeof property === 'symbol' ||
        property in target ||
        property === 'then' ||
        property === '__esModule'
      )
        return target[property as string];
      throw new Error(`electron double: electron.${property} is not part of the double; add it honestly`);
    },
  });
}

export type { WindowRecord };
