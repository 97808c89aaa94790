/**
 * Entry of the peaks worker thread (see README: how it is found in development and in the bundle).
 * Decoding is CPU-bound; here it can never stall the main process's event loop (IPC, the Local API).
 */
import { parentPort } from 'node:worker_threads';
import { muteDecoderLogs, servePeaks } from './peaks-worker-runtime';

if (parentPort === null) throw new Error('peaks-worker must run as a worker thread');
muteDecoderLogs();
servePeaks(parentPort);
