import { afterEach, describe, expect, it } from 'vitest';
import { countRows, createTempCore, expectAppError, recordEvents, type TempCore } from '../helpers/temp-core';

let temp: TempCore;
afterEach(() => temp?.cleanup());

describe('createMany (the bulk path imports use)', () => {
  it('creates every session in one transaction, searchable, with one event', () => {
    temp = createTempCore();
    const { core } = temp;
    const recorded = recordEvents(core);
    const ids = core.sessions.createMany([
      { title: 'Midnight Drive', tags: ['Mix', 'priority'], projectPath: '/music/drive.als' },
      { title: 'Café Sessions', client: 'Northside Records', notes: 'Print drums stem' },
      { title: 'Hooks', kind: 'reaper' },
    ]);
    expect(ids).toHaveLength(3);
    expect(recorded.events).toEqual([{ type: 'sessions.created', ids }]);
    expect(core.sessions.get(ids[0]).kind).toBe('Ableton');
    expect(core.sessions.get(ids[2]).kind).toBe('Reaper');
    expect(core.sessions.list({ q: 'cafe' }).data.map((s) => s.id)).toEqual([ids[1]]);
    expect(core.sessions.list({ q: 'drum' }).data.map((s) => s.id)).toEqual([ids[1]]);
    expect(core.sessions.list({ q: 'midnight dri' }).data.map((s) => s.id)).toEqual([ids[0]]);
    expect(core.sessions.tagCounts()).toEqual([
      { tag: 'Mix', count: 1 },
      { tag: 'priority', count: 1 },
    ]);
  });

  it('writes nothing when any item is invalid, and names the item', () => {
    temp = createTempCore();
    const { core } = temp;
    const recorded = recordEvents(core);
    expectAppError(
      () => core.sessions.createMany([{ title: 'Fine' }, { title: 'Also fine' }, { title: '' }]),
      'invalid_input',
      /^items\[2\]: title must be a non-empty string/,
    );
    expect(countRows(core, 'sessions')).toBe(0);
    expect(countRows(core, 'sessions_fts')).toBe(0);
    expect(recorded.events).toEqual([]);
  });

  it('an empty batch is a no-op without an event', () => {
    temp = createTempCore();
    const recorded = recordEvents(temp.core);
    expect(temp.core.sessions.createMany([])).toEqual([]);
    expect(recorded.events).toEqual([]);
  });
});

describe('undo of a delete (restore)', () => {
  it('brings the session back whole: same id, fields, tags, previews, waveform notes, search', () => {
    temp = createTempCore();
    const { core } = temp;
    const session = core.sessions.create({
      title: 'Sunset Edit',
      client: 'Ana',
      tags: ['Vocals', 'mix'],
      notes: 'Alt vocal print',
      projectPath: '/music/sunset.als',
    });
    core.sessions.markOpened(session.id);
    const seq = core.db.prepare('SELECT seq FROM sessions WHERE id = ?').pluck().get(session.id);
    core.db
      .prepare(
        `INSERT INTO previews (id, session_seq, name, path, status, mime, source, added_at)
         VALUES ('preview_1', ?, 'Mix v1', '/music/Bounces/mix.wav', 'ready', 'audio/wav', 'user', '2025-01-01T00:00:00.000Z')`,
      )
      .run(seq);
    core.db.prepare("UPDATE sessions SET preferred_preview_id = 'preview_1' WHERE seq = ?").run(seq);
    core.db
      .prepare(
        `INSERT INTO waveform_notes (id, session_seq, preview_id, timestamp, text, created_at, updated_at)
         VALUES ('wnote_1', ?, 'preview_1', 12.5, 'Kick too loud', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')`,
      )
      .run(seq);
    const before = core.sessions.get(session.id);

    core.sessions.delete(session.id);
    expect(countRows(core, 'previews')).toBe(0);
    expect(core.sessions.list({ q: 'sunset' }).meta.total).toBe(0);
    expect(core.sessions.tagCounts()).toEqual([]);

    const recorded = recordEvents(core);
    const restored = core.sessions.restore(session.id);
    expect(restored).toEqual(before);
    expect(recorded.events).toEqual([{ type: 'session.created', session: restored }]);
    expect(countRows(core, 'waveform_notes')).toBe(1);
    expect(core.sessions.list({ q: 'sunset' }).data.map((s) => s.id)).toEqual([session.id]);
    expect(core.sessions.tagCounts()).toEqual([
      { tag: 'mix', count: 1 },
      { tag: 'Vocals', count: 1 },
    ]);
    // Deleting it again works, and it can be restored again.
    core.sessions.delete(session.id);
    expect(core.sessions.restore(session.id).id).toBe(session.id);
  });

  it('refuses ids never deleted, already restored, or unknown', () => {
    temp = createTempCore();
    const { core } = temp;
    const session = core.sessions.create({ title: 'Keep' });
    expectAppError(() => core.sessions.restore(session.id), 'not_found');
    expectAppError(() => core.sessions.restore('session_nope'), 'not_found');
    expectAppError(() => core.sessions.restore(42), 'not_found');
    core.sessions.delete(session.id);
    core.sessions.restore(session.id);
    expectAppError(() => core.sessions.restore(session.id), 'not_found');
    expect(countRows(core, 'sessions')).toBe(1);
  });
});
