// End-to-end harness: the built renderer in the system Chromium (playwright-core), with
// `window.sessionDock` bound to the REAL core's IPC handlers running in this test process and
// core events pushed into the page the way webContents.send would. Only the transport differs
// from the desktop app.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { IPC_EVENTS, IPC_METHODS, type ExportFormat, type IpcChannel } from '../../src/shared/ipc';
import { ApiServer } from '../../src/main/core/api/api-server';
import { createCore, type Core } from '../../src/main/core/create-core';
import { createIpcHandlers, type IpcHandlers, type ShellAdapters } from '../../src/main/ipc/handlers';
import { forwardCoreEvents } from '../../src/main/ipc/forward-events';
import { openPlayerAudio } from '../../src/main/core/previews/player-audio';
import { answerArtworkMediaRequest } from '../../src/main/core/artwork/artwork-media';
import { THUMBNAIL_SIZES, type ThumbnailSize } from '../../src/main/core/artwork/make-thumbnail';
import { restoreLibrary } from '../../src/main/core/backups/restore-library';
import type { ProjectReadSource } from '../../src/main/core/projects/project-pool';
import { FakeWindow, RecordingOpener } from '../helpers/api-harness';
import { CHROMIUM_ARGS } from './chromium-args';

// SESSIONDOCK_E2E_RENDERER_DIR: a renderer built elsewhere (`electron-vite build --outDir`), so a
// build in progress in out/ cannot change the page under a running test.
export const RENDERER_DIR = process.env.SESSIONDOCK_E2E_RENDERER_DIR ?? join(__dirname, '../../out/renderer');
export const SCREENSHOT_DIR = join(__dirname, '../../test-results/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export { CHROMIUM_ARGS };

export interface E2eApp {
  /** The library open now (after a "Restore…", the restored one: these three are read live). */
  readonly core: Core;
  readonly api: ApiServer;
  readonly handlers: IpcHandlers;
  page: Page;
  opener: RecordingOpener;
  window: FakeWindow;
  /** Paths the fake "choose project" dialog returns next (shifted per call). */
  chosenProjects: (string | null)[];
  /** Folders the fake "Add folder…" dialog returns next. */
  chosenFolders: (string | null)[];
  /** Audio files the fake "Add previews…" dialog returns next (one array per call). */
  chosenAudio: string[][];
  /** Image files the fake artwork picker returns next. */
  chosenImages: (string | null)[];
  /** Backup files the fake "Restore…" picker returns next. */
  chosenBackups: (string | null)[];
  /** Where the fake "Export…" save dialog writes next. */
  chosenExportPaths: (string | null)[];
  /** JSON exports the fake "Import from JSON" picker returns next. */
  chosenImportFiles: (string | null)[];
  /** How many times "Restore…" reopened the library and reloaded the page. */
  readonly restores: number;
  revealed: string[];
  readonly baseUrl: string;
  /** Calls the Local API over HTTP with the current token. */
  apiRequest(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface E2eOptions {
  /** Seeds the library before the page loads. */
  seed?: (core: Core) => void;
  /** Opens the library in this folder (left in place on close) instead of a new temporary one. */
  dataDir?: string;
  viewport?: { width: number; height: number };
  /** Reads project files instead of the core's own worker pool (a test holds reads back). */
  projectReader?: ProjectReadSource;
}

let browser: Browser | null = null;

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`No built renderer in ${RENDERER_DIR}: run \`npm run build\` first.`);
  }
  browser ??= await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = null;
}

/** Starts a core (temp library), its API (full automation, ephemeral port) and the window. */
export async function startApp(options: E2eOptions = {}): Promise<E2eApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sessiondock-e2e-'));
  const opener = new RecordingOpener();
  const fakeWindow = new FakeWindow();
  const openCore = (): Core =>
    createCore({
      dataDir: options.dataDir ?? join(dataDir, 'data'),
      opener,
      windowFocus: fakeWindow,
      // "Back up now" is tested; a backup child 20 s into a long test is not wanted.
      automaticBackups: null,
      ...(options.projectReader ? { projectReader: options.projectReader } : {}),
    });
  let core = openCore();
  options.seed?.(core);
  core.settings.setApiMode('full-automation');
  let api = new ApiServer(core, { portOverride: 0 });
  await api.start();

  const files = await serveRenderer(() => core);
  const chosenProjects: (string | null)[] = [];
  const chosenFolders: (string | null)[] = [];
  const chosenAudio: string[][] = [];
  const chosenImages: (string | null)[] = [];
  const chosenBackups: (string | null)[] = [];
  const chosenExportPaths: (string | null)[] = [];
  const chosenImportFiles: (string | null)[] = [];
  const revealed: string[] = [];
  let restores = 0;
  const shell: ShellAdapters = {
    async revealPath(path) {
      revealed.push(path);
      return true;
    },
    async chooseProjectPath() {
      return chosenProjects.shift() ?? null;
    },
    async chooseFolder() {
      return chosenFolders.shift() ?? null;
    },
    async chooseAudioFiles() {
      return chosenAudio.shift() ?? [];
    },
    // The desktop app streams previews over its sessiondock-media: protocol; here the same
    // page server answers /media/… with Range support.
    mediaUrl: (sessionId, previewId) =>
      `${files.url}media/${encodeURIComponent(sessionId)}/${encodeURIComponent(previewId)}`,
    // Thumbnails too, answered by the same code as the app's sessiondock-media://artwork/….
    artworkUrl: (sessionId, size, version) =>
      `${files.url}artwork/${encodeURIComponent(sessionId)}/${size}?v=${encodeURIComponent(version)}`,
    async chooseImageFile() {
      return chosenImages.shift() ?? null;
    },
    async chooseBackupFile() {
      return chosenBackups.shift() ?? null;
    },
    async chooseExportPath(_format: ExportFormat) {
      return chosenExportPaths.shift() ?? null;
    },
    async chooseImportFile() {
      return chosenImportFiles.shift() ?? null;
    },
    // As the desktop app does: close everything on the library, swap the file, open it again
    // (a new core, API and handlers), and reload the page once the answer is on its way.
    restoreLibrary: (path) =>
      restoreLibrary(core, path, {
        closeCore: async () => {
          unsubscribe();
          await api.stop();
          core.close();
        },
        reopenCore: async () => {
          core = openCore();
          api = new ApiServer(core, { portOverride: 0 });
          await api.start();
          handlers = createIpcHandlers(core, api, shell);
          unsubscribe = forwardCoreEvents(core, api, (event, payload) => void push(event, payload));
          restores++;
          setTimeout(() => void page.reload().catch(() => {}), 0);
        },
      }),
  };
  let handlers = createIpcHandlers(core, api, shell);

  const context = await (
    await launchBrowser()
  ).newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: 'dark',
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error));
  await page.exposeBinding('__sessionDockInvoke', async (_source, channel: IpcChannel, args: unknown[]) => {
    const handler = handlers[channel] as ((...a: unknown[]) => Promise<unknown>) | undefined;
    if (!handler)
      return { ok: false, error: { code: 'invalid_input', message: `unknown channel ${channel}` } };
    // A structured-clone round trip, as Electron's IPC does (bytes came over as base64).
    return structuredClone(await handler(...structuredClone(args.map(decodeBytes))));
  });
  // tsx (benchmarks) compiles installBridge with esbuild's keepNames, whose __name helper the page lacks.
  await page.addInitScript('globalThis.__name ??= (target) => target;');
  await page.addInitScript(installBridge, { methods: IPC_METHODS, events: [...IPC_EVENTS] });

  // The focus adapter in the desktop app asks the renderer to select the session.
  const focus = fakeWindow.focusSession.bind(fakeWindow);
  fakeWindow.focusSession = async (id) => {
    const focused = await focus(id);
    if (focused) await push('window:focusSession', { id });
    return focused;
  };
  const push = async (event: string, payload: unknown): Promise<void> => {
    await page
      .evaluate(
        ([e, p]) =>
          (globalThis as unknown as { __sessionDockEmit: (e: string, p: unknown) => void }).__sessionDockEmit(
            e,
            p,
          ),
        [event, structuredClone(payload)] as const,
      )
      .catch(() => {});
  };
  let unsubscribe = forwardCoreEvents(core, api, (event, payload) => void push(event, payload));

  await page.goto(files.url);

  const baseUrl = (): string => `http://127.0.0.1:${api.port()}/api/v1`;
  return {
    get core() {
      return core;
    },
    get api() {
      return api;
    },
    get handlers() {
      return handlers;
    },
    page,
    opener,
    window: fakeWindow,
    chosenProjects,
    chosenFolders,
    chosenAudio,
    chosenImages,
    chosenBackups,
    chosenExportPaths,
    chosenImportFiles,
    get restores() {
      return restores;
    },
    revealed,
    get baseUrl() {
      return baseUrl();
    },
    async apiRequest(method, path, body) {
      const response = await fetch(`${baseUrl()}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${core.token.current()}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : undefined };
    },
    async screenshot(name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      unsubscribe();
      await context.close();
      await new Promise<void>((resolve) => files.server.close(() => resolve()));
      await api.stop();
      core.close();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs in the page before any script: builds `window.sessionDock` like the preload does. */
function installBridge({ methods, events }: { methods: Record<string, string>; events: string[] }): void {
  type Listener = (payload: unknown) => void;
  const invoke = (
    globalThis as unknown as { __sessionDockInvoke: (c: string, a: unknown[]) => Promise<unknown> }
  ).__sessionDockInvoke;
  const listeners = new Map<string, Set<Listener>>();
  // Playwright's bindings carry JSON only; Electron's IPC carries bytes (a pasted image): they go
  // over as base64 and come out as the same kind of value (decodeBytes).
  const encode = (value: unknown): unknown => {
    const isBuffer = value instanceof ArrayBuffer;
    if (!isBuffer && !ArrayBuffer.isView(value)) return value;
    const bytes = isBuffer
      ? new Uint8Array(value)
      : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    let binary = '';
    for (let at = 0; at < bytes.length; at += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
    return { __sessionDockBytes: btoa(binary), kind: isBuffer ? 'ArrayBuffer' : 'Uint8Array' };
  };
  const bridge: Record<string, unknown> = {};
  for (const [name, channel] of Object.entries(methods))
    bridge[name] = (...args: unknown[]) => invoke(channel, args.map(encode));
  bridge.on = (event: string, listener: Listener) => {
    if (!events.includes(event)) throw new Error(`Unknown SessionDock event: ${event}`);
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event)!.add(listener);
    return () => listeners.get(event)!.delete(listener);
  };
  Object.defineProperty(globalThis, 'sessionDock', { value: Object.freeze(bridge) });
  Object.defineProperty(globalThis, '__sessionDockEmit', {
    value: (event: string, payload: unknown) =>
      listeners.get(event)?.forEach((listener) => listener(payload)),
  });
}

/** Bytes the page sent (see installBridge's encode), as the IPC would have delivered them. */
function decodeBytes(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('__sessionDockBytes' in value)) return value;
  const { __sessionDockBytes: base64, kind } = value as { __sessionDockBytes: string; kind: string };
  const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
  return kind === 'ArrayBuffer' ? bytes.buffer : bytes;
}

/** A preview's audio, with Range, as the app's media protocol serves it (the same core call). */
async function serveMedia(core: Core, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const [, , sessionId, previewId] = (request.url ?? '').split('?')[0]!.split('/').map(decodeURIComponent);
  try {
    const preview = core.previews.resolve(sessionId, previewId);
    const answer = await openPlayerAudio(preview, request.headers.range);
    response.writeHead(answer.status, answer.headers);
    if (answer.body) answer.body.pipe(response);
    else response.end();
  } catch {
    response.writeHead(404).end();
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** A session's artwork thumbnail, as the app's media protocol serves it (the same core call). */
async function serveArtwork(core: Core, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const [, , id, size] = (request.url ?? '').split('?')[0]!.split('/');
  if (!id || !(THUMBNAIL_SIZES as readonly string[]).includes(size ?? '')) {
    response.writeHead(404).end();
    return;
  }
  const aborted = new AbortController();
  response.on('close', () => aborted.abort());
  const headers = new Headers();
  const ifNoneMatch = request.headers['if-none-match'];
  if (typeof ifNoneMatch === 'string') headers.set('if-none-match', ifNoneMatch);
  const answer = await answerArtworkMediaRequest(
    core,
    { sessionId: decodeURIComponent(id), size: size as ThumbnailSize },
    { headers, signal: aborted.signal },
  );
  response.writeHead(answer.status, Object.fromEntries(answer.headers));
  response.end(Buffer.from(await answer.arrayBuffer()));
}

/** Serves the built renderer from 127.0.0.1, as the app loads it from disk. */
async function serveRenderer(currentCore: () => Core): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const core = currentCore();
    if (request.url?.startsWith('/media/')) return void serveMedia(core, request, response);
    if (request.url?.startsWith('/artwork/')) return void serveArtwork(core, request, response);
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(RENDERER_DIR, path === '/' ? 'index.html' : path);
    if (!file.startsWith(RENDERER_DIR) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}/` };
}
