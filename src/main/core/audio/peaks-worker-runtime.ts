import type { MessagePort } from 'node:worker_threads';
import { computePeaks } from './compute-peaks';
import { toWire } from './errors';
import type { FromWorker, ToWorker } from './worker-protocol';

/**
 * The worker's side of the protocol: runs computePeaks for each `compute` message and answers with
 * `done` or `failed`; a `cancel` aborts the job between two chunks. Kept apart from the entry file so
 * tests can wrap it (to simulate a crash) without starting a second listener.
 */
export function servePeaks(port: MessagePort): void {
  const running = new Map<number, AbortController>();
  port.on('message', (message: ToWorker) => {
    if (message.type === 'cancel') {
      running.get(message.id)?.abort();
      return;
    }
    const controller = new AbortController();
    running.set(message.id, controller);
    computePeaks(message.path, { points: message.points, signal: controller.signal })
      .then((result) => {
        const reply: FromWorker = { type: 'done', id: message.id, result };
        port.postMessage(reply, [result.peaks.buffer as ArrayBuffer]);
      })
      .catch((error: unknown) => {
        const reply: FromWorker = { type: 'failed', id: message.id, error: toWire(error) };
        port.postMessage(reply);
      })
      .finally(() => running.delete(message.id));
  });
}

/**
 * The WASM decoders log every damaged frame with console.error and also report it in their results;
 * in the worker those lines would only flood the app's log with what we already turn into errors.
 */
export function muteDecoderLogs(): void {
  const original = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    const first = args[0];
    if (typeof first === 'string' && /^(@wasm-audio-decoders\/flac|mpg123-decoder):/.test(first)) return;
    original(...args);
  };
}
