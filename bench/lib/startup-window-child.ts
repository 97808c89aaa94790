/**
 * One cold start of the BUILT desktop app for bench/startup.bench.ts, in a process of its own:
 *
 *   node --import tsx bench/lib/startup-window-child.ts <appData>
 *
 * What run-built-app.ts does (the system Chromium for the windows, then out/main/index.js under the
 * Electron double, userData = <appData>/SessionDock), plus a probe in every page the app opens: a
 * MutationObserver installed before the page's own scripts that notes when the first session row
 * with content is inside the viewport (or, for an empty library, the "Add a folder" empty state),
 * then waits one frame so the browser has painted it. Once the window reported, the app is quit
 * through its normal path (the library closes cleanly) and one line goes to stdout:
 *
 *   startup-window: {"processStart":…,"runnerLoaded":…,"browserLaunched":…,"entryStarted":…,
 *                    "navigationStart":…,"shownDom":…,"shownPainted":…,"kind":"rows"|"empty","ipc":[…],…}
 *
 * (StartupWindowTimes in ./startup-window.ts). The handlers the built main registered are wrapped
 * to time main's work per IPC call; nothing else of the app or the double is changed.
 *
 * Every time is epoch milliseconds (`performance.timeOrigin + performance.now()` in this process or
 * in the page), so the parent can put them on the clock it started before spawning this process.
 */
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { DOUBLE_CHROMIUM_ARGS, launchBuiltApp } from '../../test/shell/electron-double/load-built-main';
// Not the e2e harness itself: importing it would load the whole core from its TypeScript sources
// into this process (~1 s under tsx), time that belongs to neither SessionDock's start nor Electron's.
import { CHROMIUM_ARGS } from '../../test/e2e/chromium-args';
import { STARTUP_LINE_PREFIX, type PageReport, type StartupWindowTimes } from './startup-window';

const runnerLoaded = performance.timeOrigin + performance.now();
const TIMEOUT_MS = Number(process.env.BENCH_STARTUP_WINDOW_TIMEOUT_MS ?? 180_000);

/** Runs in the page before its own scripts (a string: the node project compiles without DOM types). */
const PAGE_PROBE = String.raw`(() => {
  if (window.top !== window) return;
  // The page's main thread busy (tasks over 50 ms) before its rows: the renderer's own work.
  const longTasks = { count: 0, ms: 0, list: [] };
  try {
    new PerformanceObserver((list) => {
      for (const task of list.getEntries()) {
        longTasks.count++;
        longTasks.ms += task.duration;
        longTasks.list.push([performance.timeOrigin + task.startTime, task.duration]);
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const shown = () => {
    if (document.querySelector('[data-testid="empty-library"]')) return { kind: 'empty', rows: 0 };
    let rows = 0;
    for (const row of document.querySelectorAll('[data-testid="session-row"]')) {
      const rect = row.getBoundingClientRect();
      if (rect.height > 0 && rect.bottom > 0 && rect.top < innerHeight && row.textContent.trim() !== '')
        rows++;
    }
    return rows > 0 ? { kind: 'rows', rows } : null;
  };
  // The top bar's result count: set from the list's first answer, before the rows render.
  let countShown = null;
  const observer = new MutationObserver(() => {
    if (countShown === null && document.querySelector('[data-testid="result-count"]')?.textContent?.trim())
      countShown = performance.timeOrigin + performance.now();
    const found = shown();
    if (!found) return;
    observer.disconnect();
    const shownDom = performance.timeOrigin + performance.now();
    // After the next frame and one task more: the frame showing the rows has been produced.
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const shownPainted = performance.timeOrigin + performance.now();
        const navigation = performance.getEntriesByType('navigation')[0];
        globalThis.__startupWindowReport({
          ...found,
          navigationStart: performance.timeOrigin,
          domContentLoaded: navigation && navigation.domContentLoadedEventEnd
            ? performance.timeOrigin + navigation.domContentLoadedEventEnd
            : null,
          shownDom,
          shownPainted,
          countShown,
          longTasks: longTasks.count,
          longTaskMs: longTasks.ms,
          longTaskList: longTasks.list,
        });
      };
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
})()`;

/**
 * The browser the double opens windows in, with the probe added to every context it creates (the
 * double makes one context per window, when the app calls `loadFile`). Everything else goes to the
 * real browser.
 */
function probing(
  browser: Browser,
  onNewContext: () => void,
  onReport: (report: PageReport) => void,
): Browser {
  return new Proxy(browser, {
    get(target, property) {
      if (property === 'newContext') {
        return async (...args: Parameters<Browser['newContext']>): Promise<BrowserContext> => {
          onNewContext();
          const context = await target.newContext(...args);
          await context.exposeBinding('__startupWindowReport', (_source, report: PageReport) =>
            onReport(report),
          );
          await context.addInitScript(PAGE_PROBE);
          return context;
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function main(appData: string | undefined): Promise<void> {
  if (!appData) throw new Error('usage: startup-window-child.ts <appData>');
  const now = (): number => performance.timeOrigin + performance.now();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...DOUBLE_CHROMIUM_ARGS],
  });
  const browserLaunched = now();
  let resolveReport!: (report: PageReport & { received: number }) => void;
  const reported = new Promise<PageReport & { received: number }>((resolve) => (resolveReport = resolve));
  let windowRequested: number | null = null;
  const { electron, times: launched } = await launchBuiltApp({
    appData,
    browser: probing(
      browser,
      () => (windowRequested ??= now()),
      (report) => resolveReport({ ...report, received: now() }),
    ),
    args: [],
  });
  const epoch = (at: number): number => performance.timeOrigin + at;
  // The window's first IPC calls, timed where main answers them (the handlers the built main
  // registered when ready; the page makes its first call only after this).
  const ipc: StartupWindowTimes['ipc'] = [];
  for (const [channel, handler] of electron.handlers) {
    electron.handlers.set(channel, async (event, ...args) => {
      const start = now();
      try {
        return await handler(event, ...args);
      } finally {
        ipc.push({ channel, args: JSON.stringify(args).slice(1, -1).slice(0, 80), start, end: now() });
      }
    });
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the window showed no rows within ${TIMEOUT_MS} ms`)),
      TIMEOUT_MS,
    );
  });
  let quitting = false;
  const exitedEarly = new Promise<never>((_, reject) => {
    void electron.exited.then(
      (code) => quitting || reject(new Error(`the app exited (${code}) before its window showed rows`)),
    );
  });
  try {
    const report = await Promise.race([reported, timeout, exitedEarly]);
    const pageErrors = electron.windows.flatMap((window) => window.webContents.pageErrors);
    const quitStarted = now();
    quitting = true;
    (electron.module().app as { quit(): void }).quit();
    const code = await electron.exited;
    if (code !== 0) throw new Error(`the app exited with ${code} when quit`);
    const times: StartupWindowTimes = {
      processStart: performance.timeOrigin,
      runnerLoaded,
      browserLaunched,
      entryStarted: epoch(launched.entryStarted),
      entryEvaluated: epoch(launched.entryEvaluated),
      readyEmitted: epoch(launched.readyEmitted),
      windowRequested: windowRequested ?? report.navigationStart,
      kind: report.kind,
      rows: report.rows,
      navigationStart: report.navigationStart,
      domContentLoaded: report.domContentLoaded,
      shownDom: report.shownDom,
      shownPainted: report.shownPainted,
      countShown: report.countShown,
      longTasks: report.longTasks,
      longTaskMs: report.longTaskMs,
      longTaskList: report.longTaskList,
      reportReceived: report.received,
      quitMs: now() - quitStarted,
      pageErrors,
      ipc: ipc.filter((call) => call.start < report.shownDom),
    };
    process.stdout.write(`${STARTUP_LINE_PREFIX}${JSON.stringify(times)}\n`);
  } finally {
    clearTimeout(timer);
    await browser.close();
  }
}

main(process.argv[2]).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`startup-window-child: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
