import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { resolveWorkerScript, type WorkerScript } from '../workers/worker-script';
import type { ProjectReadOutcome } from './read-project';

/** Messages between ProjectReadPool and project-worker.ts (plain data across a MessagePort). */
export interface ProjectJob {
  id: number;
  path: string;
}
export interface ProjectJobDone {
  id: number;
  outcome: ProjectReadOutcome;
}

export interface ProjectPoolOptions {
  /**
   * Worker threads. Default: one per core, at most 2. Unlike waveforms, reads come in bursts (an
   * import of a folder) that end soon, and the main thread only stores their results.
   */
  size?: number;
  /** A worker silent this long on its oldest job is stopped; that job is `unreadable`. Default 30 s. */
  timeoutMs?: number;
  /** An idle worker exits after this long. Default 20 s. */
  idleTimeoutMs?: number;
  /** The worker entry, when the default lookup does not fit the layout. */
  workerScript?: string | URL;
}

/** Reads projects somewhere else than the main thread; tests may pass a plain function instead. */
export interface ProjectReadSource {
  read(path: string): Promise<ProjectReadOutcome>;
}

interface Pending {
  job: ProjectJob;
  resolve: (outcome: ProjectReadOutcome) => void;
}

interface Slot {
  worker: Worker | null;
  /** Jobs sent to this worker, oldest first: it answers them in order. */
  inFlight: Pending[];
  timer: NodeJS.Timeout | null;
  idleTimer: NodeJS.Timeout | null;
}

/** Jobs handed to a worker ahead of time, so it never waits for the main thread between two. */
const PIPELINE_DEPTH = 8;

/**
 * Reads project files in worker threads. A read always resolves (never rejects): a worker that
 * crashes or hangs on a file makes that file `unreadable` and is replaced; the jobs queued behind
 * it are sent again. Idle workers are unref'd and exit, so the pool never keeps a process alive.
 */
export class ProjectReadPool implements ProjectReadSource {
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private readonly timeoutMs: number;
  private readonly idleTimeoutMs: number;
  private script: WorkerScript | null = null;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: ProjectPoolOptions = {}) {
    const size = options.size ?? Math.min(2, Math.max(1, availableParallelism()));
    this.slots = Array.from({ length: size }, () => ({
      worker: null,
      inFlight: [],
      timer: null,
      idleTimer: null,
    }));
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 20_000;
  }

  read(path: string): Promise<ProjectReadOutcome> {
    if (this.closed) return Promise.resolve(unreadable('SessionDock is closing'));
    return new Promise((resolve) => {
      this.queue.push({ job: { id: this.nextId++, path }, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.resolve(unreadable('SessionDock is closing'));
    await Promise.all(
      this.slots.map((slot) => {
        for (const pending of slot.inFlight.splice(0)) pending.resolve(unreadable('SessionDock is closing'));
        return this.retire(slot)?.terminate();
      }),
    );
  }

  private pump(): void {
    if (this.closed) return;
    while (this.queue.length > 0) {
      // The least busy worker takes the next job.
      const slot = this.slots.reduce((a, b) => (b.inFlight.length < a.inFlight.length ? b : a));
      if (slot.inFlight.length >= PIPELINE_DEPTH) return;
      const pending = this.queue.shift()!;
      let worker: Worker;
      try {
        worker = slot.worker ?? this.spawn(slot);
      } catch (error) {
        // A missing worker entry is a packaging bug: every read says so rather than hanging.
        pending.resolve(unreadable(`the project reader could not start (${String(error)})`));
        continue;
      }
      if (slot.idleTimer !== null) clearTimeout(slot.idleTimer);
      slot.idleTimer = null;
      slot.inFlight.push(pending);
      worker.ref();
      if (slot.timer === null) this.arm(slot);
      worker.postMessage(pending.job);
    }
  }

  private spawn(slot: Slot): Worker {
    this.script ??= resolveWorkerScript(
      import.meta.url,
      'project-worker.ts',
      'project-worker.js',
      this.options.workerScript,
    );
    const worker = new Worker(this.script.url, {
      execArgv: this.script.execArgv,
      // A pathological file fails alone (the worker dies, the file is unreadable) long before the app runs dry.
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
    slot.worker = worker;
    worker.on('message', (done: ProjectJobDone) => {
      if (slot.worker !== worker) return;
      const index = slot.inFlight.findIndex((pending) => pending.job.id === done.id);
      if (index === -1) return;
      const [pending] = slot.inFlight.splice(index, 1);
      pending!.resolve(done.outcome);
      this.rearm(slot);
      this.pump();
    });
    worker.on('error', () => {}); // the exit that follows is handled below
    worker.on('exit', (code) => {
      if (slot.worker === worker)
        this.fail(slot, `the project reader stopped on this file (exit code ${code})`);
    });
    return worker;
  }

  /** The oldest job is the one the worker is on: it fails, the rest go back to the queue. */
  private fail(slot: Slot, reason: string): void {
    const [oldest, ...rest] = slot.inFlight.splice(0);
    void this.retire(slot)?.terminate();
    oldest?.resolve(unreadable(reason));
    this.queue.unshift(...rest);
    this.pump();
  }

  private arm(slot: Slot): void {
    slot.timer = setTimeout(
      () => this.fail(slot, `reading the project took longer than ${this.timeoutMs / 1000} s`),
      this.timeoutMs,
    );
  }

  private rearm(slot: Slot): void {
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    if (slot.inFlight.length > 0) {
      this.arm(slot);
      return;
    }
    const worker = slot.worker;
    worker?.unref();
    slot.idleTimer = setTimeout(() => {
      if (slot.inFlight.length === 0 && slot.worker === worker) void this.retire(slot)?.terminate();
    }, this.idleTimeoutMs);
    slot.idleTimer.unref();
  }

  private retire(slot: Slot): Worker | null {
    const worker = slot.worker;
    slot.worker = null;
    if (slot.timer !== null) clearTimeout(slot.timer);
    if (slot.idleTimer !== null) clearTimeout(slot.idleTimer);
    slot.timer = null;
    slot.idleTimer = null;
    return worker;
  }
}

function unreadable(reason: string): ProjectReadOutcome {
  return { status: 'unreadable', message: `The project file cannot be read: ${reason}.`, metadata: null };
}
