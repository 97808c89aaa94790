import type { WireError } from './errors';
import type { PeaksResult } from './types';

/** Messages between PeaksWorkerPool and the peaks worker. Plain data: they cross a MessagePort. */
export type ToWorker =
  { type: 'compute'; id: number; path: string; points: number } | { type: 'cancel'; id: number };

/** `done` transfers `result.peaks`' buffer rather than copying it. */
export type FromWorker =
  { type: 'done'; id: number; result: PeaksResult } | { type: 'failed'; id: number; error: WireError };
