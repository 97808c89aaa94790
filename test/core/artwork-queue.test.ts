// The thumbnail queue: a few jobs at a time, newest first, shared by key, abandoned when the caller
// goes away, and the oldest of the window's waiting jobs dropped when too many wait.
import { describe, expect, it } from 'vitest';
import {
  JobAbortedError,
  JobDroppedError,
  LatestFirstQueue,
} from '../../src/main/core/artwork/latest-first-queue';

/** A job that resolves when the test says so, recording that it started. */
function gate(started: string[], key: string) {
  let open!: (value: string) => void;
  const done = new Promise<string>((resolve) => (open = resolve));
  return {
    work: () => {
      started.push(key);
      return done;
    },
    open: () => open(key),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('LatestFirstQueue', () => {
  it('runs at most `concurrency` jobs, then the newest waiting one first', async () => {
    const queue = new LatestFirstQueue(2, 100);
    const started: string[] = [];
    const gates = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((key) => [key, gate(started, key)]));
    const results = ['a', 'b', 'c', 'd', 'e'].map((key) => queue.run(key, gates[key]!.work));
    expect(started).toEqual(['a', 'b']);
    expect(queue.counts()).toEqual({ waiting: 3, running: 2 });
    gates.a!.open();
    await settle();
    expect(started).toEqual(['a', 'b', 'e']);
    gates.b!.open();
    await settle();
    expect(started).toEqual(['a', 'b', 'e', 'd']);
    gates.e!.open();
    gates.d!.open();
    await settle();
    expect(started).toEqual(['a', 'b', 'e', 'd', 'c']);
    gates.c!.open();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(queue.counts()).toEqual({ waiting: 0, running: 0 });
  });

  it('shares one run among requests for the same key, and a repeated request moves it to the front', async () => {
    const queue = new LatestFirstQueue(1, 100);
    const started: string[] = [];
    const busy = gate(started, 'busy');
    const x = gate(started, 'x');
    const y = gate(started, 'y');
    void queue.run('busy', busy.work);
    const first = queue.run('x', x.work);
    void queue.run('y', y.work);
    const again = queue.run('x', () => Promise.resolve('never run'));
    expect(queue.counts().waiting).toBe(2);
    busy.open();
    await settle();
    expect(started).toEqual(['busy', 'x']);
    x.open();
    expect(await Promise.all([first, again])).toEqual(['x', 'x']);
    y.open();
  });

  it('passes a failure to every caller of the job and goes on with the next', async () => {
    const queue = new LatestFirstQueue(1, 100);
    const failing = queue.run('bad', () => Promise.reject(new Error('cannot decode')));
    const next = queue.run('good', () => Promise.resolve('fine'));
    await expect(failing).rejects.toThrow('cannot decode');
    expect(await next).toBe('fine');
  });

  it('never runs a waiting job whose callers all went away; a running one finishes for the others', async () => {
    const queue = new LatestFirstQueue(1, 100);
    const started: string[] = [];
    const busy = gate(started, 'busy');
    const gone = gate(started, 'gone');
    const running = queue.run('busy', busy.work);
    const controller = new AbortController();
    const abandoned = queue.run('gone', gone.work, { signal: controller.signal });
    controller.abort();
    await expect(abandoned).rejects.toBeInstanceOf(JobAbortedError);
    expect(queue.counts()).toEqual({ waiting: 0, running: 1 });

    // A caller of the running job leaving does not stop it for another caller.
    const leaving = new AbortController();
    const leaver = queue.run('busy', busy.work, { signal: leaving.signal });
    leaving.abort();
    await expect(leaver).rejects.toBeInstanceOf(JobAbortedError);
    busy.open();
    expect(await running).toBe('busy');
    await settle();
    expect(started).toEqual(['busy']);
    // Already aborted: refused at once.
    await expect(
      queue.run('late', () => Promise.resolve(1), { signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(JobAbortedError);
  });

  it('keeps a job that another caller still waits for when one caller leaves', async () => {
    const queue = new LatestFirstQueue(1, 100);
    const started: string[] = [];
    const busy = gate(started, 'busy');
    const shared = gate(started, 'shared');
    void queue.run('busy', busy.work);
    const controller = new AbortController();
    const leaving = queue.run('shared', shared.work, { signal: controller.signal });
    const staying = queue.run('shared', shared.work);
    controller.abort();
    await expect(leaving).rejects.toBeInstanceOf(JobAbortedError);
    busy.open();
    await settle();
    expect(started).toEqual(['busy', 'shared']);
    shared.open();
    expect(await staying).toBe('shared');
  });

  it('drops the oldest droppable waiting jobs beyond maxWaiting, never the API’s', async () => {
    const queue = new LatestFirstQueue(1, 3);
    const started: string[] = [];
    const busy = gate(started, 'busy');
    void queue.run('busy', busy.work);
    const api = queue.run('api', () => Promise.resolve('api'));
    const window = ['w1', 'w2', 'w3', 'w4', 'w5'].map((key) =>
      queue.run(key, () => Promise.resolve(key), { droppable: true }).catch((error: unknown) => error),
    );
    await settle();
    // Five of the window's waited with room for three: the two oldest were dropped.
    expect(await window[0]).toBeInstanceOf(JobDroppedError);
    expect(await window[1]).toBeInstanceOf(JobDroppedError);
    expect(queue.counts()).toEqual({ waiting: 4, running: 1 });
    busy.open();
    expect(await Promise.all([window[2], window[3], window[4], api])).toEqual(['w3', 'w4', 'w5', 'api']);
  });

  it('a job the API also waits for is not dropped, and becomes droppable again when the API leaves', async () => {
    const queue = new LatestFirstQueue(1, 1);
    const started: string[] = [];
    const busy = gate(started, 'busy');
    void queue.run('busy', busy.work);
    const controller = new AbortController();
    const fromWindow = queue
      .run('shared', () => Promise.resolve('shared'), { droppable: true })
      .catch((e: unknown) => e);
    const fromApi = queue
      .run('shared', () => Promise.resolve('shared'), { signal: controller.signal })
      .catch((e: unknown) => e);
    const newer = queue.run('newer', () => Promise.resolve('newer'), { droppable: true });
    await settle();
    expect(queue.counts().waiting).toBe(2);
    controller.abort();
    expect(await fromApi).toBeInstanceOf(JobAbortedError);
    // Now two droppable jobs wait with room for one: the next arrival drops the oldest ('shared').
    const newest = queue.run('newest', () => Promise.resolve('newest'), { droppable: true });
    expect(await fromWindow).toBeInstanceOf(JobDroppedError);
    expect(queue.counts().waiting).toBe(1);
    busy.open();
    await expect(newer).rejects.toBeInstanceOf(JobDroppedError);
    expect(await newest).toBe('newest');
  });
});
