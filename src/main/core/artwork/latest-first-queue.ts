/** A job the queue dropped to make room for newer ones; the caller may simply ask again. */
export class JobDroppedError extends Error {
  constructor() {
    super('dropped: newer requests came first');
    this.name = 'JobDroppedError';
  }
}

/** The caller stopped waiting (its AbortSignal fired) before the job ran. */
export class JobAbortedError extends Error {
  constructor() {
    super('the request went away before its turn');
    this.name = 'JobAbortedError';
  }
}

export interface RunOptions {
  /** When it fires before the job starts, the caller stops waiting; a job nobody waits for is never run. */
  signal?: AbortSignal;
  /**
   * May be dropped while waiting when too many are waiting (the window's thumbnails, which a fast
   * scroll leaves behind). A job is droppable only while every caller waiting for it allows it.
   */
  droppable?: boolean;
}

interface Waiter {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  droppable: boolean;
  detach(): void;
}

interface Job {
  key: string;
  work: () => Promise<unknown>;
  waiters: Set<Waiter>;
  running: boolean;
  /** The waiting list, oldest first: a doubly linked list so any job leaves or moves in O(1). */
  newer: Job | null;
  older: Job | null;
}

/**
 * Runs async jobs a few at a time, newest first. A grid scrolled fast asks for thumbnails of rows
 * already gone by the time a slot is free: the newest requests are the ones on screen, so they run
 * first; jobs whose callers went away (aborted) are never run; and when more than `maxWaiting`
 * droppable jobs wait, the oldest of them are dropped (JobDroppedError). Jobs with the same key
 * share one run, and a request for a waiting key moves it to the front.
 */
export class LatestFirstQueue {
  private readonly jobs = new Map<string, Job>();
  private oldest: Job | null = null;
  private newest: Job | null = null;
  private waitingCount = 0;
  private droppableWaiting = 0;
  private runningCount = 0;

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
  ) {
    if (concurrency < 1 || maxWaiting < 0) throw new Error('LatestFirstQueue: invalid limits');
  }

  /** Jobs waiting for a slot and jobs running now (for tests and benchmarks). */
  counts(): { waiting: number; running: number } {
    return { waiting: this.waitingCount, running: this.runningCount };
  }

  run<T>(key: string, work: () => Promise<T>, options: RunOptions = {}): Promise<T> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new JobAbortedError());
    let job = this.jobs.get(key);
    if (job && !job.running) this.unlink(job);
    if (!job) {
      job = { key, work, waiters: new Set(), running: false, newer: null, older: null };
      this.jobs.set(key, job);
    }
    const promise = new Promise<T>((resolve, reject) => {
      const onAbort = (): void => this.abandon(job, waiter);
      const waiter: Waiter = {
        resolve: resolve as (value: unknown) => void,
        reject,
        droppable: options.droppable === true,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      job.waiters.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    if (!job.running) {
      this.link(job);
      this.dropOverflow();
      this.pump();
    }
    return promise;
  }

  private pump(): void {
    while (this.runningCount < this.concurrency && this.newest) {
      const job = this.newest;
      this.unlink(job);
      job.running = true;
      this.runningCount++;
      void this.execute(job);
    }
  }

  private async execute(job: Job): Promise<void> {
    let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: await job.work() };
    } catch (error) {
      outcome = { ok: false, error };
    }
    this.jobs.delete(job.key);
    this.runningCount--;
    for (const waiter of job.waiters) {
      waiter.detach();
      if (outcome.ok) waiter.resolve(outcome.value);
      else waiter.reject(outcome.error);
    }
    this.pump();
  }

  /** A caller gave up: it stops waiting, and a waiting job nobody wants any more is forgotten. */
  private abandon(job: Job, waiter: Waiter): void {
    if (!job.waiters.has(waiter)) return;
    if (this.isLinked(job) && job.waiters.size === 1) {
      // Unlinked while its last caller is still counted, so the droppable count stays right.
      this.unlink(job);
      this.jobs.delete(job.key);
    } else if (this.isLinked(job)) {
      // It keeps its place; the callers left may all allow dropping now.
      const wasDroppable = isDroppable(job);
      job.waiters.delete(waiter);
      this.droppableWaiting += Number(isDroppable(job)) - Number(wasDroppable);
    }
    job.waiters.delete(waiter);
    waiter.reject(new JobAbortedError());
  }

  private dropOverflow(): void {
    for (let job = this.oldest; job && this.droppableWaiting > this.maxWaiting;) {
      const next = job.newer;
      if (isDroppable(job)) {
        this.unlink(job);
        this.jobs.delete(job.key);
        for (const waiter of job.waiters) {
          waiter.detach();
          waiter.reject(new JobDroppedError());
        }
      }
      job = next;
    }
  }

  /** Puts the job at the newest end of the waiting list. */
  private link(job: Job): void {
    job.older = this.newest;
    job.newer = null;
    if (this.newest) this.newest.newer = job;
    else this.oldest = job;
    this.newest = job;
    this.waitingCount++;
    if (isDroppable(job)) this.droppableWaiting++;
  }

  private isLinked(job: Job): boolean {
    return job.older !== null || job.newer !== null || this.oldest === job;
  }

  private unlink(job: Job): void {
    if (!this.isLinked(job)) return;
    if (job.older) job.older.newer = job.newer;
    else this.oldest = job.newer;
    if (job.newer) job.newer.older = job.older;
    else this.newest = job.older;
    job.older = null;
    job.newer = null;
    this.waitingCount--;
    if (isDroppable(job)) this.droppableWaiting--;
  }
}

function isDroppable(job: Job): boolean {
  if (job.waiters.size === 0) return false;
  for (const waiter of job.waiters) if (!waiter.droppable) return false;
  return true;
}
