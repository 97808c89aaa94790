// The window's collections (issue 13 §1) in Node with a fake bridge: the sidebar's store, a
// collection as the list's scope, and a search saved as a smart collection's query.
import { describe, expect, it } from 'vitest';
import type { Collection, Session } from '../../src/shared/domain';
import type { ListQueryInput } from '../../src/shared/ipc';
import { createCollectionsStore } from '../../src/renderer/src/stores/collections-store';
import { createLibraryStore } from '../../src/renderer/src/stores/library-store';
import { DEFAULT_QUERY, OWN_ORDER_SORT, toListQuery } from '../../src/renderer/src/stores/library-query';
import { freeName, smartQueryOf, suggestedSmartName } from '../../src/renderer/src/lib/smart-query';
import { fakeDeps, makeSession, settle, type PendingCall } from './fakes';

function collection(overrides: Partial<Collection>): Collection {
  return {
    id: 'collection_x',
    name: 'X',
    kind: 'manual',
    query: null,
    sessionCount: 0,
    position: 0,
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}

const album = collection({ id: 'collection_album', name: 'Album', sessionCount: 2, position: 0 });
const mixing = collection({
  id: 'collection_mixing',
  name: 'Mixing',
  kind: 'smart',
  query: { status: 'mixing' },
  sessionCount: 5,
  position: 1,
});

describe('collections store', () => {
  it('applies a change at once, then asks for the whole list again', async () => {
    const { bridge, clock, deps } = fakeDeps();
    const store = createCollectionsStore(deps);
    void store.getState().refresh();
    await bridge.only('listCollections').ok([album, mixing]);
    expect(store.getState().collections.map((c) => c.name)).toEqual(['Album', 'Mixing']);

    const moved = { ...mixing, position: 0 };
    await bridge.emit('collections:changed', { type: 'updated', collection: moved });
    // Shown in its new place before main's renumbered list arrives.
    expect(store.getState().collections.map((c) => c.name)).toEqual(['Mixing', 'Album']);
    await clock.advance(100);
    await bridge.only('listCollections').ok([moved, { ...album, position: 1 }]);
    expect(store.getState().collections.map((c) => [c.name, c.position])).toEqual([
      ['Mixing', 0],
      ['Album', 1],
    ]);

    await bridge.emit('collections:changed', { type: 'deleted', id: album.id });
    expect(store.getState().collections.map((c) => c.name)).toEqual(['Mixing']);
  });

  it('drops an answer that predates a change, and recounts after session changes settle', async () => {
    const { bridge, clock, deps } = fakeDeps();
    const store = createCollectionsStore(deps);
    void store.getState().refresh();
    const stale = bridge.only('listCollections');
    await bridge.emit('collections:changed', { type: 'sessions', collection: { ...album, sessionCount: 3 } });
    await stale.ok([album]);
    expect(store.getState().collections[0]?.sessionCount).toBe(3);
    await clock.advance(100);
    await bridge.only('listCollections').ok([{ ...album, sessionCount: 3 }]);

    // A burst of autosaves asks once, after a pause (a smart collection's count may have moved).
    const session = makeSession();
    for (let i = 0; i < 5; i++) {
      await bridge.emit('sessions:changed', { type: 'updated', session });
      await clock.advance(100);
    }
    expect(bridge.pending('listCollections')).toHaveLength(0);
    await clock.advance(400);
    expect(bridge.pending('listCollections')).toHaveLength(1);
  });
});

/** Answers a listSessions call with its page of `sessions`. */
function page(call: PendingCall, sessions: Session[]): Promise<void> {
  const query = call.args[0] as ListQueryInput;
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 50;
  return call.ok({
    data: sessions.slice(offset, offset + limit),
    meta: { total: sessions.length, limit, offset },
  });
}

describe('a collection as the list', () => {
  async function setup() {
    const { bridge, clock, deps } = fakeDeps();
    const store = createLibraryStore(deps);
    store.getState().reload();
    await settle();
    await page(bridge.only('listSessions'), [makeSession(), makeSession()]);
    return { bridge, clock, store };
  }

  it('asks for a manual collection in its own order (no sort), and goes back to the chosen sort after', async () => {
    const { bridge, store } = await setup();
    store.getState().setSort('title');
    await settle();
    await page(bridge.only('listSessions'), []);
    store.getState().setSearchText('kick');
    await settle();
    await page(bridge.only('listSessions'), []);

    store.getState().showCollection(album.id, true);
    await settle();
    const query = bridge.only('listSessions').args[0] as ListQueryInput;
    expect(query).toEqual({ collection: album.id, limit: 100, offset: 0 });
    // The collection is the view: the search is cleared with it.
    expect(store.getState().searchText).toBe('');
    await page(bridge.only('listSessions'), []);

    store.getState().setScope({ type: 'all' });
    await settle();
    expect((bridge.only('listSessions').args[0] as ListQueryInput).sort).toBe('title');
  });

  it('lists a smart collection in the chosen sort', async () => {
    const { bridge, store } = await setup();
    store.getState().showCollection(mixing.id, false);
    await settle();
    const query = bridge.only('listSessions').args[0] as ListQueryInput;
    expect(query.collection).toBe(mixing.id);
    expect(query.sort).toBe(DEFAULT_QUERY.sort);
  });

  it("refreshes when the shown collection's sessions change, and shows everything once it is deleted", async () => {
    const { bridge, clock, store } = await setup();
    store.getState().showCollection(album.id, true);
    await settle();
    await page(bridge.only('listSessions'), [makeSession()]);

    await bridge.emit('collections:changed', { type: 'sessions', collection: { ...mixing } });
    await clock.advance(100);
    expect(bridge.pending('listSessions')).toHaveLength(0);
    await bridge.emit('collections:changed', { type: 'sessions', collection: { ...album, sessionCount: 2 } });
    await clock.advance(100);
    expect((bridge.only('listSessions').args[0] as ListQueryInput).collection).toBe(album.id);
    await page(bridge.only('listSessions'), [makeSession(), makeSession()]);

    await bridge.emit('collections:changed', { type: 'deleted', id: album.id });
    expect(store.getState().query.scope).toEqual({ type: 'all' });
    expect((bridge.only('listSessions').args[0] as ListQueryInput).collection).toBeUndefined();
  });

  it('sends the own order as no sort at all', () => {
    const query = {
      ...DEFAULT_QUERY,
      scope: { type: 'collection' as const, id: 'c1' },
      sort: OWN_ORDER_SORT,
    };
    expect(toListQuery(query, 10, 20)).toEqual({ collection: 'c1', limit: 10, offset: 20 });
  });
});

describe('Save search as smart collection', () => {
  it("keeps the view's filters in the list's own parameters", () => {
    expect(
      smartQueryOf({
        ...DEFAULT_QUERY,
        q: '  kick drum ',
        scope: { type: 'status', status: 'mixing' },
        tags: ['drums'],
        project: { plugin: 'Serum', tempoMin: 120, tempoMax: 128, key: 'F# minor' },
      }),
    ).toEqual({
      q: 'kick drum',
      status: 'mixing',
      tags: ['drums'],
      plugin: 'Serum',
      tempoMin: 120,
      tempoMax: 128,
      key: 'F# minor',
    });
    expect(smartQueryOf({ ...DEFAULT_QUERY, scope: { type: 'recent' } })).toEqual({ recent: true });
    expect(smartQueryOf({ ...DEFAULT_QUERY, scope: { type: 'kind', kind: 'Ableton' } })).toEqual({
      kind: 'Ableton',
    });
    expect(smartQueryOf({ ...DEFAULT_QUERY, scope: { type: 'missingSamples' } })).toEqual({
      missingSamples: true,
    });
  });

  it('has nothing to save for every session or inside a collection', () => {
    expect(smartQueryOf(DEFAULT_QUERY)).toBeNull();
    expect(smartQueryOf({ ...DEFAULT_QUERY, q: '   ' })).toBeNull();
    expect(smartQueryOf({ ...DEFAULT_QUERY, q: 'kick', scope: { type: 'collection', id: 'c1' } })).toBeNull();
  });

  it('names it after what it keeps, within a name’s length, and never as a name already taken', () => {
    expect(suggestedSmartName({ q: 'drum', status: 'mixing', tags: ['live'], tempoMin: 120 })).toBe(
      '“drum” · Mixing · #live · Tempo ≥ 120 bpm',
    );
    expect([...suggestedSmartName({ q: 'x'.repeat(300) })]).toHaveLength(100);
    expect(freeName('New collection', ['new collection', 'New collection 2'])).toBe('New collection 3');
    expect(freeName('Album', ['Demos'])).toBe('Album');
  });
});
