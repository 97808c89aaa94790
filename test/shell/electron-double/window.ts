// TEST DOUBLE of Electron's BrowserWindow and webContents: each window is a real Chromium page
// (playwright-core, the system Chromium) showing the file or URL the built main asked for, with
// the built preload run before any page script through the preload-side double (preload.ts).
// IPC crosses as Electron's does: a structured clone each way, handlers found by channel, events
// carrying the sender. See ../README.md for what this cannot show.
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import type { ElectronDouble } from './main-process';
import { preloadInitScript } from './preload';

export interface WindowRecord {
  options: Record<string, unknown>;
  loaded: string | null;
}

class PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

type InvokeAnswer = { threw: false; value: unknown } | { threw: true; message: string };

export class DoubleWebContents extends EventEmitter {
  page: Page | null = null;
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  /** Errors thrown by the preload or the page's scripts (Electron logs them to the console). */
  readonly pageErrors: string[] = [];
  readonly session = {
    setPermissionRequestHandler: () => {},
    setPermissionCheckHandler: () => {},
  };
  private context: BrowserContext | null = null;
  private sending: Promise<unknown> = Promise.resolve();
  private destroyed = false;

  constructor(
    private readonly app: ElectronDouble,
    private readonly preloadPath: string | undefined,
  ) {
    super();
  }

  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }

  getURL(): string {
    return this.page?.url() ?? '';
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** main → renderer, in order, as a structured clone (what `webContents.send` does). */
  send(channel: string, ...args: unknown[]): void {
    const page = this.page;
    if (!page || this.destroyed) return;
    const payload = structuredClone(args);
    this.sending = this.sending
      .then(() =>
        page.evaluate(
          ([c, a]) =>
            (
              globalThis as unknown as { __electronDoubleEmit(c: string, a: unknown[]): void }
            ).__electronDoubleEmit(c, a),
          [channel, payload] as const,
        ),
      )
      .catch(() => {});
  }

  async load(url: string, onReady: () => void): Promise<void> {
    const browser = this.app.options.browser;
    if (!browser) throw new Error('electron double: a window was opened but no browser was given');
    this.context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await this.context.newPage();
    this.page = page;
    page.on('pageerror', (error) => this.pageErrors.push(error.stack ?? error.message));
    await page.exposeBinding('__electronDoubleInvoke', (source, channel: string, args: unknown[]) =>
      this.invoke(source.frame.url(), source.frame.parentFrame() !== null, channel, args),
    );
    await page.exposeBinding('__electronDoublePreloadError', (_source, message: string) => {
      this.emit('preload-error', new PreventableEvent(), this.preloadPath, new Error(message));
    });
    if (this.preloadPath) {
      if (existsSync(this.preloadPath)) {
        await page.addInitScript(preloadInitScript(readFileSync(this.preloadPath, 'utf8')));
      } else {
        // Electron loads the window anyway and reports the preload that could not be read.
        this.emit(
          'preload-error',
          new PreventableEvent(),
          this.preloadPath,
          new Error(`ENOENT: no such file or directory, open '${this.preloadPath}'`),
        );
      }
    }
    try {
      const response = await page.goto(url);
      if (response && !response.ok() && !url.startsWith('file:'))
        throw new Error(`HTTP ${response.status()}`);
    } catch (error) {
      this.emit('did-fail-load', new PreventableEvent(), -6, String(error), url, true);
      return;
    }
    this.emit('did-finish-load', new PreventableEvent());
    onReady();
  }

  private async invoke(
    frameUrl: string,
    isSubFrame: boolean,
    channel: string,
    args: unknown[],
  ): Promise<InvokeAnswer> {
    const handler = this.app.handlers.get(channel);
    if (!handler) {
      return {
        threw: true,
        message: `Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`,
      };
    }
    const event = { sender: this, senderFrame: { url: frameUrl, parent: isSubFrame ? {} : null } };
    try {
      return { threw: false, value: structuredClone(await handler(event, ...structuredClone(args))) };
    } catch (error) {
      return { threw: true, message: `Error invoking remote method '${channel}': ${String(error)}` };
    }
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    await this.context?.close().catch(() => {});
  }
}

export class DoubleWindow extends EventEmitter {
  readonly webContents: DoubleWebContents;
  readonly record: WindowRecord;
  readonly calls: string[] = [];
  private destroyed = false;
  private minimized = false;
  private maximized = false;
  private readonly loading: Promise<void>[] = [];

  constructor(
    private readonly app: ElectronDouble,
    readonly options: Record<string, unknown>,
  ) {
    super();
    const prefs = (options.webPreferences ?? {}) as Record<string, unknown>;
    // The double runs pages only the way SessionDock must configure them: isolated and sandboxed.
    if (prefs.sandbox !== true || prefs.contextIsolation !== true || prefs.nodeIntegration === true) {
      throw new Error('electron double: only sandboxed, context-isolated windows without Node are supported');
    }
    this.webContents = new DoubleWebContents(app, prefs.preload as string | undefined);
    this.record = { options, loaded: null };
  }

  /** Settles when every page load the app started has finished (or failed). */
  async settled(): Promise<void> {
    await Promise.all(this.loading);
  }

  loadFile(file: string): Promise<void> {
    this.record.loaded = file;
    return this.startLoad(pathToFileURL(file).href);
  }

  loadURL(url: string): Promise<void> {
    this.record.loaded = url;
    return this.startLoad(url);
  }

  private startLoad(url: string): Promise<void> {
    const loading = this.webContents.load(url, () => this.emit('ready-to-show', new PreventableEvent()));
    this.loading.push(loading);
    return loading;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  show(): void {
    this.calls.push('show');
  }
  focus(): void {
    this.calls.push('focus');
  }
  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
  }
  minimize(): void {
    this.calls.push('minimize');
    this.minimized = true;
  }
  maximize(): void {
    this.calls.push('maximize');
    this.maximized = true;
  }
  setAlwaysOnTop(flag: boolean): void {
    this.calls.push(`setAlwaysOnTop ${flag}`);
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return {
      x: 0,
      y: 0,
      width: Number(this.options.width ?? 800),
      height: Number(this.options.height ?? 600),
    };
  }

  /** The user closes the window: `close` (preventable), then `closed`; the app hears of it. */
  close(): void {
    void this.closeForQuit();
  }

  /** Closes as part of quitting; false when the app prevented it. */
  async closeForQuit(): Promise<boolean> {
    if (this.destroyed) return true;
    const event = new PreventableEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    await this.finishClosing();
    return true;
  }

  /** app.exit(): windows go without their `close` event. */
  destroyQuietly(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    void this.webContents.destroy();
  }

  private async finishClosing(): Promise<void> {
    this.destroyed = true;
    await this.webContents.destroy();
    this.emit('closed');
    this.app.windowClosed();
  }
}
