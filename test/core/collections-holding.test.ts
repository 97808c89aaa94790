// Which collections hold a session: the manual ones it is in and the smart ones whose filters it
// passes, in sidebar order (the detail panel's Collections section asks this).
import { afterEach, expect, it } from 'vitest';
import { createTempCore, type TempCore } from '../helpers/temp-core';

let temp: TempCore | null = null;
afterEach(() => temp?.cleanup());

it('answers the manual collections holding a session and the smart ones it matches', () => {
  temp = createTempCore();
  const { sessions, collections } = temp.core;
  const drums = sessions.create({ title: 'Drums for Ana', status: 'mixing', tags: ['edm'] });
  const other = sessions.create({ title: 'Quiet piano', status: 'idea' });
  const album = collections.create({ name: 'Album' });
  const empty = collections.create({ name: 'Empty' });
  const mixing = collections.create({ name: 'Mixing', query: { status: 'mixing' } });
  const edmDrums = collections.create({ name: 'EDM drums', query: { q: 'drums', tags: ['edm'] } });
  collections.create({ name: 'Ideas', query: { status: 'idea' } });
  collections.addSessions(album.id, { sessionIds: [drums.id, other.id] });

  expect(collections.holding(drums.id)).toEqual([album.id, mixing.id, edmDrums.id]);
  expect(collections.holding(other.id)).toEqual([album.id, collections.list()[4]!.id]);
  expect(collections.holding(drums.id)).not.toContain(empty.id);

  sessions.patch(drums.id, { status: 'done' });
  expect(collections.holding(drums.id)).toEqual([album.id, edmDrums.id]);
  expect(() => collections.holding('session_nope')).toThrow('session not found');
});
