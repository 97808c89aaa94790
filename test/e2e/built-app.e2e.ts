// The BUILT desktop app, run as Electron runs it: out/main/index.js loaded with the Electron test
// double (test/shell/electron-double) standing in for the `electron` module. The built preload runs
// in Chromium, the built renderer loads from the very file the main computed, under its own CSP,
// and the window's IPC reaches the handlers the built main registered. A session made in the
// window is read back through the Local API the built main started; quitting closes both.
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/create-core';
import { APP_NAME } from '../../src/main/core/data-dir';
import { LATEST_SCHEMA_VERSION } from '../../src/main/core/db/migrations';
import { encodeAiff, encodeWav, sine, type Pcm } from '../audio/audio-writers';
import { IPC_METHODS } from '../../src/shared/ipc';
import { APP_ROOT, DOUBLE_CHROMIUM_ARGS, launchBuiltApp } from '../shell/electron-double/load-built-main';
import type { ElectronDouble } from '../shell/electron-double/main-process';
import type { DoubleWindow } from '../shell/electron-double/window';
import { CHROMIUM_ARGS } from './harness';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ENTRY = join(APP_ROOT, 'out/main/index.js');
const RUNNER = join(APP_ROOT, 'test/shell/electron-double/run-built-app.ts');

let browser: Browser;
const dirs: string[] = [];
const running: ElectronDouble[] = [];

beforeAll(async () => {
  if (!existsSync(ENTRY)) throw new Error(`No built app at ${ENTRY}: run \`npm run build\` first.`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, ...DOUBLE_CHROMIUM_ARGS],
  });
});
afterEach(async () => {
  for (const electron of running.splice(0)) {
    if (!electron.isExited()) {
      (electron.module().app as { quit(): void }).quit();
      await electron.exited;
    }
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(() => browser?.close());

function tempAppData(): string {
  const root = mkdtempSync(join(tmpdir(), 'sessiondock-built-'));
  dirs.push(root);
  return join(root, 'appData');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A library where the desktop app will look for it, with the API in full automation on `port`. */
function seedLibrary(dataDir: string, port: number, keepApiInBackground = false): string {
  const core = createCore({ dataDir, opener: { openPath: async () => {} }, windowFocus: null });
  core.settings.setApiMode('full-automation');
  core.settings.setApiPort(port);
  core.settings.setKeepApiInBackground(keepApiInBackground);
  const token = core.token.current();
  core.close();
  return token;
}

async function launch(appData: string, args: string[] = []): Promise<ElectronDouble> {
  const { electron } = await launchBuiltApp({ appData, browser, args });
  running.push(electron);
  return electron;
}

async function firstWindow(electron: ElectronDouble): Promise<DoubleWindow> {
  await expect.poll(() => electron.windows.length, { timeout: 20_000 }).toBe(1);
  const window = electron.windows[0]!;
  await window.settled();
  return window;
}

/** Two seconds of a 440 Hz tone at half scale, 16-bit mono. */
const TONE: Pcm = {
  sampleRate: 44_100,
  channels: [sine(88_200, 44_100, 440, 0.5)],
  format: { kind: 'int', bits: 16 },
};

const pageOf = (window: DoubleWindow): Page => window.webContents.page!;

describe('the built desktop app', () => {
  it('opens the library window from the built files and saves what the window creates', async () => {
    const appData = tempAppData();
    const port = await freePort();
    // productName: the desktop app's library is <appData>/SessionDock, the folder headless uses.
    const userData = join(appData, APP_NAME);
    const token = seedLibrary(userData, port);
    const electron = await launch(appData);
    const app = electron.module().app as { getPath(name: string): string };

    const window = await firstWindow(electron);
    const prefs = window.options.webPreferences as { preload: string; devTools: boolean };
    // A production window: no DevTools, and no Reload or DevTools in the menu.
    expect(prefs.devTools).toBe(false);
    const menu = JSON.stringify((electron.menu as { template: unknown }).template);
    expect(menu).toContain('"zoomIn"');
    expect(menu).not.toMatch(/reload|toggleDevTools|viewMenu/i);
    expect(prefs.preload).toBe(join(APP_ROOT, 'out/preload/index.js'));
    expect(existsSync(prefs.preload)).toBe(true);
    expect(window.record.loaded).toBe(join(APP_ROOT, 'out/renderer/index.html'));
    expect(existsSync(window.record.loaded!)).toBe(true);

    // What Electron allows only before ready ran in the entry's own synchronous turn.
    const evaluated = electron.log.indexOf('entry evaluated');
    expect(electron.log.indexOf('setPath sessionData')).toBeLessThan(evaluated);
    expect(electron.log.indexOf('enableSandbox')).toBeLessThan(evaluated);
    expect(electron.log.indexOf('registerSchemesAsPrivileged')).toBeLessThan(evaluated);
    expect(electron.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'sessiondock-media' })]);
    expect(app.getPath('userData')).toBe(userData);
    expect(app.getPath('sessionData')).toBe(join(userData, 'Chromium'));
    expect(electron.log.indexOf('setPath sessionData')).toBeLessThan(electron.log.indexOf('ready'));

    const page = pageOf(window);
    // The built preload exposed the whole contract through the double's contextBridge.
    const exposed = (await page.evaluate(
      "Object.entries(window.sessionDock).filter(([, v]) => typeof v === 'function').map(([name]) => name)",
    )) as string[];
    expect(exposed).toEqual(expect.arrayContaining([...Object.keys(IPC_METHODS), 'on', 'pathForFile']));
    // The page's own CSP is in force: an injected inline script does not run.
    const inlineRan = await page.evaluate(`(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      return window.__inlineRan ?? false;
    })()`);
    expect(inlineRan).toBe(false);

    // The window opened without waiting for the Local API, and Settings (opened from the menu, as
    // the built main sends it) shows the API running once it is up.
    window.webContents.send('menu:command', { command: 'settings' });
    await expect
      .poll(() => page.getByTestId('api-status').innerText())
      .toContain(`Running on 127.0.0.1:${port}`);
    await page.getByTestId('settings-close').click();

    // A session made through the window's UI...
    await page.getByTestId('new-session').click();
    const title = page.getByTestId('detail-title');
    await expect.poll(() => title.isVisible()).toBe(true);
    await title.fill('Made in the built window');
    await title.press('Tab');
    // ...is read back through the Local API the built main started.
    const api = `http://127.0.0.1:${port}/api/v1`;
    const headers = { Authorization: `Bearer ${token}` };
    await expect
      .poll(async () => {
        const list = (await (await fetch(`${api}/sessions?q=built`, { headers })).json()) as {
          data: { title: string }[];
        };
        return list.data.map((session) => session.title);
      })
      .toEqual(['Made in the built window']);

    // And an API write reaches the window through webContents.send and the preload's events.
    await fetch(`${api}/sessions`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Sent by a script' }),
    });
    await expect
      .poll(() => page.getByTestId('session-row').filter({ hasText: 'Sent by a script' }).count())
      .toBe(1);
    expect(window.webContents.pageErrors).toEqual([]);

    // An AIFF preview plays in the window: the built media protocol serves it as WAV, with Range.
    const aiff = join(appData, '..', 'mix.aif');
    writeFileSync(aiff, encodeAiff(TONE));
    const made = (await (await fetch(`${api}/sessions?q=built`, { headers })).json()) as {
      data: { id: string }[];
    };
    const sessionId = made.data[0]!.id;
    const attached = await fetch(`${api}/sessions/${sessionId}/previews`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ path: aiff }),
    });
    const previewId = ((await attached.json()) as { data: { id: string } }).data.id;
    const mediaUrl = (await page.evaluate(
      `window.sessionDock.previewMediaUrl(${JSON.stringify(sessionId)}, ${JSON.stringify(previewId)})`,
    )) as { ok: boolean; value: string };
    expect(mediaUrl.value).toMatch(/^sessiondock-media:\/\/preview\//);
    const media = electron.protocolHandlers.get('sessiondock-media')!;
    const whole = await media(new Request(mediaUrl.value));
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect(
      Buffer.from(await whole.arrayBuffer())
        .subarray(0, 4)
        .toString('latin1'),
    ).toBe('RIFF');
    const part = await media(new Request(mediaUrl.value, { headers: { Range: 'bytes=44-45' } }));
    expect(part.status).toBe(206);
    expect((await part.arrayBuffer()).byteLength).toBe(2);

    // Quit: before-quit is held while the API and the library close, then the app exits.
    (electron.module().app as { quit(): void }).quit();
    expect(await electron.exited).toBe(0);
    const quitLog = electron.log.slice(electron.log.indexOf('before-quit (prevented)'));
    expect(quitLog).toEqual(['before-quit (prevented)', 'before-quit', 'exit 0']);
    await expect(fetch(`${api}/health`)).rejects.toThrow();
    // The library was closed, not abandoned: SQLite checkpoints and removes the WAL on a clean close.
    expect(existsSync(join(userData, 'library.sqlite-wal'))).toBe(false);
    const db = new Database(join(userData, 'library.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const titles = db.prepare('SELECT title FROM sessions ORDER BY title').pluck().all();
      expect(titles).toEqual(['Made in the built window', 'Sent by a script']);
    } finally {
      db.close();
    }
  });

  it('explains a data folder it cannot use, then exits', async () => {
    const appData = tempAppData();
    mkdirSync(appData, { recursive: true });
    // Not a folder: nothing can be created in it (as root, permissions alone would not stop us).
    writeFileSync(join(appData, APP_NAME), 'not a folder');
    const electron = await launch(appData);
    expect(await electron.exited).toBe(1);
    expect(electron.windows).toEqual([]);
    expect(electron.errorBoxes.map((box) => box.title)).toEqual(['SessionDock could not open its library']);
    expect(electron.log).toContain('released the single-instance lock');
  });

  it('will not run from an AppImage whose launcher turned the sandbox off, unless the user chose it', async () => {
    const saved = { ...process.env };
    process.env.APPIMAGE = '/home/me/SessionDock.AppImage';
    try {
      const refused = await launch(tempAppData(), ['--no-sandbox']);
      expect(await refused.exited).toBe(1);
      expect(refused.errorBoxes.map((box) => box.title)).toEqual([
        'SessionDock will not run without its sandbox',
      ]);
      expect(refused.log).not.toContain('setPath sessionData');
      expect(refused.windows).toEqual([]);

      process.env.SESSIONDOCK_ALLOW_NO_SANDBOX = '1';
      const appData = tempAppData();
      seedLibrary(join(appData, APP_NAME), await freePort());
      const chosen = await launch(appData, ['--no-sandbox']);
      await firstWindow(chosen);
      expect(chosen.errorBoxes).toEqual([]);
    } finally {
      delete process.env.APPIMAGE;
      delete process.env.SESSIONDOCK_ALLOW_NO_SANDBOX;
      Object.assign(process.env, saved);
    }
  });

  it('quits even while a client has stopped reading an audio stream', async () => {
    const appData = tempAppData();
    const port = await freePort();
    const userData = join(appData, APP_NAME);
    const token = seedLibrary(userData, port);
    const wav = join(appData, '..', 'long.wav');
    // Far more than the socket buffers hold, so the server's writes back up.
    writeFileSync(
      wav,
      encodeWav({ sampleRate: 44_100, channels: [new Float32Array(16 * 1024 * 1024)], format: TONE.format }),
    );
    const electron = await launch(appData);
    await firstWindow(electron);
    const api = `http://127.0.0.1:${port}/api/v1`;
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const made = await fetch(`${api}/sessions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'Long' }),
    });
    const id = ((await made.json()) as { data: { id: string } }).data.id;
    await fetch(`${api}/sessions/${id}/previews`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ path: wav }),
    });

    const socket = connect(port, '127.0.0.1');
    try {
      const answered = new Promise<string>((resolve) =>
        socket.once('data', (chunk) => resolve(String(chunk))),
      );
      socket.write(
        `GET /api/v1/sessions/${id}/preview/audio HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
          `Authorization: Bearer ${token}\r\n\r\n`,
      );
      expect(await answered).toMatch(/^HTTP\/1\.1 200/);
      socket.pause();

      (electron.module().app as { quit(): void }).quit();
      expect(await electron.exited).toBe(0);
      expect(existsSync(join(userData, 'library.sqlite-wal'))).toBe(false);
    } finally {
      socket.destroy();
    }
  });

  it('a second launch focuses the first window and quits', async () => {
    const appData = tempAppData();
    seedLibrary(join(appData, 'SessionDock'), await freePort());
    const first = await launch(appData);
    const window = await firstWindow(first);
    window.minimize();
    const second = await launch(appData);
    expect(await second.exited).toBe(0);
    expect(second.windows).toEqual([]);
    expect(window.calls).toEqual(expect.arrayContaining(['restore', 'show', 'focus']));
  });

  it('explains a library it cannot open, then exits and frees the single-instance lock', async () => {
    const appData = tempAppData();
    const userData = join(appData, APP_NAME);
    seedLibrary(userData, await freePort());
    // Made by a newer SessionDock.
    const db = new Database(join(userData, 'library.sqlite'));
    db.pragma('user_version = 999');
    db.close();

    const electron = await launch(appData);
    expect(await electron.exited).toBe(1);
    expect(electron.windows).toEqual([]);
    expect(electron.errorBoxes).toHaveLength(1);
    expect(electron.errorBoxes[0]!.title).toBe('SessionDock could not open its library');
    expect(electron.errorBoxes[0]!.content).toContain(userData);
    expect(electron.log).toContain('released the single-instance lock');

    // Nothing holds the lock: the next launch (the library fixed) runs.
    const fixed = new Database(join(userData, 'library.sqlite'));
    fixed.pragma(`user_version = ${LATEST_SCHEMA_VERSION}`);
    fixed.close();
    const next = await launch(appData);
    await firstWindow(next);
    expect(next.isExited()).toBe(false);
  });

  it.each([
    ['GNOME', 'minimises the window instead, where no tray can show', false],
    ['KDE', 'closes the window and shows the tray', true],
  ])('with the API kept in the background on %s, closing the window %s', async (desktop, _what, closes) => {
    const saved = process.env.XDG_CURRENT_DESKTOP;
    process.env.XDG_CURRENT_DESKTOP = desktop;
    try {
      const appData = tempAppData();
      const port = await freePort();
      seedLibrary(join(appData, 'SessionDock'), port, true);
      const electron = await launch(appData);
      const window = await firstWindow(electron);
      window.close();
      await expect.poll(() => window.isDestroyed() || window.isMinimized()).toBe(true);
      if (process.platform === 'linux') {
        expect(window.isDestroyed()).toBe(closes);
        if (closes) await expect.poll(() => electron.log.includes('tray')).toBe(true);
        else expect(electron.log).not.toContain('tray');
      }
      // Either way the app and its API keep running.
      expect(electron.isExited()).toBe(false);
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).status).toBe(401);
    } finally {
      if (saved === undefined) delete process.env.XDG_CURRENT_DESKTOP;
      else process.env.XDG_CURRENT_DESKTOP = saved;
    }
  });

  it('runs headless from the built entry (sessiondock --headless), peaks from the built worker, SIGTERM', async () => {
    const root = tempAppData();
    const dataDir = join(root, 'headless-library');
    mkdirSync(root, { recursive: true });
    const wav = join(root, 'mix.wav');
    writeFileSync(wav, encodeWav(TONE));
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        RUNNER,
        '--headless',
        '--data-dir',
        dataDir,
        '--port',
        '0',
        '--mode',
        'full-automation',
      ],
      { cwd: APP_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => stdout, { timeout: 20_000 }).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
      const baseUrl = /listening on (\S+)/.exec(stdout)![1]!;
      expect(stdout).toContain('SessionDock Local API (full-automation)');
      expect((await fetch(`${baseUrl}/health`)).status).toBe(401);

      // Peaks come from out/main/peaks-worker.js, the self-contained worker the package unpacks.
      const token = readFileSync(join(dataDir, 'local-api-token'), 'utf8').trim();
      const call = (method: string, path: string, body?: unknown) =>
        fetch(`${baseUrl}${path}`, {
          method,
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      const session = (await (await call('POST', '/sessions', { title: 'Headless' })).json()) as {
        data: { id: string };
      };
      expect((await call('POST', `/sessions/${session.data.id}/previews`, { path: wav })).status).toBe(201);
      const waveform = await call('GET', `/sessions/${session.data.id}/waveform?points=100`);
      expect(waveform.status).toBe(200);
      const peaks = ((await waveform.json()) as { data: { peaks: number[] } }).data.peaks;
      expect(Math.max(...peaks.map(Math.abs))).toBeGreaterThan(0.4);

      // Project metadata comes from out/main/project-worker.js, the other self-contained worker.
      const rpp = join(root, 'Song.rpp');
      writeFileSync(rpp, '<REAPER_PROJECT 0.1 "7.12/linux-x86_64" 1700000000\n  TEMPO 97 4 4\n>\n');
      const withProject = (await (
        await call('POST', '/sessions', { title: 'Song', projectPath: rpp })
      ).json()) as {
        data: { id: string };
      };
      await expect
        .poll(
          async () =>
            (
              (await (await call('GET', `/sessions/${withProject.data.id}/project`)).json()) as {
                data: { status: string; tempo: number | null };
              }
            ).data,
          { timeout: 20_000 },
        )
        .toMatchObject({ status: 'ready', tempo: 97 });

      // MCP (issue 14) from the built bundle: the SDK's client lists the tools and calls one.
      const mcp = new Client({ name: 'built-app-e2e', version: '1.0.0' });
      await mcp.connect(
        new StreamableHTTPClientTransport(new URL(baseUrl.replace(/\/api\/v1$/, '/mcp')), {
          requestInit: { headers: { Authorization: `Bearer ${token}` } },
        }),
      );
      expect((await mcp.listTools()).tools.map((tool) => tool.name)).toContain('create_session');
      const listed = await mcp.callTool({ name: 'list_sessions', arguments: { q: 'song' } });
      expect(listed.structuredContent).toMatchObject({ meta: { total: 1 } });
      await mcp.close();

      // Live events (issue 14) from the built bundle: a write arrives on the stream, once on disk.
      const stream = new AbortController();
      const events = await fetch(`${baseUrl}/events`, {
        headers: { Authorization: `Bearer ${token}` },
        signal: stream.signal,
      });
      expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = events.body!.getReader();
      let received = '';
      await call('POST', '/sessions', { title: 'Streamed' });
      while (!/event: session\.created\ndata: .*"Streamed"/.test(received)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended early: ${received}`);
        received += Buffer.from(value).toString('utf8');
      }
      expect(received).toMatch(/^retry: \d+\n/);
      stream.abort();

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it.each(['peaks-worker.js', 'project-worker.js'])(
    'ships %s needing nothing but Node itself (it runs unpacked beside app.asar)',
    (file) => {
      const worker = readFileSync(join(APP_ROOT, 'out/main', file), 'utf8');
      const required = [...worker.matchAll(/require\((["'])([^"']+)\1\)/g)].map((match) => match[2]!);
      expect(required.length).toBeGreaterThan(0);
      expect(required.filter((name) => !builtinModules.includes(name.replace(/^node:/, '')))).toEqual([]);
      // No chunk or package loaded later either (the decoders' own worker shim imports a runtime value).
      expect(worker).not.toMatch(/\bimport\(\s*["'`]/);
    },
  );

  it('runs its smoke test (--smoke-test) through the real preload and exits 0', async () => {
    const appData = tempAppData();
    const smokeDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith('sessiondock-smoke-'));
    const smokeDirsBefore = smokeDirs();
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      lines.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof process.stdout.write;
    try {
      const electron = await launch(appData, ['--smoke-test']);
      expect(await electron.exited).toBe(0);
      // A throwaway library: nothing was created where the user's library lives.
      expect(existsSync(join(appData, 'SessionDock'))).toBe(false);
      expect(electron.log).toContain('setPath userData');
    } finally {
      process.stdout.write = write;
    }
    // …and it leaves no throwaway library behind.
    expect(smokeDirs().filter((dir) => !smokeDirsBefore.includes(dir))).toEqual([]);
    const verdict = lines.find((line) => line.startsWith('SessionDock smoke test'));
    expect(verdict).toMatch(/^SessionDock smoke test passed: the window rendered the library \(0 sessions\)/);
    expect(verdict).toMatch(
      /Local API answered GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/health: 200 \(status ok, read-only\)/,
    );
  });
});
