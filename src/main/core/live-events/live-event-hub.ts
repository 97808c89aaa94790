import type { ServerResponse } from 'node:http';
import { AppError } from '../../../shared/errors';
import type { CoreEvents } from '../events';
import { Backlog } from './backlog';
import { DurableQueue } from './durable-queue';
import { FanOut } from './fan-out';
import { formatEventId, newRunId, seqOfEventId } from './event-id';
import { liveEventsOf, type SessionReader } from './from-core-event';
import {
  BACKLOG_MAX_BYTES,
  BACKLOG_MAX_EVENTS,
  DEFAULT_CLIENT_BUFFER_LIMIT,
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_MAX_STREAMS,
  type LiveEventBody,
  type LiveEventOptions,
  type LocalApiChange,
  type ResyncReason,
} from './live-event';
import { Subscriber } from './subscriber';
import { HEARTBEAT, eventFrame, resyncFrame, streamPreamble } from './wire';

/** What the hub listens to: the core's events, and when its writes are on disk. */
export interface LiveEventSource {
  events: CoreEvents;
  writes: { durable(): Promise<void> };
  sessions: SessionReader;
}

interface Queued {
  body: LiveEventBody | null;
  at: Date;
  /** An announcement: streams opened before it (serial below) end once it was sent; then `done`. */
  endBefore?: number;
  done?: () => void;
}

/** Backlog bytes handed to a resuming client at a time, the next once its socket has drained. */
const CATCH_UP_CHUNK = 64 * 1024;
/** How long an ended stream's client gets to take its last bytes before it is cut off. */
const END_GRACE_MS = 250;
/** Earlier runs remembered, so their ids are told apart from ids that never existed. */
const RUNS_REMEMBERED = 16;

export interface LiveEventStats {
  subscribers: number;
  backlog: { events: number; bytes: number };
  latestId: string;
  /** Subscribers dropped for not reading (over the buffer limit, or behind the backlog). */
  dropped: number;
  /**
   * Bytes written to subscribers that their clients have not taken yet, summed over subscribers
   * (one batch queued for several is one Buffer in memory, counted once for each).
   */
  unsent: number;
}

/**
 * The live event stream behind `GET /api/v1/events` (see README.md here). Core events are held
 * until their write is on disk, then published in order: numbered, serialised once, kept in a
 * bounded backlog, and written to every subscriber after the turn that published them, in one
 * write per subscriber per turn. Nothing here ever waits for a subscriber.
 */
export class LiveEventHub {
  private runId = newRunId();
  private readonly previousRuns: string[] = [];
  private seq = 0;
  private backlog: Backlog;
  private readonly queue = new DurableQueue<Queued>(() => this.schedule());
  private readonly subscribers = new Set<Subscriber>();
  private nextSerial = 0;
  private scheduled = false;
  private readonly fanOut = new FanOut(
    () => this.subscribers,
    (subscriber) => this.catchUp(subscriber),
  );
  private recording = false;
  private heartbeat: NodeJS.Timeout | null = null;
  private dropped = 0;
  private readonly unsubscribe: () => void;
  private readonly options: Required<LiveEventOptions>;

  constructor(
    private readonly source: LiveEventSource,
    options: LiveEventOptions = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.options = {
      heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
      backlogEvents: options.backlogEvents ?? BACKLOG_MAX_EVENTS,
      backlogBytes: options.backlogBytes ?? BACKLOG_MAX_BYTES,
      clientBufferLimit: options.clientBufferLimit ?? DEFAULT_CLIENT_BUFFER_LIMIT,
      maxStreams: options.maxStreams ?? DEFAULT_MAX_STREAMS,
    };
    this.backlog = new Backlog(this.options.backlogEvents, this.options.backlogBytes);
    this.unsubscribe = source.events.subscribe((event) => {
      if (!this.recording) return;
      const bodies = liveEventsOf(event, source.sessions);
      if (bodies.length === 0) return;
      const durable = source.writes.durable();
      const at = this.now();
      for (const body of bodies) this.queue.add({ body, at }, durable);
    });
  }

  /**
   * Records while the API is wanted. Stopping forgets the backlog and starts a new run: ids of
   * the old one then get `resync` (events while disabled were never recorded).
   */
  setRecording(on: boolean): void {
    if (on === this.recording) return;
    this.recording = on;
    if (on) return;
    for (const item of this.queue.clear()) item.done?.();
    this.fanOut.flushAll();
    this.previousRuns.push(this.runId);
    if (this.previousRuns.length > RUNS_REMEMBERED) this.previousRuns.shift();
    this.runId = newRunId();
    this.seq = 0;
    this.backlog = new Backlog(this.options.backlogEvents, this.options.backlogBytes);
  }

  /**
   * Publishes a change of the Local API after everything announced before it; with `endStreams`,
   * the streams open now end once it was sent. Resolves when that is done.
   */
  announce(change: LocalApiChange, endStreams: boolean): Promise<void> {
    if (!this.recording) return Promise.resolve();
    return new Promise((resolve) => {
      this.queue.add(
        {
          body: { type: 'localApi.changed', ...change },
          at: this.now(),
          endBefore: endStreams ? this.nextSerial : undefined,
          done: resolve,
        },
        Promise.resolve(),
      );
    });
  }

  /** Refuses a stream over the limit, before anything is written (503 too_many_streams). */
  assertRoom(): void {
    if (this.subscribers.size < this.options.maxStreams) return;
    throw new AppError(
      'too_many_streams',
      `Too many event streams are open (at most ${this.options.maxStreams}); close one and try again.`,
    );
  }

  /**
   * Starts a stream on a response whose head was written: live events from now, or, with a
   * Last-Event-ID of this run still in the backlog, everything after it first.
   */
  subscribe(response: ServerResponse, lastEventId: string | undefined): void {
    const latest = this.backlog.latest;
    let start = latest;
    let resync: ResyncReason | null = null;
    if (lastEventId !== undefined && lastEventId !== '') {
      const seq = seqOfEventId(this.runId, lastEventId);
      if (seq !== null && seq <= latest) {
        if (this.backlog.covers(seq)) start = seq;
        else resync = 'expired';
      } else {
        resync = this.previousRuns.some((run) => seqOfEventId(run, lastEventId) !== null)
          ? 'expired'
          : 'unknown-id';
      }
    }
    const subscriber = new Subscriber(response, this.nextSerial++, start, this.options.clientBufferLimit, {
      closed: (closed) => this.forget(closed),
      dropped: () => this.dropped++,
    });
    this.subscribers.add(subscriber);
    subscriber.send(streamPreamble(formatEventId(this.runId, start)));
    if (resync) {
      subscriber.send(
        resyncFrame({ type: 'resync', reason: resync, lastEventId: lastEventId ?? null }, this.now()),
      );
    }
    subscriber.onDrain(() => {
      if (subscriber.catchingUp) this.catchUp(subscriber);
    });
    if (start < latest) this.catchUp(subscriber);
    this.heartbeat ??= setInterval(() => this.beat(), this.options.heartbeatMs).unref();
  }

  /** Ends every stream (the API stops or moves); resolves once they are all closed. */
  async closeStreams(): Promise<void> {
    this.drain();
    this.fanOut.flushAll();
    await Promise.all([...this.subscribers].map((subscriber) => subscriber.end(END_GRACE_MS)));
  }

  /** Stops listening to the core; the streams are ended by closeStreams. */
  close(): void {
    this.unsubscribe();
    this.setRecording(false);
  }

  stats(): LiveEventStats {
    let unsent = 0;
    for (const subscriber of this.subscribers) unsent += subscriber.unsent;
    return {
      subscribers: this.subscribers.size,
      backlog: this.backlog.size,
      latestId: formatEventId(this.runId, this.backlog.latest),
      dropped: this.dropped,
      unsent,
    };
  }

  private forget(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  /** Publishing and fan-out run after the turn whose commit let events through: replies go first. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  private drain(): void {
    this.scheduled = false;
    this.queue.take((items, landed) => {
      // A failed group commit: what it announced never happened, and is never sent.
      if (!landed) this.publish({ type: 'resync', reason: 'reverted', lastEventId: null }, this.now());
      for (const item of items) {
        if (landed && item.body) this.publish(item.body, item.at);
        if (item.done) {
          this.fanOut.flushAll();
          this.endStreamsBefore(item.endBefore).then(item.done, item.done);
        }
      }
    });
    this.fanOut.request();
  }

  private publish(body: LiveEventBody, at: Date): void {
    const seq = ++this.seq;
    const event = { seq, bytes: eventFrame(formatEventId(this.runId, seq), body, at) };
    this.backlog.push(event);
    this.fanOut.add(event);
  }

  private async endStreamsBefore(serial: number | undefined): Promise<void> {
    if (serial === undefined) return;
    const ending = [...this.subscribers].filter((subscriber) => subscriber.serial < serial);
    await Promise.all(ending.map((subscriber) => subscriber.end(END_GRACE_MS)));
  }

  /**
   * Gives a subscriber the backlog after its cursor, a chunk at a time as its socket drains, until
   * it is up to date; one that fell behind the backlog has missed events and is dropped.
   */
  private catchUp(subscriber: Subscriber): void {
    while (subscriber.open) {
      if (subscriber.cursor >= this.backlog.latest) {
        subscriber.catchingUp = false;
        return;
      }
      subscriber.catchingUp = true;
      if (!this.backlog.covers(subscriber.cursor)) {
        subscriber.drop();
        return;
      }
      if (subscriber.unsent >= CATCH_UP_CHUNK) return;
      const chunk: Buffer[] = [];
      let bytes = 0;
      let seq = subscriber.cursor;
      while (seq < this.backlog.latest && bytes < CATCH_UP_CHUNK) {
        const event = this.backlog.at(++seq)!;
        chunk.push(event.bytes);
        bytes += event.bytes.length;
      }
      subscriber.send(Buffer.concat(chunk, bytes), seq);
    }
  }

  private beat(): void {
    for (const subscriber of this.subscribers) {
      if (!subscriber.catchingUp) subscriber.send(HEARTBEAT);
    }
  }
}
