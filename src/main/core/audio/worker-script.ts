import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What `new Worker()` needs to start the peaks worker in the current setting. */
export interface WorkerScript {
  url: URL;
  execArgv: string[];
}

/** The bundle's worker entry (electron.vite.config.ts main input `peaks-worker` → out/main/peaks-worker.js). */
export const BUNDLED_WORKER_FILE = 'peaks-worker.js';

/**
 * Finds the worker entry:
 *
 * - `override` (a path or file URL) when the host knows better (e.g. a packaged layout);
 * - running from TypeScript source (tsx, vitest): `peaks-worker.ts` next to this file, started with
 *   tsx's loader (`--import tsx`), since a worker thread does not inherit vitest's transform;
 * - running from the electron-vite bundle: this code sits in out/main/chunks/… or out/main/…, and the
 *   worker is its own entry, out/main/peaks-worker.js, so look beside this file and one folder up.
 */
export function resolvePeaksWorkerScript(override?: string | URL): WorkerScript {
  if (override !== undefined) {
    const url = override instanceof URL ? override : pathToFileURL(override);
    return { url, execArgv: url.pathname.endsWith('.ts') ? tsxExecArgv() : [] };
  }
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    return { url: pathToFileURL(join(dirname(here), 'peaks-worker.ts')), execArgv: tsxExecArgv() };
  }
  for (const candidate of [
    join(dirname(here), BUNDLED_WORKER_FILE),
    join(dirname(here), '..', BUNDLED_WORKER_FILE),
  ]) {
    if (existsSync(candidate)) return { url: pathToFileURL(candidate), execArgv: [] };
  }
  throw new Error(
    `peaks worker entry ${BUNDLED_WORKER_FILE} not found near ${here}: ` +
      'add src/main/core/audio/peaks-worker.ts as the `peaks-worker` input of the main build',
  );
}

/** tsx resolved from this project (not from the current directory), as a URL `--import` accepts. */
function tsxExecArgv(): string[] {
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(tsx).href];
}
