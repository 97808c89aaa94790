// SessionsService behaviour beyond validation: the published Session shape, reads, patch and
// markOpened timestamps, the tags and notes sub-resources, tag counts, cascading delete, and the
// change events each write emits.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src/shared/domain';
import { createCore } from '../../src/main/core/create-core';
import type { CoreEvent } from '../../src/main/core/events';
import {
  DEFAULT_START,
  ISO_UTC,
  countRows,
  createTempCore,
  expectAppError,
  recordEvents,
  snapshotSessionTables,
  type TempCore,
} from '../helpers/temp-core';

const SESSION_FIELD_ORDER = [
  'id',
  'title',
  'kind',
  'status',
  'accent',
  'client',
  'tags',
  'notes',
  'lastOpened',
  'createdAt',
  'updatedAt',
  'projectPath',
  'projectOriginalPath',
  'previewStatus',
  'previewUrl',
  'previewAudioUrl',
  'previewAudioMime',
  'preferredPreviewId',
  'previews',
];

let t: TempCore;

beforeEach(() => {
  t = createTempCore();
});

afterEach(() => {
  t.cleanup();
});

function seqOf(id: string): number {
  return (t.core.db.prepare('SELECT seq FROM sessions WHERE id = ?').get(id) as { seq: number }).seq;
}

describe('create', () => {
  it('returns the full Session object with the fields in the published order', () => {
    const session = t.core.sessions.create({ title: 'First' });
    expect(Object.keys(session)).toEqual(SESSION_FIELD_ORDER);
    expect(session).toEqual({
      id: session.id,
      title: 'First',
      kind: 'Other',
      status: 'draft',
      accent: 'gradient',
      client: '',
      tags: [],
      notes: '',
      lastOpened: null,
      createdAt: DEFAULT_START,
      updatedAt: DEFAULT_START,
      projectPath: null,
      projectOriginalPath: null,
      previewStatus: 'none',
      previewUrl: null,
      previewAudioUrl: null,
      previewAudioMime: null,
      preferredPreviewId: null,
      previews: [],
    });
  });

  it('keeps the field order when every field is given', () => {
    const session = t.core.sessions.create({
      projectPath: '/Music/Full.als',
      notes: 'n',
      tags: ['a'],
      client: 'c',
      accent: 'red',
      status: 'idea',
      kind: 'Ableton',
      title: 'Full',
    });
    expect(Object.keys(session)).toEqual(SESSION_FIELD_ORDER);
    expect(Object.keys(t.core.sessions.get(session.id))).toEqual(SESSION_FIELD_ORDER);
    expect(Object.keys(t.core.sessions.list().data[0]!)).toEqual(SESSION_FIELD_ORDER);
  });

  it('gives an opaque, URL-safe id prefixed session_, unique per session', () => {
    const created = Array.from({ length: 20 }, (_, i) => t.core.sessions.create({ title: `S${i}` }));
    for (const session of created) {
      expect(session.id).toMatch(/^session_[A-Za-z0-9_-]+$/);
      expect(session.id.length).toBeGreaterThan('session_'.length);
      expect(encodeURIComponent(session.id)).toBe(session.id);
    }
    expect(new Set(created.map((session) => session.id)).size).toBe(20);
  });

  it('writes ISO-8601 UTC timestamps with Z from the clock, and lastOpened null', () => {
    t.clock.set('2024-07-15T08:30:00.250Z');
    const session = t.core.sessions.create({ title: 'Timed' });
    expect(session.createdAt).toMatch(ISO_UTC);
    expect(session.createdAt).toBe('2024-07-15T08:30:00.250Z');
    expect(session.updatedAt).toBe(session.createdAt);
    expect(session.lastOpened).toBeNull();
  });

  it('stores the session: get returns the same object, also from a core reopened on the file', () => {
    const session = t.core.sessions.create({ title: 'Kept', tags: ['x', 'Y'], notes: 'hello' });
    expect(t.core.sessions.get(session.id)).toEqual(session);
    t.core.close();
    const reopened = createCore({ dataDir: t.dir, clock: t.clock });
    try {
      expect(reopened.sessions.get(session.id)).toEqual(session);
    } finally {
      reopened.close();
    }
  });

  it('stores one row per session', () => {
    t.core.sessions.create({ title: 'One' });
    t.core.sessions.create({ title: 'Two' });
    expect(countRows(t.core, 'sessions')).toBe(2);
  });
});

describe('get', () => {
  it.each([
    ['an unknown id', 'session_00000000000000000000000000'],
    ['an empty string', ''],
    ['a number', 42],
    ['undefined', undefined],
    ['null', null],
    ['an object', { id: 'session_x' }],
  ])('answers not_found "session not found" for %s', (_label, id) => {
    t.core.sessions.create({ title: 'Exists' });
    const error = expectAppError(() => t.core.sessions.get(id), 'not_found');
    expect(error.message).toBe('session not found');
  });

  it('does not find a session by a different-case id', () => {
    const session = t.core.sessions.create({ title: 'Case' });
    expectAppError(() => t.core.sessions.get(session.id.toUpperCase()), 'not_found', 'session not found');
  });
});

describe('patch', () => {
  let original: Session;

  beforeEach(() => {
    t.clock.set('2025-01-01T00:00:00.000Z');
    original = t.core.sessions.create({
      title: 'Original',
      kind: 'Cubase',
      status: 'idea',
      accent: 'blue',
      client: 'Client',
      tags: ['keep', 'these'],
      notes: 'original notes',
      projectPath: '/Music/Original.cpr',
    });
  });

  it('changes only the fields given and bumps updatedAt to the clock time', () => {
    t.clock.set('2025-02-02T10:00:00.000Z');
    const patched = t.core.sessions.patch(original.id, { status: 'mixing' });
    expect(patched).toEqual({ ...original, status: 'mixing', updatedAt: '2025-02-02T10:00:00.000Z' });
    expect(t.core.sessions.get(original.id)).toEqual(patched);
  });

  it('changes several fields at once, keeping createdAt, id, lastOpened and projectOriginalPath', () => {
    t.clock.set('2025-03-03T00:00:00.000Z');
    const patched = t.core.sessions.patch(original.id, {
      title: 'Renamed',
      kind: 'nuendo',
      accent: 'pink',
      client: '',
      tags: ['new'],
      notes: '',
      projectPath: '/Elsewhere/Renamed.npr',
    });
    expect(patched).toEqual({
      ...original,
      title: 'Renamed',
      kind: 'Nuendo',
      accent: 'pink',
      client: '',
      tags: ['new'],
      notes: '',
      projectPath: '/Elsewhere/Renamed.npr',
      updatedAt: '2025-03-03T00:00:00.000Z',
    });
    expect(patched.createdAt).toBe(original.createdAt);
    expect(patched.projectOriginalPath).toBe('/Music/Original.cpr');
    expect(Object.keys(patched)).toEqual(SESSION_FIELD_ORDER);
  });

  it('bumps updatedAt even when the value given equals the current one', () => {
    t.clock.set('2025-04-04T00:00:00.000Z');
    expect(t.core.sessions.patch(original.id, { title: 'Original' }).updatedAt).toBe(
      '2025-04-04T00:00:00.000Z',
    );
  });

  it('leaves other sessions alone', () => {
    const other = t.core.sessions.create({ title: 'Other', tags: ['keep'] });
    t.core.sessions.patch(original.id, { title: 'Changed', tags: [] });
    expect(t.core.sessions.get(other.id)).toEqual(other);
  });

  it('answers not_found for an unknown id, writing nothing', () => {
    const before = snapshotSessionTables(t.core);
    expectAppError(
      () => t.core.sessions.patch('session_unknown', { title: 'x' }),
      'not_found',
      'session not found',
    );
    expect(snapshotSessionTables(t.core)).toEqual(before);
  });
});

describe('markOpened', () => {
  it('sets lastOpened to the clock time and leaves updatedAt unchanged', () => {
    t.clock.set('2025-01-01T00:00:00.000Z');
    const session = t.core.sessions.create({ title: 'Open me' });
    t.clock.set('2025-06-01T12:34:56.789Z');
    const opened = t.core.sessions.markOpened(session.id);
    expect(opened).toEqual({ ...session, lastOpened: '2025-06-01T12:34:56.789Z' });
    expect(opened.updatedAt).toBe('2025-01-01T00:00:00.000Z');
    expect(t.core.sessions.get(session.id)).toEqual(opened);
    expect(Object.keys(opened)).toEqual(SESSION_FIELD_ORDER);
  });

  it('moves lastOpened forward on each open', () => {
    const session = t.core.sessions.create({ title: 'Twice' });
    t.clock.set('2025-06-01T00:00:00.000Z');
    t.core.sessions.markOpened(session.id);
    t.clock.set('2025-06-02T00:00:00.000Z');
    const opened = t.core.sessions.markOpened(session.id);
    expect(opened.lastOpened).toBe('2025-06-02T00:00:00.000Z');
    expect(opened.lastOpened).toMatch(ISO_UTC);
    expect(opened.updatedAt).toBe(session.updatedAt);
  });

  it('answers not_found for an unknown id', () => {
    expectAppError(() => t.core.sessions.markOpened('session_nope'), 'not_found', 'session not found');
    expectAppError(() => t.core.sessions.markOpened(7), 'not_found', 'session not found');
  });
});

describe('tags sub-resource', () => {
  let session: Session;

  beforeEach(() => {
    t.clock.set('2025-01-01T00:00:00.000Z');
    session = t.core.sessions.create({ title: 'Tagged', tags: ['one', 'Two'] });
  });

  it('getTags returns {id, tags} in order', () => {
    const result = t.core.sessions.getTags(session.id);
    expect(result).toEqual({ id: session.id, tags: ['one', 'Two'] });
    expect(Object.keys(result)).toEqual(['id', 'tags']);
  });

  it('replaceTags replaces the whole list, normalised, and returns {id, tags}', () => {
    t.clock.set('2025-05-05T00:00:00.000Z');
    const result = t.core.sessions.replaceTags(session.id, { tags: ['  Three ', 'four', 'THREE', 'one'] });
    expect(result).toEqual({ id: session.id, tags: ['Three', 'four', 'one'] });
    expect(Object.keys(result)).toEqual(['id', 'tags']);
    expect(t.core.sessions.getTags(session.id)).toEqual(result);
    const stored = t.core.sessions.get(session.id);
    expect(stored.tags).toEqual(['Three', 'four', 'one']);
    expect(stored.updatedAt).toBe('2025-05-05T00:00:00.000Z');
    expect(stored).toEqual({ ...session, tags: stored.tags, updatedAt: stored.updatedAt });
  });

  it('replaceTags with an empty list clears the tags', () => {
    expect(t.core.sessions.replaceTags(session.id, { tags: [] })).toEqual({ id: session.id, tags: [] });
    expect(t.core.sessions.get(session.id).tags).toEqual([]);
    expect(countRows(t.core, 'session_tags')).toBe(0);
  });

  it.each([
    ['a missing tags field', {}, 'tags'],
    ['an extra field', { tags: ['a'], notes: 'x' }, 'notes'],
    ['a non-array', { tags: 'a,b' }, 'tags'],
    ['an invalid tag', { tags: ['ok', ''] }, 'tags'],
    ['33 tags', { tags: Array.from({ length: 33 }, (_, i) => `t${i}`) }, 'tags'],
    ['a null body', null, 'body'],
    ['an array body', [['a']], 'body'],
  ])('replaceTags refuses %s, changing nothing', (_label, body, field) => {
    const before = snapshotSessionTables(t.core);
    expectAppError(() => t.core.sessions.replaceTags(session.id, body), 'invalid_input', field);
    expect(snapshotSessionTables(t.core)).toEqual(before);
  });

  it('getTags and replaceTags answer not_found for an unknown id', () => {
    expectAppError(() => t.core.sessions.getTags('session_nope'), 'not_found', 'session not found');
    expectAppError(
      () => t.core.sessions.replaceTags('session_nope', { tags: ['a'] }),
      'not_found',
      'session not found',
    );
  });
});

describe('notes sub-resource', () => {
  let session: Session;

  beforeEach(() => {
    t.clock.set('2025-01-01T00:00:00.000Z');
    session = t.core.sessions.create({ title: 'Noted', notes: 'first' });
  });

  it('setNotes replaces the notes and returns {id, notes}', () => {
    t.clock.set('2025-05-05T00:00:00.000Z');
    const result = t.core.sessions.setNotes(session.id, { notes: '  second\n\nline  ' });
    expect(result).toEqual({ id: session.id, notes: '  second\n\nline  ' });
    expect(Object.keys(result)).toEqual(['id', 'notes']);
    const stored = t.core.sessions.get(session.id);
    expect(stored).toEqual({
      ...session,
      notes: '  second\n\nline  ',
      updatedAt: '2025-05-05T00:00:00.000Z',
    });
  });

  it.each([
    ['null', null],
    ['an empty string', ''],
  ])('setNotes with %s clears the notes', (_label, notes) => {
    expect(t.core.sessions.setNotes(session.id, { notes })).toEqual({ id: session.id, notes: '' });
    expect(t.core.sessions.get(session.id).notes).toBe('');
  });

  it('setNotes accepts 100,000 characters and refuses 100,001', () => {
    expect(t.core.sessions.setNotes(session.id, { notes: 'x'.repeat(100_000) }).notes).toHaveLength(100_000);
    expectAppError(
      () => t.core.sessions.setNotes(session.id, { notes: 'x'.repeat(100_001) }),
      'invalid_input',
      'notes',
    );
  });

  it.each([
    ['a missing notes field', {}, 'notes'],
    ['an extra field', { notes: 'x', title: 'y' }, 'title'],
    ['a number', { notes: 5 }, 'notes'],
    ['an array', { notes: ['x'] }, 'notes'],
    ['a null body', null, 'body'],
    ['a string body', 'notes', 'body'],
  ])('setNotes refuses %s, changing nothing', (_label, body, field) => {
    const before = snapshotSessionTables(t.core);
    expectAppError(() => t.core.sessions.setNotes(session.id, body), 'invalid_input', field);
    expect(snapshotSessionTables(t.core)).toEqual(before);
  });

  it('setNotes answers not_found for an unknown id', () => {
    expectAppError(
      () => t.core.sessions.setNotes('session_nope', { notes: 'x' }),
      'not_found',
      'session not found',
    );
  });
});

describe('tagCounts', () => {
  it('is empty for an empty library', () => {
    expect(t.core.sessions.tagCounts()).toEqual([]);
  });

  it('lists tags most used first, then by name case-insensitively', () => {
    t.core.sessions.create({ title: '1', tags: ['rock', 'beats', 'Zen'] });
    t.core.sessions.create({ title: '2', tags: ['rock', 'Cello', 'Ambient'] });
    t.core.sessions.create({ title: '3', tags: ['rock', 'beats', 'Cello', 'Ambient', 'acoustic'] });
    expect(t.core.sessions.tagCounts()).toEqual([
      { tag: 'rock', count: 3 },
      { tag: 'Ambient', count: 2 },
      { tag: 'beats', count: 2 },
      { tag: 'Cello', count: 2 },
      { tag: 'acoustic', count: 1 },
      { tag: 'Zen', count: 1 },
    ]);
  });

  it('counts spellings that differ only in case as one tag', () => {
    t.core.sessions.create({ title: '1', tags: ['Rock'] });
    t.core.sessions.create({ title: '2', tags: ['ROCK'] });
    t.core.sessions.create({ title: '3', tags: ['rock', 'solo'] });
    const counts = t.core.sessions.tagCounts();
    expect(counts).toHaveLength(2);
    expect(counts[0]!.tag.toLowerCase()).toBe('rock');
    expect(counts[0]!.count).toBe(3);
    expect(counts[1]).toEqual({ tag: 'solo', count: 1 });
  });

  it('follows patches, replaceTags and deletes; unused tags disappear', () => {
    const a = t.core.sessions.create({ title: 'A', tags: ['x', 'y'] });
    const b = t.core.sessions.create({ title: 'B', tags: ['x'] });
    expect(t.core.sessions.tagCounts()).toEqual([
      { tag: 'x', count: 2 },
      { tag: 'y', count: 1 },
    ]);

    t.core.sessions.patch(a.id, { tags: ['y', 'z'] });
    expect(t.core.sessions.tagCounts()).toEqual([
      { tag: 'x', count: 1 },
      { tag: 'y', count: 1 },
      { tag: 'z', count: 1 },
    ]);

    t.core.sessions.replaceTags(b.id, { tags: ['z'] });
    expect(t.core.sessions.tagCounts()).toEqual([
      { tag: 'z', count: 2 },
      { tag: 'y', count: 1 },
    ]);

    t.core.sessions.patch(a.id, { title: 'A2' }); // no tag change
    expect(t.core.sessions.tagCounts()).toEqual([
      { tag: 'z', count: 2 },
      { tag: 'y', count: 1 },
    ]);

    t.core.sessions.delete(a.id);
    expect(t.core.sessions.tagCounts()).toEqual([{ tag: 'z', count: 1 }]);

    t.core.sessions.delete(b.id);
    expect(t.core.sessions.tagCounts()).toEqual([]);
  });

  it('is not changed by a refused write', () => {
    const a = t.core.sessions.create({ title: 'A', tags: ['x'] });
    expectAppError(() => t.core.sessions.patch(a.id, { tags: ['y'], status: 'bogus' }), 'invalid_input');
    expectAppError(
      () => t.core.sessions.create({ title: 'B', tags: ['x', 'z'], kind: 'nope' }),
      'invalid_input',
    );
    expect(t.core.sessions.tagCounts()).toEqual([{ tag: 'x', count: 1 }]);
  });
});

describe('delete', () => {
  function insertPreview(sessionId: string, previewId: string): void {
    t.core.db
      .prepare(
        `INSERT INTO previews (id, session_seq, name, path, status, mime, source, added_at)
         VALUES (?, ?, ?, ?, 'ready', 'audio/wav', 'user', ?)`,
      )
      .run(
        previewId,
        seqOf(sessionId),
        `${previewId}.wav`,
        `/Music/${previewId}.wav`,
        '2025-01-01T00:00:00.000Z',
      );
  }

  function insertWaveformNote(sessionId: string, previewId: string, noteId: string): void {
    t.core.db
      .prepare(
        `INSERT INTO waveform_notes (id, session_seq, preview_id, timestamp, text, created_at, updated_at)
         VALUES (?, ?, ?, 1.5, 'note', ?, ?)`,
      )
      .run(noteId, seqOf(sessionId), previewId, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z');
  }

  const rowsFor = (table: string, seq: number): number =>
    (t.core.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE session_seq = ?`).get(seq) as { n: number })
      .n;

  it('returns {deleted: true, id} and the session is gone', () => {
    const session = t.core.sessions.create({ title: 'Doomed' });
    const result = t.core.sessions.delete(session.id);
    expect(result).toEqual({ deleted: true, id: session.id });
    expect(Object.keys(result)).toEqual(['deleted', 'id']);
    expectAppError(() => t.core.sessions.get(session.id), 'not_found', 'session not found');
    expect(t.core.sessions.list().data).toEqual([]);
    expect(countRows(t.core, 'sessions')).toBe(0);
  });

  it('removes its tags, previews and waveform notes, and nothing of other sessions', () => {
    const doomed = t.core.sessions.create({ title: 'Doomed', tags: ['shared', 'mine'] });
    const kept = t.core.sessions.create({ title: 'Kept', tags: ['shared'] });
    insertPreview(doomed.id, 'preview_doomed');
    insertWaveformNote(doomed.id, 'preview_doomed', 'wnote_doomed');
    insertPreview(kept.id, 'preview_kept');
    insertWaveformNote(kept.id, 'preview_kept', 'wnote_kept');
    const doomedSeq = seqOf(doomed.id);
    const keptSeq = seqOf(kept.id);
    expect(rowsFor('previews', doomedSeq)).toBe(1);
    expect(rowsFor('waveform_notes', doomedSeq)).toBe(1);
    expect(rowsFor('session_tags', doomedSeq)).toBe(2);
    const keptBefore = t.core.sessions.get(kept.id);

    t.core.sessions.delete(doomed.id);

    expect(rowsFor('previews', doomedSeq)).toBe(0);
    expect(rowsFor('waveform_notes', doomedSeq)).toBe(0);
    expect(rowsFor('session_tags', doomedSeq)).toBe(0);
    expect(t.core.db.prepare('SELECT id FROM previews').all()).toEqual([{ id: 'preview_kept' }]);
    expect(t.core.db.prepare('SELECT id FROM waveform_notes').all()).toEqual([{ id: 'wnote_kept' }]);
    expect(rowsFor('session_tags', keptSeq)).toBe(1);
    expect(t.core.sessions.get(kept.id)).toEqual(keptBefore);
    expect(t.core.sessions.tagCounts()).toEqual([{ tag: 'shared', count: 1 }]);
  });

  it.each([
    ['an unknown id', 'session_nope'],
    ['an empty string', ''],
    ['a number', 1],
    ['undefined', undefined],
  ])('answers not_found "session not found" for %s, deleting nothing', (_label, id) => {
    t.core.sessions.create({ title: 'Stays' });
    const before = snapshotSessionTables(t.core);
    const error = expectAppError(() => t.core.sessions.delete(id), 'not_found');
    expect(error.message).toBe('session not found');
    expect(snapshotSessionTables(t.core)).toEqual(before);
  });

  it('answers not_found when deleting the same session twice', () => {
    const session = t.core.sessions.create({ title: 'Once' });
    t.core.sessions.delete(session.id);
    expectAppError(() => t.core.sessions.delete(session.id), 'not_found', 'session not found');
  });

  it('makes every other operation on the id answer not_found', () => {
    const session = t.core.sessions.create({ title: 'Gone' });
    t.core.sessions.delete(session.id);
    expectAppError(() => t.core.sessions.patch(session.id, { title: 'x' }), 'not_found');
    expectAppError(() => t.core.sessions.getTags(session.id), 'not_found');
    expectAppError(() => t.core.sessions.replaceTags(session.id, { tags: [] }), 'not_found');
    expectAppError(() => t.core.sessions.setNotes(session.id, { notes: null }), 'not_found');
    expectAppError(() => t.core.sessions.markOpened(session.id), 'not_found');
  });
});

describe('change events', () => {
  let recorder: ReturnType<typeof recordEvents>;

  beforeEach(() => {
    recorder = recordEvents(t.core);
  });

  afterEach(() => {
    recorder.stop();
  });

  it('create emits one session.created with the returned session', () => {
    const session = t.core.sessions.create({ title: 'Evented', tags: ['a'] });
    expect(recorder.events).toEqual([{ type: 'session.created', session }]);
  });

  it('patch emits one session.updated with the returned session', () => {
    const session = t.core.sessions.create({ title: 'Evented' });
    recorder.clear();
    const patched = t.core.sessions.patch(session.id, { status: 'done' });
    expect(recorder.events).toEqual([{ type: 'session.updated', session: patched }]);
  });

  it('delete emits one session.deleted with the id', () => {
    const session = t.core.sessions.create({ title: 'Evented' });
    recorder.clear();
    t.core.sessions.delete(session.id);
    expect(recorder.events).toEqual([{ type: 'session.deleted', id: session.id }]);
  });

  it('replaceTags emits one session.updated carrying the new tags', () => {
    const session = t.core.sessions.create({ title: 'Evented' });
    recorder.clear();
    t.core.sessions.replaceTags(session.id, { tags: ['n1', 'n2'] });
    expect(recorder.events).toEqual([{ type: 'session.updated', session: t.core.sessions.get(session.id) }]);
    expect((recorder.events[0] as Extract<CoreEvent, { type: 'session.updated' }>).session.tags).toEqual([
      'n1',
      'n2',
    ]);
  });

  it('setNotes emits one session.updated carrying the new notes', () => {
    const session = t.core.sessions.create({ title: 'Evented' });
    recorder.clear();
    t.core.sessions.setNotes(session.id, { notes: 'fresh' });
    expect(recorder.events).toEqual([{ type: 'session.updated', session: t.core.sessions.get(session.id) }]);
    expect((recorder.events[0] as Extract<CoreEvent, { type: 'session.updated' }>).session.notes).toBe(
      'fresh',
    );
  });

  it('markOpened emits one session.updated with the returned session', () => {
    const session = t.core.sessions.create({ title: 'Evented' });
    recorder.clear();
    const opened = t.core.sessions.markOpened(session.id);
    expect(recorder.events).toEqual([{ type: 'session.updated', session: opened }]);
    expect(opened.lastOpened).not.toBeNull();
  });

  it('reads emit nothing', () => {
    const session = t.core.sessions.create({ title: 'Read me', tags: ['r'] });
    recorder.clear();
    t.core.sessions.get(session.id);
    t.core.sessions.list();
    t.core.sessions.list({ q: 'read', sort: 'title', recent: 'false' });
    t.core.sessions.getTags(session.id);
    t.core.sessions.tagCounts();
    expect(recorder.events).toEqual([]);
  });

  it('failed writes emit nothing', () => {
    const session = t.core.sessions.create({ title: 'Target' });
    recorder.clear();
    const failures: (() => unknown)[] = [
      () => t.core.sessions.create({}),
      () => t.core.sessions.create({ title: 'x', bogus: 1 }),
      () => t.core.sessions.patch(session.id, {}),
      () => t.core.sessions.patch(session.id, { status: 'nope' }),
      () => t.core.sessions.patch('session_nope', { title: 'x' }),
      () => t.core.sessions.delete('session_nope'),
      () => t.core.sessions.replaceTags(session.id, { tags: 'x' }),
      () => t.core.sessions.replaceTags('session_nope', { tags: [] }),
      () => t.core.sessions.setNotes(session.id, { notes: 1 }),
      () => t.core.sessions.setNotes('session_nope', { notes: '' }),
      () => t.core.sessions.markOpened('session_nope'),
    ];
    for (const failure of failures) expect(failure).toThrow();
    expect(recorder.events).toEqual([]);
  });

  it('fires after the write is committed: a listener reads the new state', () => {
    const seen: unknown[] = [];
    const stop = t.core.events.subscribe((event) => {
      if (event.type === 'session.created' || event.type === 'session.updated') {
        seen.push(t.core.sessions.get(event.session.id));
      } else if (event.type === 'session.deleted') {
        seen.push(countRows(t.core, 'sessions'));
      }
    });
    try {
      const session = t.core.sessions.create({ title: 'Committed' });
      const patched = t.core.sessions.patch(session.id, { title: 'Committed 2' });
      t.core.sessions.delete(session.id);
      expect(seen).toEqual([session, patched, 0]);
    } finally {
      stop();
    }
  });

  it('a listener that throws does not break the write or the other listeners', () => {
    recorder.stop();
    const stopThrowing = t.core.events.subscribe(() => {
      throw new Error('listener boom');
    });
    const after = recordEvents(t.core);
    try {
      const session = t.core.sessions.create({ title: 'Robust' });
      expect(t.core.sessions.get(session.id)).toEqual(session);
      const patched = t.core.sessions.patch(session.id, { notes: 'still works' });
      expect(t.core.sessions.get(session.id).notes).toBe('still works');
      t.core.sessions.replaceTags(session.id, { tags: ['ok'] });
      t.core.sessions.setNotes(session.id, { notes: null });
      t.core.sessions.markOpened(session.id);
      expect(t.core.sessions.delete(session.id)).toEqual({ deleted: true, id: session.id });
      expect(countRows(t.core, 'sessions')).toBe(0);
      expect(after.events.map((event) => event.type)).toEqual([
        'session.created',
        'session.updated',
        'session.updated',
        'session.updated',
        'session.updated',
        'session.deleted',
      ]);
      expect(after.events[1]).toEqual({ type: 'session.updated', session: patched });
    } finally {
      stopThrowing();
      after.stop();
    }
  });

  it('stops delivering after unsubscribe', () => {
    recorder.stop();
    t.core.sessions.create({ title: 'Unheard' });
    expect(recorder.events).toEqual([]);
  });
});
