// GET /api/v1/events, resuming and durability (src/main/core/live-events/README.md): Last-Event-ID
// replays the backlog and joins the live stream with nothing lost and nothing twice, also while
// writes go on during a replay larger than one socket write; ids it cannot resume from start with
// a `resync`; an event leaves only once its write is on disk, and a failed group commit sends a
// `resync` instead of what it rolled back.
import { afterEach, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness, type HarnessOptions } from '../helpers/api-harness';
import { openEventStream, until, type SseEvent, type SseStream } from '../helpers/sse-client';

let h: ApiHarness;
const streams: SseStream[] = [];

afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  await h?.close();
});

async function start(options: HarnessOptions = {}): Promise<void> {
  h = await startApi(options);
}

async function subscribe(lastEventId?: string): Promise<SseStream> {
  const stream = await openEventStream(h.server.port()!, h.token(), { lastEventId });
  streams.push(stream);
  await until(() => stream.lastEventId() !== '', 'the preamble');
  return stream;
}

function seqOf(event: SseEvent): number {
  return Number(event.id!.slice(event.id!.lastIndexOf('-') + 1));
}

/** The ids a stream received are consecutive from `after + 1`: nothing lost, nothing twice. */
function expectConsecutive(events: readonly SseEvent[], after: number): void {
  expect(events.map(seqOf)).toEqual(events.map((_, index) => after + 1 + index));
}

describe('resuming with Last-Event-ID', () => {
  it('replays what was missed after a disconnect, then goes on live, nothing lost or repeated', async () => {
    await start();
    const id = h.core.sessions.create({ title: 'Song' }).id;
    const watcher = await subscribe();
    const client = await subscribe();
    for (let n = 0; n < 3; n++)
      await h.request('PATCH', `/sessions/${id}`, { body: { client: `Client ${n}` } });
    await until(() => client.events.length === 3, 'three events');
    const resumeFrom = client.lastEventId();
    client.close();

    for (let n = 3; n < 8; n++)
      await h.request('PATCH', `/sessions/${id}`, { body: { client: `Client ${n}` } });
    const again = await subscribe(resumeFrom);
    await until(() => again.events.length === 5, 'the missed events');
    for (let n = 8; n < 10; n++)
      await h.request('PATCH', `/sessions/${id}`, { body: { client: `Client ${n}` } });
    await until(() => again.events.length === 7 && watcher.events.length === 10, 'the live events');

    expect(again.events.map((event) => event.data.session.client)).toEqual(
      [3, 4, 5, 6, 7, 8, 9].map((n) => `Client ${n}`),
    );
    expect(again.events).toEqual(watcher.events.slice(3));
    expectConsecutive(again.events, Number(resumeFrom.split('-')[1]));
  });

  it('joins the live stream without a gap or a duplicate while writes go on during a long replay', async () => {
    await start();
    const ids = Array.from({ length: 4 }, (_, n) => h.core.sessions.create({ title: `Song ${n}` }).id);
    const watcher = await subscribe();
    const origin = watcher.lastEventId();
    // ~20 KB an event, 60 events: the replay spans many socket writes, each after a drain.
    const notes = (n: number): string => `${n} `.padEnd(20_000, 'x');
    for (let n = 0; n < 60; n++) h.core.sessions.patch(ids[n % 4]!, { notes: notes(n) });
    await until(() => watcher.events.length === 60, 'the first 60 events');

    let writing = true;
    let written = 60;
    const writer = (async () => {
      while (writing) {
        await h.request('PATCH', `/sessions/${ids[written % 4]}`, { body: { notes: notes(written) } });
        written++;
      }
    })();
    const resumed = await subscribe(origin);
    await until(() => resumed.events.length >= 80, 'the replay and some live events');
    writing = false;
    await writer;
    await until(() => resumed.events.length === written && watcher.events.length === written, 'everything');
    expectConsecutive(resumed.events, 4);
    expect(resumed.events.map((event) => event.data.session.notes.split(' ')[0])).toEqual(
      Array.from({ length: written }, (_, n) => String(n)),
    );
    expect(resumed.events).toEqual(watcher.events);
  });

  it('gives every one of many subscribers every event once, in order, while writers run at once', async () => {
    await start();
    const id = h.core.sessions.create({ title: 'Song' }).id;
    // More subscribers than one fan-out slice writes to in a turn.
    const crowd = await Promise.all(Array.from({ length: 60 }, () => subscribe()));
    const from = Number(crowd[0]!.lastEventId().split('-')[1]);
    await Promise.all(
      Array.from({ length: 5 }, async (_, writer) => {
        for (let n = 0; n < 20; n++) {
          await h.request('PATCH', `/sessions/${id}`, { body: { client: `Writer ${writer} ${n}` } });
        }
      }),
    );
    await until(() => crowd.every((stream) => stream.events.length === 100), 'every event everywhere');
    for (const stream of crowd) {
      expectConsecutive(stream.events, from);
      expect(stream.events).toEqual(crowd[0]!.events);
    }
  });

  it('resumes from the id a stream starts with, when it ended before any event', async () => {
    await start();
    const first = await subscribe();
    const position = first.lastEventId();
    first.close();
    const created = h.core.sessions.create({ title: 'While away' });
    const resumed = await subscribe(position);
    await until(() => resumed.events.length === 1, 'the missed event');
    expect(resumed.events[0]!.data.session).toEqual(created);
  });

  it('starts with a resync for a foreign, malformed or unknown id, then sends live events', async () => {
    await start();
    const watcher = await subscribe();
    const run = watcher.lastEventId().slice(0, -2);
    h.core.sessions.create({ title: 'One' });
    await until(() => watcher.events.length === 1, 'an event');
    for (const lastEventId of ['abcdef012345-1', 'garbage', `${run}-01`, `${run}-x`, `${run}-2`]) {
      const stream = await subscribe(lastEventId);
      await until(() => stream.events.length === 1, `the resync for ${lastEventId}`);
      expect(stream.events[0]).toEqual({
        id: `${run}-1`,
        event: 'resync',
        data: { type: 'resync', at: expect.any(String), reason: 'unknown-id', lastEventId },
      });
      stream.close();
    }
    const late = await subscribe('garbage');
    h.core.sessions.create({ title: 'Two' });
    await until(() => late.events.length === 2, 'a live event after the resync');
    expect(late.events[1]).toMatchObject({ id: `${run}-2`, event: 'session.created' });
  });

  it('starts with a resync for an id older than the backlog, and keeps it bounded', async () => {
    await start({ liveEvents: { backlogEvents: 5, backlogBytes: 4096 } });
    const watcher = await subscribe();
    for (let n = 0; n < 8; n++) h.core.sessions.create({ title: `Song ${n}` });
    await until(() => watcher.events.length === 8, 'eight events');
    const backlog = h.server.liveEvents.stats().backlog;
    expect(backlog.events).toBeLessThanOrEqual(5);
    expect(backlog.bytes).toBeLessThanOrEqual(4096);
    const oldest = 8 - backlog.events;

    const expired = await subscribe(watcher.events[oldest - 2]!.id!);
    await until(() => expired.events.length === 1, 'the resync');
    expect(expired.events[0]!.data).toMatchObject({
      reason: 'expired',
      lastEventId: watcher.events[oldest - 2]!.id,
    });
    expect(expired.lastEventId()).toBe(watcher.lastEventId());

    // The oldest id still kept resumes without a resync.
    const kept = await subscribe(watcher.events[oldest - 1]!.id!);
    await until(() => kept.events.length === backlog.events, 'the backlog');
    expect(kept.events).toEqual(watcher.events.slice(oldest));
  });
});

describe('durability', () => {
  it('sends an event only once its write is committed', async () => {
    const pending: { commit?: () => void } = {};
    await start({ core: { scheduleCommit: (commit) => (pending.commit = commit) } });
    const stream = await subscribe();
    h.core.writes.begin();
    h.core.sessions.create({ title: 'Pending' });
    // Several turns of the event loop: the event waits for the commit, however long it takes.
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(stream.events).toEqual([]);
    pending.commit!();
    await until(() => stream.events.length === 1, 'the committed event');
    expect(stream.events[0]!.data.session.title).toBe('Pending');
  });

  it('sends a resync, never the rolled-back events, when a group commit fails', async () => {
    const pending: { commit?: () => void } = {};
    await start({ core: { scheduleCommit: (commit) => (pending.commit = commit) } });
    const stream = await subscribe();
    const run = stream.lastEventId().slice(0, -2);
    h.core.writes.begin();
    h.core.sessions.create({ title: 'Never saved' });
    h.core.sessions.create({ title: 'Never saved either' });
    // What SQLite does by itself on SQLITE_FULL or an I/O error: the whole transaction is gone.
    h.core.db.exec('ROLLBACK');
    pending.commit!();
    await until(() => stream.events.length === 1, 'the resync');
    h.core.sessions.create({ title: 'Saved' });
    await until(() => stream.events.length === 2, 'the next write');
    expect(stream.events).toEqual([
      {
        id: `${run}-1`,
        event: 'resync',
        data: { type: 'resync', at: expect.any(String), reason: 'reverted', lastEventId: null },
      },
      expect.objectContaining({ id: `${run}-2`, event: 'session.created' }),
    ]);
    expect(stream.events[1]!.data.session.title).toBe('Saved');
  });
});
