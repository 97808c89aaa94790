// The collections service (issue 13 §1) on a real library file: validation messages, names,
// the sidebar order, smart filters stored in one spelling, manual members set, added, moved and
// removed, what a session's delete and its undo do to them, and the events every write emits.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COLLECTION_LIMITS, type Collection } from '../../src/shared/domain';
import {
  countRows,
  createTempCore,
  expectAppError,
  ISO_UTC,
  recordEvents,
  type TempCore,
} from '../helpers/temp-core';

let t: TempCore;
beforeEach(() => {
  t = createTempCore({ peaksSource: null, projectReader: null });
});
afterEach(() => t.cleanup());

const collections = () => t.core.collections;
function sessions(count: number, prefix = 'Song'): string[] {
  return Array.from({ length: count }, (_, i) => t.core.sessions.create({ title: `${prefix} ${i}` }).id);
}
/** The titles a manual collection lists in its own order. */
function titlesIn(collection: Collection): string[] {
  return t.core.sessions.list({ collection: collection.id, limit: 500 }).data.map((session) => session.title);
}

describe('creating', () => {
  it('a manual collection by default: fields in order, prefixed id, placed after the others', () => {
    const first = collections().create({ name: 'Album' });
    expect(Object.keys(first)).toEqual([
      'id',
      'name',
      'kind',
      'query',
      'sessionCount',
      'position',
      'createdAt',
      'updatedAt',
    ]);
    expect(first).toMatchObject({ name: 'Album', kind: 'manual', query: null, sessionCount: 0, position: 0 });
    expect(first.id).toMatch(/^collection_[0-9a-z]{26}$/);
    expect(first.createdAt).toMatch(ISO_UTC);
    expect(first.updatedAt).toBe(first.createdAt);
    expect(collections().create({ name: 'Client' }).position).toBe(1);
    expect(
      collections()
        .list()
        .map((c) => c.name),
    ).toEqual(['Album', 'Client']);
    expect(collections().get(first.id)).toEqual(first);
  });

  it('names are trimmed, collapsed and NFC, and unique regardless of case', () => {
    const made = collections().create({ name: '  Cafe\u0301   Sessions\t' });
    expect(made.name).toBe('Café Sessions');
    expectAppError(
      () => collections().create({ name: 'CAFÉ SESSIONS' }),
      'invalid_input',
      'name must be unique: a collection is already called "Café Sessions"',
    );
    expect(collections().update(made.id, { name: 'café sessions' }).name).toBe('café sessions');
  });

  it.each([
    [{}, 'name is required: a non-empty string (at most 100 characters)'],
    [{ name: '   ' }, 'name must be a non-empty string (at most 100 characters)'],
    [{ name: 'x'.repeat(101) }, 'name must be a non-empty string (at most 100 characters)'],
    [{ name: 7 }, 'name must be a non-empty string (at most 100 characters), got a number'],
    [{ name: 'a\u0000b' }, 'name must not contain control characters'],
    [{ name: 'A', bogus: 1 }, 'unknown field: bogus'],
    [{ name: 'A', id: 'collection_x', sessionCount: 3 }, 'read-only fields: id, sessionCount'],
    [{ name: 'A', kind: 'folder' }, 'kind must be one of: manual, smart'],
    [{ name: 'A', kind: 'smart' }, 'query is required for a smart collection'],
    [{ name: 'A', kind: 'manual', query: { q: 'x' } }, 'query is only for smart collections'],
    [{ name: 'A', query: 'mix' }, 'query must be an object of list filters'],
    [
      { name: 'A', query: { sort: 'title' } },
      'query.sort is not a filter: a smart collection saves only filters',
    ],
    [{ name: 'A', query: { limit: 5 } }, 'query.limit is not a filter'],
    [{ name: 'A', query: { collection: 'collection_x' } }, 'query.collection is not a filter'],
    [{ name: 'A', query: { colour: 'red' } }, 'query has an unknown filter: colour'],
    [{ name: 'A', query: { kind: 'Cakewalk' } }, 'query.kind must be one of'],
    [{ name: 'A', query: { tempoMin: 300, tempoMax: 100 } }, 'query.tempoMin must not be above tempoMax'],
    [{ name: 'A', query: { key: 'H major' } }, 'query.key must be a musical key'],
    [{ name: 'A', query: { recent: 'yes' } }, 'query.recent must be true or false'],
    [{ name: 'A', query: { kind: 'Ableton', daw: 'Reaper' } }, 'query.kind and daw must name the same kind'],
  ])('refuses %j: %s, and writes nothing', (body, message) => {
    const events = recordEvents(t.core);
    expectAppError(() => collections().create(body), 'invalid_input', message);
    expect(countRows(t.core, 'collections')).toBe(0);
    expect(events.events).toEqual([]);
  });

  it('refuses a body that is not an object', () => {
    expectAppError(
      () => collections().create(null),
      'invalid_input',
      'body must be a JSON object (got null)',
    );
    expectAppError(
      () => collections().create([]),
      'invalid_input',
      'body must be a JSON object (got an array)',
    );
  });

  it('stores a smart collection’s filters in one spelling; a query alone makes it smart', () => {
    const smart = collections().create({
      name: 'Minor Ableton mixes',
      query: {
        q: '  night   drive ',
        daw: 'ableton',
        status: 'mixing',
        tags: ' Mix , mix,Client ',
        recent: 'true',
        plugin: '  Serum ',
        tempoMin: '120',
        tempoMax: 128.5,
        key: 'gb m',
        missingSamples: false,
      },
    });
    expect(smart.kind).toBe('smart');
    expect(smart.query).toEqual({
      q: 'night drive',
      kind: 'Ableton',
      status: 'mixing',
      tags: ['Mix', 'Client'],
      recent: true,
      plugin: 'Serum',
      tempoMin: 120,
      tempoMax: 128.5,
      key: 'F# minor',
    });
    expect(Object.keys(smart.query!)).toEqual([
      'q',
      'kind',
      'status',
      'tags',
      'recent',
      'plugin',
      'tempoMin',
      'tempoMax',
      'key',
    ]);
    // Empty values mean "not given", as on the list; {} matches every session.
    expect(collections().create({ name: 'All', query: { q: '', kind: null, tags: [] } }).query).toEqual({});
  });

  it(`holds at most ${COLLECTION_LIMITS.collectionsMax} collections`, () => {
    const insert = t.core.db.prepare(
      `INSERT INTO collections (id, name, name_key, kind, position, created_at, updated_at)
       VALUES (?, ?, ?, 'manual', ?, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')`,
    );
    for (let i = 0; i < COLLECTION_LIMITS.collectionsMax; i++)
      insert.run(`collection_${i}`, `C${i}`, `c${i}`, i);
    expectAppError(
      () => collections().create({ name: 'One more' }),
      'invalid_input',
      `a library holds at most ${COLLECTION_LIMITS.collectionsMax} collections`,
    );
  });
});

describe('changing', () => {
  it('renames, changes a smart query, bumps updatedAt; refuses kind, a manual query and empty bodies', () => {
    const manual = collections().create({ name: 'Album' });
    const smart = collections().create({ name: 'Drafts', query: { status: 'draft' } });
    const renamed = collections().update(manual.id, { name: 'Album II' });
    expect(renamed).toMatchObject({ name: 'Album II', createdAt: manual.createdAt });
    expect(renamed.updatedAt > manual.updatedAt).toBe(true);
    expect(collections().update(smart.id, { query: { status: 'done', q: 'final' } }).query).toEqual({
      q: 'final',
      status: 'done',
    });
    expectAppError(
      () => collections().update(manual.id, { query: { q: 'x' } }),
      'invalid_input',
      'query can only be set on a smart collection (this one is manual)',
    );
    expectAppError(
      () => collections().update(manual.id, { kind: 'smart' }),
      'invalid_input',
      'kind cannot be changed',
    );
    expectAppError(
      () => collections().update(manual.id, {}),
      'invalid_input',
      'body must contain at least one field to change (name, query, position)',
    );
    expectAppError(
      () => collections().update(smart.id, { name: 'album ii' }),
      'invalid_input',
      'name must be unique',
    );
    expectAppError(
      () => collections().update('collection_nope', { name: 'X' }),
      'collection_not_found',
      'collection not found',
    );
  });

  it('moves a collection in the sidebar; the others keep their order', () => {
    const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((name) => collections().create({ name }));
    expect(collections().update(d!.id, { position: 0 }).position).toBe(0);
    expect(
      collections()
        .list()
        .map((x) => [x.name, x.position]),
    ).toEqual([
      ['D', 0],
      ['A', 1],
      ['B', 2],
      ['C', 3],
    ]);
    collections().update(a!.id, { position: 3 });
    expect(
      collections()
        .list()
        .map((x) => x.name),
    ).toEqual(['D', 'B', 'C', 'A']);
    expectAppError(
      () => collections().update(b!.id, { position: 4 }),
      'invalid_input',
      'position must be an integer between 0 and 3',
    );
    expectAppError(
      () => collections().update(c!.id, { position: -1 }),
      'invalid_input',
      'position must be an integer >= 0',
    );
    expectAppError(
      () => collections().update(c!.id, { position: 1.5 }),
      'invalid_input',
      'position must be an integer >= 0',
    );
  });

  it('deletes a collection, never its sessions; the others close up', () => {
    const ids = sessions(3);
    const [a, b, c] = ['A', 'B', 'C'].map((name) => collections().create({ name }));
    collections().setSessions(b!.id, { sessionIds: ids });
    expect(collections().delete(b!.id)).toEqual({ deleted: true, id: b!.id });
    expect(
      collections()
        .list()
        .map((x) => [x.id, x.position]),
    ).toEqual([
      [a!.id, 0],
      [c!.id, 1],
    ]);
    expect(t.core.sessions.list().meta.total).toBe(3);
    expect(countRows(t.core, 'collection_sessions')).toBe(0);
    expectAppError(() => collections().delete(b!.id), 'collection_not_found', 'collection not found');
    expectAppError(() => collections().get(b!.id), 'collection_not_found');
    expectAppError(() => collections().get(42), 'collection_not_found');
  });
});

describe('the sessions of a manual collection', () => {
  it('set: exactly these, in this order; repeats count once; [] empties it', () => {
    const ids = sessions(5);
    const album = collections().create({ name: 'Album' });
    const set = collections().setSessions(album.id, { sessionIds: [ids[3], ids[1], ids[3], ids[4]] });
    expect(set.sessionCount).toBe(3);
    expect(titlesIn(set)).toEqual(['Song 3', 'Song 1', 'Song 4']);
    collections().setSessions(album.id, { sessionIds: [ids[0], ids[3]] });
    expect(titlesIn(album)).toEqual(['Song 0', 'Song 3']);
    expect(collections().setSessions(album.id, { sessionIds: [] }).sessionCount).toBe(0);
    expect(titlesIn(album)).toEqual([]);
  });

  it('add: appends new ones, leaves members in place, and an add of members changes nothing and tells no one', () => {
    const ids = sessions(5);
    const album = collections().create({ name: 'Album' });
    collections().setSessions(album.id, { sessionIds: [ids[0], ids[1]] });
    collections().addSessions(album.id, { sessionIds: [ids[3], ids[0], ids[2]] });
    expect(titlesIn(album)).toEqual(['Song 0', 'Song 1', 'Song 3', 'Song 2']);
    const before = collections().get(album.id);
    const events = recordEvents(t.core);
    expect(collections().addSessions(album.id, { sessionIds: [ids[1], ids[2]] })).toEqual(before);
    expect(events.events).toEqual([]);
  });

  it('add with a position: puts them there in the order given, moving members (a drag)', () => {
    const ids = sessions(6);
    const album = collections().create({ name: 'Album' });
    collections().setSessions(album.id, { sessionIds: ids.slice(0, 4) });
    // Insert new ones in the middle.
    collections().addSessions(album.id, { sessionIds: [ids[5], ids[4]], position: 1 });
    expect(titlesIn(album)).toEqual(['Song 0', 'Song 5', 'Song 4', 'Song 1', 'Song 2', 'Song 3']);
    // Drag one member to the top, another to the end (past the end appends).
    collections().addSessions(album.id, { sessionIds: [ids[3]], position: 0 });
    collections().addSessions(album.id, { sessionIds: [ids[5]], position: 99 });
    expect(titlesIn(album)).toEqual(['Song 3', 'Song 0', 'Song 4', 'Song 1', 'Song 2', 'Song 5']);
    // A member and a new one together: the position counts in the order without the moved ones.
    const [extra] = sessions(1, 'Extra');
    collections().addSessions(album.id, { sessionIds: [extra, ids[0]], position: 2 });
    expect(titlesIn(album)).toEqual(['Song 3', 'Song 4', 'Extra 0', 'Song 0', 'Song 1', 'Song 2', 'Song 5']);
    expect(collections().get(album.id).sessionCount).toBe(7);
    const positions = t.core.db
      .prepare('SELECT position FROM collection_sessions ORDER BY position')
      .pluck()
      .all() as number[];
    expect(new Set(positions).size).toBe(positions.length);
  });

  it('inserts at one place again and again, and more at once than there is room for: the order is a splice', () => {
    const ids = sessions(40);
    const album = collections().create({ name: 'Album' });
    const model = ids.slice(0, 3);
    collections().setSessions(album.id, { sessionIds: model });
    // One at a time between the first two: the room between them halves each time, then runs out.
    for (const id of ids.slice(3, 20)) {
      collections().addSessions(album.id, { sessionIds: [id], position: 1 });
      model.splice(1, 0, id);
    }
    // Many at once at the top, then at the end of the room just used up, then a member moved.
    collections().addSessions(album.id, { sessionIds: ids.slice(20, 30), position: 0 });
    model.splice(0, 0, ...ids.slice(20, 30));
    collections().addSessions(album.id, { sessionIds: ids.slice(30, 40), position: 12 });
    model.splice(12, 0, ...ids.slice(30, 40));
    collections().addSessions(album.id, { sessionIds: [ids[25]!], position: 30 });
    model.splice(model.indexOf(ids[25]!), 1);
    model.splice(30, 0, ids[25]!);
    const listed = t.core.sessions
      .list({ collection: album.id, limit: 500 })
      .data.map((session) => session.id);
    expect(listed).toEqual(model);
    const positions = t.core.db.prepare('SELECT position FROM collection_sessions').pluck().all() as number[];
    expect(new Set(positions).size).toBe(40);
  });

  it('remove: takes one out; one not in it is no error and no event; an unknown session is 404 not_found', () => {
    const ids = sessions(3);
    const album = collections().create({ name: 'Album' });
    collections().setSessions(album.id, { sessionIds: [ids[0], ids[1]] });
    expect(collections().removeSession(album.id, ids[0]).sessionCount).toBe(1);
    expect(titlesIn(album)).toEqual(['Song 1']);
    const events = recordEvents(t.core);
    expect(collections().removeSession(album.id, ids[2]).sessionCount).toBe(1);
    expect(events.events).toEqual([]);
    expectAppError(
      () => collections().removeSession(album.id, 'session_nope'),
      'not_found',
      'session not found',
    );
    expectAppError(() => collections().removeSession('collection_nope', ids[1]), 'collection_not_found');
  });

  it('refuses ids no session has, naming them, and changes nothing', () => {
    const ids = sessions(2);
    const album = collections().create({ name: 'Album' });
    collections().setSessions(album.id, { sessionIds: [ids[0]] });
    const events = recordEvents(t.core);
    expectAppError(
      () => collections().setSessions(album.id, { sessionIds: [ids[1], 'session_gone'] }),
      'invalid_input',
      'sessionIds names a session not in the library: session_gone',
    );
    const many = Array.from({ length: 7 }, (_, i) => `session_gone${i}`);
    expectAppError(
      () => collections().addSessions(album.id, { sessionIds: [ids[1], ...many] }),
      'invalid_input',
      'sessionIds names sessions not in the library: session_gone0, session_gone1, session_gone2, session_gone3, session_gone4, … (7 in all)',
    );
    expect(titlesIn(album)).toEqual(['Song 0']);
    expect(events.events).toEqual([]);
  });

  it.each([
    [null, 'body must be a JSON object (got null)'],
    [{}, 'sessionIds is required: an array of session ids'],
    [{ sessionIds: 'session_1' }, 'sessionIds must be an array of session ids (got a string)'],
    [{ sessionIds: ['session_1', 2] }, 'sessionIds[1] must be a session id (a non-empty string)'],
    [{ sessionIds: [''] }, 'sessionIds[0] must be a session id (a non-empty string)'],
    [{ sessionIds: [], extra: 1 }, 'unknown field: extra'],
  ])('refuses the sessions body %j: %s', (body, message) => {
    const album = collections().create({ name: 'Album' });
    expectAppError(() => collections().setSessions(album.id, body), 'invalid_input', message);
    expectAppError(() => collections().addSessions(album.id, body), 'invalid_input', message);
  });

  it('refuses a position on set, a bad position on add, and too many ids', () => {
    const album = collections().create({ name: 'Album' });
    expectAppError(
      () => collections().setSessions(album.id, { sessionIds: [], position: 0 }),
      'invalid_input',
      'unknown field: position',
    );
    expectAppError(
      () => collections().addSessions(album.id, { sessionIds: [], position: -2 }),
      'invalid_input',
      'position must be an integer >= 0 (0 is the top of the collection)',
    );
    const tooMany = Array.from({ length: COLLECTION_LIMITS.sessionIdsMax + 1 }, (_, i) => `session_${i}`);
    expectAppError(
      () => collections().addSessions(album.id, { sessionIds: tooMany }),
      'invalid_input',
      `sessionIds must hold at most ${COLLECTION_LIMITS.sessionIdsMax} ids (got ${tooMany.length})`,
    );
  });

  it('a smart collection has no sessions to set, add or remove', () => {
    const [id] = sessions(1);
    const smart = collections().create({ name: 'Drafts', query: { status: 'draft' } });
    const message = "a smart collection's sessions are the ones its filters match";
    expectAppError(() => collections().setSessions(smart.id, { sessionIds: [id] }), 'invalid_input', message);
    expectAppError(() => collections().addSessions(smart.id, { sessionIds: [id] }), 'invalid_input', message);
    expectAppError(() => collections().removeSession(smart.id, id), 'invalid_input', message);
    expectAppError(
      () => collections().setSessions('collection_nope', { sessionIds: [] }),
      'collection_not_found',
    );
  });
});

describe('sessions deleted and restored', () => {
  it('a deleted session leaves every collection (counts follow); Undo puts it back in its place', () => {
    const ids = sessions(4);
    const album = collections().create({ name: 'Album' });
    const client = collections().create({ name: 'Client' });
    collections().setSessions(album.id, { sessionIds: ids });
    collections().setSessions(client.id, { sessionIds: [ids[2], ids[0]] });
    t.core.sessions.delete(ids[2]);
    expect(titlesIn(album)).toEqual(['Song 0', 'Song 1', 'Song 3']);
    expect(
      collections()
        .list()
        .map((c) => c.sessionCount),
    ).toEqual([3, 1]);

    // In the album its place was taken meanwhile (set anew: the newcomer has its old position): the
    // rest move down and it returns to the same index. In the client collection its place is free.
    const [newcomer] = sessions(1, 'New');
    collections().setSessions(album.id, { sessionIds: [ids[0], ids[1], newcomer, ids[3]] });
    t.core.sessions.restore(ids[2]);
    expect(titlesIn(album)).toEqual(['Song 0', 'Song 1', 'Song 2', 'New 0', 'Song 3']);
    expect(titlesIn(client)).toEqual(['Song 2', 'Song 0']);
    expect(
      collections()
        .list()
        .map((c) => c.sessionCount),
    ).toEqual([5, 2]);
  });

  it('a session deleted with its collection gone since comes back in none', () => {
    const [id] = sessions(1);
    const album = collections().create({ name: 'Album' });
    collections().setSessions(album.id, { sessionIds: [id] });
    t.core.sessions.delete(id);
    collections().delete(album.id);
    t.core.sessions.restore(id);
    expect(countRows(t.core, 'collection_sessions')).toBe(0);
  });

  it("a smart collection's count follows the sessions it matches", () => {
    const [a, b] = sessions(2);
    const drafts = collections().create({ name: 'Drafts', query: { status: 'draft' } });
    expect(drafts.sessionCount).toBe(2);
    t.core.sessions.patch(a, { status: 'done' });
    expect(collections().get(drafts.id).sessionCount).toBe(1);
    t.core.sessions.delete(b);
    expect(collections().list()[0]!.sessionCount).toBe(0);
  });
});

describe('events', () => {
  it('one per write that changed something, after it, with the collection as it is now', () => {
    const ids = sessions(2);
    const events = recordEvents(t.core);
    const album = collections().create({ name: 'Album' });
    const renamed = collections().update(album.id, { name: 'LP' });
    const filled = collections().setSessions(album.id, { sessionIds: ids });
    const added = collections().addSessions(album.id, { sessionIds: [ids[1]], position: 0 });
    const removed = collections().removeSession(album.id, ids[0]);
    collections().delete(album.id);
    expect(events.events).toEqual([
      { type: 'collection.created', collection: album },
      { type: 'collection.updated', collection: renamed },
      { type: 'collection.sessionsChanged', collection: filled },
      { type: 'collection.sessionsChanged', collection: added },
      { type: 'collection.sessionsChanged', collection: removed },
      { type: 'collection.deleted', id: album.id },
    ]);
    expect(removed.sessionCount).toBe(1);
  });

  it('every collection write moves the library version (the API answers from a cache keyed by it)', () => {
    const [id] = sessions(1);
    let version = t.core.libraryVersion();
    const moved = (): boolean => {
      const now = t.core.libraryVersion();
      const changed = now !== version;
      version = now;
      return changed;
    };
    const album = collections().create({ name: 'Album' });
    expect(moved()).toBe(true);
    collections().addSessions(album.id, { sessionIds: [id] });
    expect(moved()).toBe(true);
    collections().update(album.id, { name: 'B' });
    expect(moved()).toBe(true);
    collections().delete(album.id);
    expect(moved()).toBe(true);
  });
});
