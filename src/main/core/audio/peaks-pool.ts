import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fromWire, PeaksCancelledError, PeaksTimeoutError, unreadable } from './errors';
import { checkPoints } from './points';
import { DEFAULT_POINTS, type PeaksResult } from './types';
import type { FromWorker, ToWorker } from './worker-protocol';
import { resolvePeaksWorkerScript, type WorkerScript } from './worker-script';

export interface PeaksPoolOptions {
  /** Worker threads. Default: one per core beyond the first, at most 2 (waveforms are a background job). */
  size?: number;
  /** Time limit per job, counted from when a worker starts it (not while queued). Default 120 s. */
  timeoutMs?: number;
  /** A worker with nothing to do exits after this long, releasing its WASM memory. Default 30 s. */
  idleTimeoutMs?: number;
  /** After a cancel, how long a worker may take to stop on its own before it is terminated. Default 2 s. */
  cancelGraceMs?: number;
  /** V8 heap limit per worker in MB, so a pathological file cannot exhaust the main process. Default 512. */
  maxHeapMb?: number;
  /** The worker entry, when the default lookup (see worker-script.ts) does not fit the layout. */
  workerScript?: string | URL;
}

export interface PeaksRequestOptions {
  signal?: AbortSignal;
  /** Overrides the pool's timeoutMs for this job. */
  timeoutMs?: number;
}

export interface PeaksPoolStats {
  workers: number;
  busy: number;
  queued: number;
  /** Workers that died on their own (crash, out of memory) since the pool was created. */
  crashes: number;
}

interface Job {
  id: number;
  path: string;
  points: number;
  timeoutMs: number;
  resolve: (result: PeaksResult) => void;
  reject: (error: Error) => void;
  settled: boolean;
  detach: () => void;
}

interface Slot {
  worker: Worker | null;
  /** The job the worker is busy with; a cancelled job stays here until the worker acknowledges it. */
  job: Job | null;
  /** The running job's time limit, or the grace period after a cancel. */
  timer: NodeJS.Timeout | null;
  idleTimer: NodeJS.Timeout | null;
  lastError: Error | null;
}

/**
 * Computes peaks off the main thread: a FIFO queue in front of a few worker threads, each running
 * one job at a time. A job ends in exactly one of: its PeaksResult, UnreadableAudioError (bad file, or
 * the worker died decoding it: `worker_crashed`), PeaksTimeoutError, PeaksCancelledError. A worker
 * that crashes, hangs past its time limit or ignores a cancel is terminated and replaced on demand;
 * the pool itself keeps serving. Idle workers are unref'd, so they never keep a process alive.
 */
export class PeaksWorkerPool {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private readonly retired = new WeakSet<Worker>();
  private readonly options: Required<Omit<PeaksPoolOptions, 'workerScript' | 'size'>>;
  private script: WorkerScript | null = null;
  private nextId = 1;
  private crashes = 0;
  private closed = false;

  constructor(private readonly poolOptions: PeaksPoolOptions = {}) {
    const size = poolOptions.size ?? Math.min(2, Math.max(1, availableParallelism() - 1));
    if (!Number.isInteger(size) || size < 1) throw new RangeError('size must be a positive integer');
    this.slots = Array.from({ length: size }, () => ({
      worker: null,
      job: null,
      timer: null,
      idleTimer: null,
      lastError: null,
    }));
    this.options = {
      timeoutMs: poolOptions.timeoutMs ?? 120_000,
      idleTimeoutMs: poolOptions.idleTimeoutMs ?? 30_000,
      cancelGraceMs: poolOptions.cancelGraceMs ?? 2_000,
      maxHeapMb: poolOptions.maxHeapMb ?? 512,
    };
  }

  /** Peaks of `path` (`points` pairs, 16–20,000, default 1,000), computed in a worker. */
  peaks(path: string, points = DEFAULT_POINTS, request: PeaksRequestOptions = {}): Promise<PeaksResult> {
    try {
      checkPoints(points);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    if (this.closed) return Promise.reject(new PeaksCancelledError('the peaks pool is closed'));
    const { signal } = request;
    if (signal?.aborted) return Promise.reject(new PeaksCancelledError());
    return new Promise<PeaksResult>((resolve, reject) => {
      const onAbort = (): void => this.cancel(job);
      const job: Job = {
        id: this.nextId++,
        path,
        points,
        timeoutMs: request.timeoutMs ?? this.options.timeoutMs,
        resolve,
        reject,
        settled: false,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  get stats(): PeaksPoolStats {
    return {
      workers: this.slots.filter((slot) => slot.worker !== null).length,
      busy: this.slots.filter((slot) => slot.job !== null).length,
      queued: this.queue.length,
      crashes: this.crashes,
    };
  }

  /** Rejects queued and running jobs with PeaksCancelledError and stops every worker. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0))
      this.settle(job, new PeaksCancelledError('the peaks pool is closed'));
    const stopping: Promise<number>[] = [];
    for (const slot of this.slots) {
      if (slot.job !== null) this.settle(slot.job, new PeaksCancelledError('the peaks pool is closed'));
      const worker = this.retire(slot);
      if (worker !== null) stopping.push(worker.terminate());
    }
    await Promise.all(stopping);
  }

  private pump(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      // A loop, not an if: when a worker cannot even be started, start() fails the job and the
      // slot stays free for the next one.
      while (slot.job === null) {
        let job = this.queue.shift();
        while (job !== undefined && job.settled) job = this.queue.shift();
        if (job === undefined) return;
        this.start(slot, job);
      }
    }
  }

  private start(slot: Slot, job: Job): void {
    if (slot.idleTimer !== null) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    let worker: Worker;
    try {
      worker = slot.worker ?? this.spawn(slot);
    } catch (error) {
      // A missing worker entry is a packaging bug, not a bad file: it surfaces as a plain Error.
      this.settle(job, error instanceof Error ? error : new Error(String(error)));
      return;
    }
    slot.job = job;
    worker.ref(); // a running job keeps the process alive, as any pending I/O would
    slot.timer = setTimeout(() => this.onTimeout(slot, job), job.timeoutMs);
    const message: ToWorker = { type: 'compute', id: job.id, path: job.path, points: job.points };
    worker.postMessage(message);
  }

  private spawn(slot: Slot): Worker {
    this.script ??= resolvePeaksWorkerScript(this.poolOptions.workerScript);
    const worker = new Worker(this.script.url, {
      execArgv: this.script.execArgv,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb },
    });
    slot.worker = worker;
    slot.lastError = null;
    worker.on('message', (message: FromWorker) => {
      if (slot.worker === worker) this.onMessage(slot, message);
    });
    worker.on('error', (error: Error) => {
      if (slot.worker === worker) slot.lastError = error;
    });
    worker.on('exit', (code: number) => {
      if (!this.retired.has(worker) && slot.worker === worker) this.onCrash(slot, code);
    });
    return worker;
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    const job = slot.job;
    if (job === null || message.id !== job.id) return; // a late answer for a job already replaced
    this.free(slot);
    if (message.type === 'done') this.settle(job, message.result);
    else this.settle(job, fromWire(message.error));
    this.idle(slot);
    this.pump();
  }

  private onCrash(slot: Slot, code: number): void {
    const job = slot.job;
    const cause = slot.lastError?.message ?? `exit code ${code}`;
    this.crashes++;
    slot.worker = null;
    this.free(slot);
    if (slot.idleTimer !== null) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    if (job !== null)
      this.settle(job, unreadable('worker_crashed', `the peaks worker died decoding this file (${cause})`));
    this.pump();
  }

  /** Past its time limit the job is failed and its worker terminated: it may be stuck where a cancel cannot reach. */
  private onTimeout(slot: Slot, job: Job): void {
    if (slot.job !== job) return;
    this.settle(job, new PeaksTimeoutError(`peaks computation took longer than ${job.timeoutMs} ms`));
    void this.retire(slot)?.terminate();
    this.pump();
  }

  private cancel(job: Job): void {
    if (job.settled) return;
    this.settle(job, new PeaksCancelledError());
    const queued = this.queue.indexOf(job);
    if (queued !== -1) {
      this.queue.splice(queued, 1);
      return;
    }
    const slot = this.slots.find((candidate) => candidate.job === job);
    if (slot === undefined || slot.worker === null) return;
    // Ask the worker to stop between two chunks; it answers `failed`/`cancelled` and frees the slot.
    const message: ToWorker = { type: 'cancel', id: job.id };
    slot.worker.postMessage(message);
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      if (slot.job !== job) return;
      void this.retire(slot)?.terminate();
      this.pump();
    }, this.options.cancelGraceMs);
  }

  private settle(job: Job, outcome: PeaksResult | Error): void {
    if (job.settled) return;
    job.settled = true;
    job.detach();
    if (outcome instanceof Error) job.reject(outcome);
    else job.resolve(outcome);
  }

  private free(slot: Slot): void {
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
  }

  private idle(slot: Slot): void {
    const worker = slot.worker;
    if (worker === null) return;
    worker.unref();
    slot.idleTimer = setTimeout(() => {
      if (slot.job === null && slot.worker === worker) void this.retire(slot)?.terminate();
    }, this.options.idleTimeoutMs);
    slot.idleTimer.unref();
  }

  /** Detaches the slot's worker (so its exit is not taken for a crash) and returns it for terminate(). */
  private retire(slot: Slot): Worker | null {
    const worker = slot.worker;
    this.free(slot);
    if (slot.idleTimer !== null) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    slot.worker = null;
    if (worker !== null) this.retired.add(worker);
    return worker;
  }
}
