import type { ServerResponse } from 'node:http';

export interface SubscriberHooks {
  /** The stream closed, whatever the cause. */
  closed(subscriber: Subscriber): void;
  /** The stream was cut off for not reading. */
  dropped(subscriber: Subscriber): void;
}

/**
 * One open stream. Writes never wait: a subscriber whose socket holds more than `limit` bytes it
 * has not taken is destroyed (its client may come back with Last-Event-ID), so a stalled reader
 * costs at most that much memory and never slows anyone else.
 */
export class Subscriber {
  /** The seq of the last event this stream was given (or started after). */
  cursor: number;
  /** Still being given backlog events, as its socket drains, before it receives live ones. */
  catchingUp = false;
  private closed = false;

  constructor(
    private readonly response: ServerResponse,
    /** Streams opened before an announcement that ends streams are ended by it; later ones are not. */
    readonly serial: number,
    start: number,
    private readonly limit: number,
    private readonly hooks: SubscriberHooks,
  ) {
    this.cursor = start;
    response.on('close', () => {
      this.closed = true;
      hooks.closed(this);
    });
    // A write racing the client's disconnect fails on a socket that is already gone: nothing to do.
    response.on('error', () => {});
  }

  get open(): boolean {
    return !this.closed && !this.response.destroyed && !this.response.writableEnded;
  }

  /** Bytes written to this stream that its client has not taken yet. */
  get unsent(): number {
    return this.response.writableLength;
  }

  /** Writes and, when `seq` is given, moves the cursor; false when the stream is gone or was dropped. */
  send(bytes: Buffer, seq?: number): boolean {
    if (!this.open) return false;
    // Judged before this write: what the client left unread since the last one, so a healthy
    // client is never dropped for one burst larger than the limit.
    if (this.response.writableLength > this.limit) {
      this.drop();
      return false;
    }
    this.response.write(bytes);
    if (seq !== undefined) this.cursor = seq;
    return true;
  }

  /** Calls `listener` each time the socket has taken everything written so far. */
  onDrain(listener: () => void): void {
    this.response.on('drain', listener);
  }

  /**
   * Ends the stream; resolves once it has closed. A client that has not taken the end within
   * `graceMs` is cut off, so a stalled one never holds a stop or a restart up.
   */
  end(graceMs: number): Promise<void> {
    if (!this.open) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.response.destroy(), graceMs);
      this.response.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.response.end();
    });
  }

  /** Cuts off a client that does not read (over the limit, or behind the backlog). */
  drop(): void {
    if (!this.open) return;
    this.closed = true;
    this.hooks.dropped(this);
    this.response.destroy();
  }
}
