/**
 * The real peaks worker, plus the failures the pool must survive, chosen by the requested path's
 * ending: CRASH (exits), THROW (uncaught exception), HANG (busy, deaf to cancel), OOM (heap limit).
 * Registered before servePeaks, so the fault happens before the real job starts.
 */
import { parentPort } from 'node:worker_threads';
import { servePeaks } from '../../../src/main/core/audio/peaks-worker-runtime';
import type { ToWorker } from '../../../src/main/core/audio/worker-protocol';

if (parentPort === null) throw new Error('run me as a worker');

parentPort.on('message', (message: ToWorker) => {
  if (message.type !== 'compute') return;
  if (message.path.endsWith('CRASH')) process.exit(3); // in a worker: ends this thread only
  if (message.path.endsWith('THROW'))
    setImmediate(() => {
      throw new Error('decoder blew up');
    });
  if (message.path.endsWith('HANG')) {
    const until = Date.now() + 60_000;
    while (Date.now() < until); // a stuck decoder: never yields, so a cancel message never arrives
  }
  if (message.path.endsWith('OOM')) {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array<number>(1_000_000).fill(1));
  }
});
servePeaks(parentPort);
