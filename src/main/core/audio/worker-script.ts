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
 *   worker is its own self-contained file, out/main/peaks-worker.js, so look beside this file and one
 *   folder up;
 * - in the packaged app that folder is inside app.asar, and the worker ships unpacked beside it
 *   (electron-builder's asarUnpack), so the `app.asar.unpacked` copy is preferred when it exists.
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
    for (const path of [asarUnpackedPath(candidate), candidate]) {
      if (path && existsSync(path)) return { url: pathToFileURL(path), execArgv: [] };
    }
  }
  throw new Error(
    `peaks worker entry ${BUNDLED_WORKER_FILE} not found near ${here}: ` +
      'add src/main/core/audio/peaks-worker.ts as the `peaks-worker` input of the main build',
  );
}

/** The same path in the archive's unpacked twin (`…/app.asar/x` → `…/app.asar.unpacked/x`), or null. */
export function asarUnpackedPath(path: string): string | null {
  const unpacked = path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
  return unpacked === path ? null : unpacked;
}

/** tsx resolved from this project (not from the current directory), as a URL `--import` accepts. */
function tsxExecArgv(): string[] {
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(tsx).href];
}
