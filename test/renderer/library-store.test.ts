import { describe, expect, it } from 'vitest';
import type { Session } from '../../src/shared/domain';
import type { ListQueryInput } from '../../src/shared/ipc';
import { CHUNK_SIZE, createLibraryStore } from '../../src/renderer/src/stores/library-store';
import { fakeDeps, makeSession, settle, type PendingCall } from './fakes';

const library = (count: number, prefix: string): Session[] =>
  Array.from({ length: count }, (_, i) => makeSession({ title: `${prefix} ${i}` }));

/** Answers a listSessions call with its page of `sessions`, as main would. */
function page(call: PendingCall, sessions: Session[]): Promise<void> {
  const query = call.args[0] as ListQueryInput;
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 50;
  return call.ok({
    data: sessions.slice(offset, offset + limit),
    meta: { total: sessions.length, limit, offset },
  });
}

async function setup() {
  const { bridge, clock, deps } = fakeDeps();
  const store = createLibraryStore(deps);
  store.getState().reload();
  await settle();
  return { bridge, clock, store };
}

const titles = (rows: (Session | undefined)[]): (string | undefined)[] => rows.map((row) => row?.title);

describe('library store: stale list answers', () => {
  it('drops the answer to a search that a newer search replaced', async () => {
    const { bridge, store } = await setup();
    const all = bridge.only('listSessions');
    store.getState().setScope({ type: 'status', status: 'mixing' });
    await settle();
    const mixing = bridge.pending('listSessions').at(-1)!;
    expect((mixing.args[0] as ListQueryInput).status).toBe('mixing');

    await page(mixing, library(2, 'Mixing'));
    // The first query's answer comes last: it must not replace what the newer one showed.
    await page(all, library(5, 'All'));
    expect(store.getState().total).toBe(2);
    expect(titles(store.getState().rows)).toEqual(['Mixing 0', 'Mixing 1']);
    expect(store.getState().loading).toBe(false);
  });

  it('drops a late answer even while the newer query is still on its way', async () => {
    const { bridge, store } = await setup();
    const all = bridge.only('listSessions');
    store.getState().toggleTag('drums');
    await settle();
    const tagged = bridge.pending('listSessions').find((call) => call !== all)!;
    await page(all, library(5, 'All'));
    expect(store.getState().rows).toEqual([]);
    expect(store.getState().total).toBeNull();
    expect(store.getState().loading).toBe(true);
    await page(tagged, library(1, 'Drums'));
    expect(titles(store.getState().rows)).toEqual(['Drums 0']);
  });

  it('searches as you type: one search on its way, then only the latest text', async () => {
    const { bridge, store } = await setup();
    await page(bridge.only('listSessions'), library(3, 'All'));
    const { setSearchText } = store.getState();
    setSearchText('k');
    await settle();
    const k = bridge.only('listSessions');
    expect((k.args[0] as ListQueryInput).q).toBe('k');
    setSearchText('ki');
    setSearchText('kic');
    await settle();
    expect(bridge.pending('listSessions')).toHaveLength(1);
    await page(k, library(3, 'K'));
    const kic = bridge.only('listSessions');
    expect((kic.args[0] as ListQueryInput).q).toBe('kic');
    await page(kic, library(1, 'Kick'));
    expect(titles(store.getState().rows)).toEqual(['Kick 0']);
    expect(store.getState().searchText).toBe('kic');
  });
});

describe('library store: refreshing chunks', () => {
  async function loaded(count: number) {
    const context = await setup();
    const { bridge, store } = context;
    const sessions = library(count, 'Row');
    await page(bridge.only('listSessions'), sessions);
    // The list shows rows 150–199: chunks 0–2 load (with the margin either side).
    store.getState().showRange(150, 199);
    await settle();
    for (const call of bridge.pending('listSessions')) await page(call, sessions);
    expect(store.getState().rows.filter(Boolean)).toHaveLength(Math.min(count, 3 * CHUNK_SIZE));
    return { ...context, sessions };
  }

  it('keeps the rows on screen until their replacement arrives', async () => {
    const { bridge, clock, store, sessions } = await loaded(250);
    const before = store.getState().rows;
    const created = makeSession({ title: 'Brand new' });
    await bridge.emit('sessions:changed', { type: 'created', session: created });
    await clock.advance(100);
    const refreshes = bridge.pending('listSessions');
    expect(refreshes.map((call) => (call.args[0] as ListQueryInput).offset)).toEqual([0, 100, 200]);
    // Nothing blanks while the fresh chunks are on their way.
    expect(store.getState().rows).toBe(before);
    expect(store.getState().rows.slice(0, 250).every(Boolean)).toBe(true);

    const after = [created, ...sessions];
    await page(refreshes[2]!, after);
    expect(store.getState().total).toBe(251);
    expect(store.getState().rows.slice(0, 251).every(Boolean)).toBe(true);
    expect(store.getState().rows[200]?.title).toBe('Row 199');
    await page(refreshes[0]!, after);
    expect(store.getState().rows[0]?.title).toBe('Brand new');
    await page(refreshes[1]!, after);
    expect(store.getState().rows[100]?.title).toBe('Row 99');
    expect(store.getState().rows.slice(0, 251).every(Boolean)).toBe(true);
  });

  it('keeps the old rows while a new query is on its way, then replaces them whole', async () => {
    const { bridge, store } = await loaded(250);
    store.getState().setSort('title');
    await settle();
    expect(store.getState().rows.slice(0, 250).every(Boolean)).toBe(true);
    expect(store.getState().loading).toBe(true);
    const first = bridge
      .pending('listSessions')
      .find((call) => (call.args[0] as ListQueryInput).offset === 0)!;
    await page(first, library(3, 'Sorted'));
    expect(titles(store.getState().rows)).toEqual(['Sorted 0', 'Sorted 1', 'Sorted 2']);
  });

  it('patches an updated row in place and drops a deleted one at once', async () => {
    const { bridge, store, sessions } = await loaded(250);
    const target = sessions[120]!;
    await bridge.emit('sessions:changed', { type: 'updated', session: { ...target, title: 'Renamed' } });
    expect(store.getState().rows[120]?.title).toBe('Renamed');
    await bridge.emit('sessions:changed', { type: 'deleted', id: target.id });
    expect(store.getState().total).toBe(249);
    expect(store.getState().rows[120]?.id).toBe(sessions[121]!.id);
  });
});
