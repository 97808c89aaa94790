/**
 * bench:ui's main-process figure: the core, the IPC handlers and the Local API — what the desktop
 * app's main process runs besides Electron itself, and what the e2e harness runs in node — alone
 * in a fresh process (forked by bench/ui.bench.ts with --expose-gc), with no Playwright, no
 * seeding and no benchmark code around them. It opens the library, starts the API, answers the
 * IPC calls the window made in the benchmark (recorded there, replayed here in order), lets things
 * settle and reports `process.memoryUsage()`, before and after a forced GC.
 *
 *   argv: <dataDir>; then one message { load: RecordedCall[], use: RecordedCall[] };
 *   answers with one message (MainProcessReport) and exits.
 */
import { ApiServer } from '../../src/main/core/api/api-server';
import { createCore } from '../../src/main/core/create-core';
import { createIpcHandlers, type IpcHandlers } from '../../src/main/ipc/handlers';

export interface RecordedCall {
  channel: string;
  args: unknown[];
}

export interface MemorySample {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export interface MainProcessReport {
  /** Library open, API listening, before any call from the window. */
  opened: MemorySample;
  /** After the window's page load (its calls replayed) and SETTLE_MS of idle. */
  idle: MemorySample;
  idleAfterGc: MemorySample;
  /** After the rest of the run's calls too (scrolling, searching) and SETTLE_MS of idle. */
  used: MemorySample;
  usedAfterGc: MemorySample;
  /** useReplayed: how many of `use` were answered within USE_BUDGET_MS. */
  calls: { load: number; use: number; useReplayed: number; failed: number };
  gcExposed: boolean;
}

const SETTLE_MS = 3000;
/** The run's later calls are replayed for at most this long (a 1M library's one-letter searches are slow). */
const USE_BUDGET_MS = 60_000;

const sample = (): MemorySample => {
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, external, arrayBuffers };
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(dataDir: string, load: RecordedCall[], use: RecordedCall[]): Promise<MainProcessReport> {
  const core = createCore({ dataDir });
  const api = new ApiServer(core, { portOverride: 0 });
  await api.start();
  const handlers = createIpcHandlers(core, api, {
    revealPath: async () => false,
    chooseProjectPath: async () => null,
    chooseFolder: async () => null,
    chooseAudioFiles: async () => [],
    mediaUrl: (sessionId, previewId) => `sessiondock-media://preview/${sessionId}/${previewId}`,
  });
  const gc = globalThis.gc;
  const collect = async (): Promise<void> => {
    gc?.();
    await sleep(300);
  };
  let failed = 0;
  let replayed = 0;
  const replay = async (calls: RecordedCall[], budgetMs = Infinity): Promise<void> => {
    const started = performance.now();
    for (const { channel, args } of calls) {
      if (performance.now() - started > budgetMs) break;
      replayed++;
      const handler = handlers[channel as keyof IpcHandlers] as
        ((...a: unknown[]) => Promise<unknown>) | undefined;
      // As the IPC transport does: a structured clone each way.
      if (!handler) failed++;
      else structuredClone(await handler(...structuredClone(args)));
    }
  };
  try {
    await sleep(200);
    const opened = sample();
    await replay(load);
    await sleep(SETTLE_MS);
    const idle = sample();
    await collect();
    const idleAfterGc = sample();
    replayed = 0;
    await replay(use, USE_BUDGET_MS);
    await sleep(SETTLE_MS);
    const used = sample();
    await collect();
    const usedAfterGc = sample();
    return {
      opened,
      idle,
      idleAfterGc,
      used,
      usedAfterGc,
      calls: { load: load.length, use: use.length, useReplayed: replayed, failed },
      gcExposed: typeof gc === 'function',
    };
  } finally {
    await api.stop();
    core.close();
  }
}

const dataDir = process.argv[2];
if (!dataDir || !process.send)
  throw new Error('usage: fork ui-main-process-child <dataDir>, then send the calls');
process.once('message', (message: { load: RecordedCall[]; use: RecordedCall[] }) => {
  main(dataDir, message.load, message.use).then(
    (report) => process.send!(report, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
