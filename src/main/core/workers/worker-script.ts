import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What `new Worker()` needs to start a worker entry in the current setting. */
export interface WorkerScript {
  url: URL;
  execArgv: string[];
}

/**
 * Finds a worker entry (see src/main/core/workers/README.md):
 * - `override` (a path or file URL) when the host knows better;
 * - from TypeScript source (tsx, vitest): `sourceFile` (a URL of the entry's .ts), started with
 *   tsx's loader, since a worker thread does not inherit vitest's transform;
 * - from the electron-vite bundle: `bundledFile` beside the calling chunk or one folder up
 *   (out/main/), preferring the `app.asar.unpacked` twin in the packaged app.
 */
export function resolveWorkerScript(
  callerUrl: string,
  sourceFile: string,
  bundledFile: string,
  override?: string | URL,
): WorkerScript {
  if (override !== undefined) {
    const url = override instanceof URL ? override : pathToFileURL(override);
    return { url, execArgv: url.pathname.endsWith('.ts') ? tsxExecArgv() : [] };
  }
  const here = fileURLToPath(callerUrl);
  if (here.endsWith('.ts')) {
    return { url: pathToFileURL(join(dirname(here), sourceFile)), execArgv: tsxExecArgv() };
  }
  const bundled = bundledFileNear(here, bundledFile);
  if (bundled !== null) return { url: pathToFileURL(bundled), execArgv: [] };
  throw new Error(
    `worker entry ${bundledFile} not found near ${here}: add ${sourceFile} as a self-contained ` +
      'worker in electron.vite.config.ts',
  );
}

/**
 * A file the build puts in out/main/ (a worker, the MCP bridge), seen from a bundle chunk at
 * `here` (out/main/ or out/main/chunks/): the packaged app's unpacked copy first. Null if absent.
 */
export function bundledFileNear(here: string, file: string): string | null {
  for (const candidate of [join(dirname(here), file), join(dirname(here), '..', file)]) {
    for (const path of [asarUnpackedPath(candidate), candidate]) {
      if (path && existsSync(path)) return path;
    }
  }
  return null;
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
