import { resolveWorkerScript, type WorkerScript } from '../workers/worker-script';

export type { WorkerScript };

/** The bundle's worker entry (electron.vite.config.ts: peaks-worker.ts → out/main/peaks-worker.js). */
export const BUNDLED_WORKER_FILE = 'peaks-worker.js';

/**
 * The peaks worker's entry in the current setting — from TypeScript source beside this file, from
 * the bundle, or the packaged app's unpacked copy (see workers/worker-script.ts), or `override`.
 */
export function resolvePeaksWorkerScript(override?: string | URL): WorkerScript {
  return resolveWorkerScript(import.meta.url, 'peaks-worker.ts', BUNDLED_WORKER_FILE, override);
}
