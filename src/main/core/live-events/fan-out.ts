import type { SentEvent } from './backlog';
import type { Subscriber } from './subscriber';

/**
 * Under load, events are written to subscribers at most this often: one write per subscriber per
 * interval instead of per turn, which is most of what a crowd of subscribers costs the server. An
 * event after a quiet spell goes out at once.
 */
const FAN_OUT_INTERVAL_MS = 50;
/** Subscribers written to per turn of the event loop; requests are answered between slices. */
const FAN_OUT_SLICE = 25;

interface Run {
  batch: readonly SentEvent[];
  /** The batch's bytes joined once, for every subscriber that is up to date. */
  joined: Buffer | null;
  targets: Subscriber[];
  next: number;
}

/**
 * Writes published events to the subscribers that are up to date, without holding the event loop:
 * events are gathered for up to FAN_OUT_INTERVAL_MS, then written, FAN_OUT_SLICE subscribers a
 * turn. A subscriber anywhere else than right before the batch (behind, or resuming) is handed to
 * `behind`, which serves it from the backlog.
 */
export class FanOut {
  private pending: SentEvent[] = [];
  private lastStart = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  private running: Run | null = null;

  constructor(
    private readonly subscribers: () => Iterable<Subscriber>,
    private readonly behind: (subscriber: Subscriber) => void,
  ) {}

  add(event: SentEvent): void {
    this.pending.push(event);
  }

  /** Starts a fan-out of what was added, now or once the interval since the last one has passed. */
  request(): void {
    if (this.pending.length === 0 || this.timer || this.running) return;
    const wait = this.lastStart + FAN_OUT_INTERVAL_MS - performance.now();
    if (wait <= 0) this.start(FAN_OUT_SLICE);
    else this.timer = setTimeout(() => this.start(FAN_OUT_SLICE), wait);
  }

  /** Writes everything added so far to every subscriber now (before streams end). */
  flushAll(): void {
    this.continue(Number.POSITIVE_INFINITY);
    this.start(Number.POSITIVE_INFINITY);
  }

  private start(slice: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running || this.pending.length === 0) return;
    this.lastStart = performance.now();
    this.running = { batch: this.pending, joined: null, targets: [...this.subscribers()], next: 0 };
    this.pending = [];
    this.continue(slice);
  }

  private continue(slice: number): void {
    const run = this.running;
    if (!run) return;
    const end = Math.min(run.next + slice, run.targets.length);
    for (; run.next < end; run.next++) this.deliver(run, run.targets[run.next]!);
    if (run.next < run.targets.length) {
      setImmediate(() => {
        if (this.running === run) this.continue(FAN_OUT_SLICE);
      });
      return;
    }
    this.running = null;
    // A flush of everything ends here; a paced one starts the next when events are waiting.
    if (slice === FAN_OUT_SLICE) this.request();
  }

  private deliver(run: Run, subscriber: Subscriber): void {
    const first = run.batch[0]!.seq;
    const last = run.batch[run.batch.length - 1]!.seq;
    if (!subscriber.open || subscriber.catchingUp || subscriber.cursor >= last) return;
    if (subscriber.cursor !== first - 1) {
      this.behind(subscriber);
      return;
    }
    run.joined ??=
      run.batch.length === 1 ? run.batch[0]!.bytes : Buffer.concat(run.batch.map((event) => event.bytes));
    subscriber.send(run.joined, last);
  }
}
