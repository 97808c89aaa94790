/**
 * The window half of bench/startup.bench.ts: cold starts of the BUILT desktop app under the
 * Electron double, each in a fresh process (bench/lib/startup-window-child.ts), timed from just
 * before the spawn to the window showing its first session rows (painted).
 *
 * The library is the one the headless half uses: `<base>/appData-<size>/SessionDock` is a link to
 * the library folder, so the app finds it where Electron's userData would be
 * (`<appData>/<productName>`), clean-shutdown record, window state and logs included.
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cleanShutdownPath } from '../../src/main/core/db/clean-shutdown';
import { APP_NAME } from '../../src/main/core/data-dir';

const ROOT = join(__dirname, '..', '..');
const CHILD = join(__dirname, 'startup-window-child.ts');

export const STARTUP_LINE_PREFIX = 'startup-window: ';

/** What the page reports once it has shown the library's first answer (epoch ms). */
export interface PageReport {
  kind: 'rows' | 'empty';
  rows: number;
  /** The window page's navigation start (its `performance.timeOrigin`). */
  navigationStart: number;
  domContentLoaded: number | null;
  /** First row with content inside the viewport, seen by a MutationObserver. */
  shownDom: number;
  /** After the next frame following `shownDom`: the browser has painted it. */
  shownPainted: number;
  /** The top bar's result count first showed (the list's first answer had reached the page). */
  countShown: number | null;
  /** The page's long tasks (over 50 ms) until then: how busy the renderer's main thread was. */
  longTasks: number;
  longTaskMs: number;
  /** Each long task: [start (epoch ms), duration]. */
  longTaskList: [number, number][];
}

/** The child's line (epoch ms, except quitMs). */
export interface StartupWindowTimes extends PageReport {
  /** The child node process's own start (`performance.timeOrigin`). */
  processStart: number;
  /** The runner's modules loaded (tsx compiling it, playwright-core, the double). */
  runnerLoaded: number;
  /** The system Chromium launched: the double's stand-in for Electron starting its browser side. */
  browserLaunched: number;
  /** out/main/index.js began loading (its packages load with it), had run, and `ready` was emitted. */
  entryStarted: number;
  entryEvaluated: number;
  readyEmitted: number;
  /** The app asked for its window's page (BrowserWindow + loadFile: the double creates the page). */
  windowRequested: number;
  /** When the child heard the page's report (one hop Chromium → node). */
  reportReceived: number;
  quitMs: number;
  pageErrors: string[];
  /** IPC calls main answered before the rows were in the DOM, timed around the handler. */
  ipc: { channel: string; args: string; start: number; end: number }[];
}

/** One timed start, in ms since the moment before spawn. */
export interface WindowStart {
  /** Spawn → the window painted its first rows (or the empty library's message): the figure. */
  shownMs: number;
  /**
   * SessionDock's own steps: the entry loading → first rows, less the double opening the window's
   * page (where Electron would start a renderer process, also not counted here).
   */
  appMs: number;
  nodeUpMs: number;
  runnerLoadedMs: number;
  browserLaunchedMs: number;
  entryStartedMs: number;
  entryEvaluatedMs: number;
  readyEmittedMs: number;
  windowRequestedMs: number;
  navigationStartMs: number;
  domContentLoadedMs: number | null;
  shownDomMs: number;
  kind: 'rows' | 'empty';
  rows: number;
  countShownMs: number | null;
  longTasks: number;
  longTaskMs: number;
  /** Each long task: [start in ms since spawn, duration]. */
  longTaskList: [number, number][];
  quitMs: number;
  /** IPC calls before the first rows, in ms since spawn. */
  ipc: { channel: string; args: string; startMs: number; ms: number }[];
}

/** `<base>/appData-<size>`, whose SessionDock folder is (a link to) `dataDir`. */
export function appDataFor(base: string, size: number, dataDir: string): string {
  const appData = join(base, `appData-${size}`);
  const userData = join(appData, APP_NAME);
  mkdirSync(appData, { recursive: true });
  const target = resolve(dataDir);
  if (existsSync(userData) || isLink(userData)) {
    if (isLink(userData) && readlinkSync(userData) === target) return appData;
    rmSync(userData, { recursive: true, force: true });
  }
  symlinkSync(target, userData, 'dir');
  return appData;
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Starts the desktop app in a fresh process, waits for its first rows, quits it cleanly. */
export async function windowStart(appData: string): Promise<WindowStart> {
  // The clock starts before the process exists; the child's and the page's times are epoch ms.
  const spawnedAt = performance.timeOrigin + performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, appData], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolveExit, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode) => resolveExit(exitCode));
  });
  const line = stdout.split('\n').find((text) => text.startsWith(STARTUP_LINE_PREFIX));
  if (code !== 0 || !line) {
    throw new Error(`the desktop app's start failed (exit ${code}):\n${stderr}\n${stdout}`);
  }
  const times = JSON.parse(line.slice(STARTUP_LINE_PREFIX.length)) as StartupWindowTimes;
  if (times.pageErrors.length) throw new Error(`the window threw:\n${times.pageErrors.join('\n')}`);
  // The page's clock and node's are both the system clock; a report heard before it was made
  // would mean they disagree, and the figure could not be trusted.
  if (times.reportReceived + 5 < times.shownPainted) {
    throw new Error(
      `clocks disagree: the page painted at ${times.shownPainted}, the runner heard it at ${times.reportReceived}`,
    );
  }
  const library = join(appData, APP_NAME, 'library.sqlite');
  if (!existsSync(cleanShutdownPath(library)))
    throw new Error('quitting the app did not close the library cleanly');
  const since = (epoch: number): number => epoch - spawnedAt;
  return {
    shownMs: since(times.shownPainted),
    appMs: times.shownPainted - times.entryStarted - (times.navigationStart - times.windowRequested),
    nodeUpMs: since(times.processStart),
    runnerLoadedMs: since(times.runnerLoaded),
    browserLaunchedMs: since(times.browserLaunched),
    entryStartedMs: since(times.entryStarted),
    entryEvaluatedMs: since(times.entryEvaluated),
    readyEmittedMs: since(times.readyEmitted),
    windowRequestedMs: since(times.windowRequested),
    navigationStartMs: since(times.navigationStart),
    domContentLoadedMs: times.domContentLoaded === null ? null : since(times.domContentLoaded),
    shownDomMs: since(times.shownDom),
    kind: times.kind,
    rows: times.rows,
    countShownMs: times.countShown === null ? null : since(times.countShown),
    longTasks: times.longTasks,
    longTaskMs: times.longTaskMs,
    longTaskList: times.longTaskList.map(([start, ms]) => [since(start), ms]),
    quitMs: times.quitMs,
    ipc: times.ipc.map((call) => ({
      channel: call.channel,
      args: call.args,
      startMs: since(call.start),
      ms: call.end - call.start,
    })),
  };
}

/** What the window loads besides the main bundle (which scripts/headless.cjs checks). */
const WINDOW_INPUTS = ['src/renderer', 'src/preload', 'src/shared'];
const WINDOW_BUILT = ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html'];

/** Whether the built window (preload, renderer) is present and newer than its sources. */
export function builtWindowStatus(): { current: boolean; reason: string | null } {
  let oldest = Infinity;
  for (const built of WINDOW_BUILT) {
    const path = join(ROOT, built);
    if (!existsSync(path)) return { current: false, reason: `there is no ${built}` };
    oldest = Math.min(oldest, statSync(path).mtimeMs);
  }
  for (const input of WINDOW_INPUTS) {
    const folder = join(ROOT, input);
    if (!existsSync(folder)) continue;
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      if (statSync(path).mtimeMs > oldest)
        return { current: false, reason: `${relative(ROOT, path)} changed after the build` };
    }
  }
  return { current: true, reason: null };
}
