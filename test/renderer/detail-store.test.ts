import { describe, expect, it } from 'vitest';
import {
  createDetailStore,
  shownValue,
  TEXT_SAVE_DELAY_MS,
} from '../../src/renderer/src/stores/detail-store';
import { fakeDeps, makeSession, saved, settle } from './fakes';

function setup(overrides: Parameters<typeof makeSession>[0] = {}) {
  const { bridge, clock, deps } = fakeDeps();
  const errors: string[] = [];
  const store = createDetailStore({ ...deps, reportError: (message) => errors.push(message) });
  const session = makeSession({ title: 'Old title', ...overrides });
  store.getState().show(session);
  const shown = (field: 'title' | 'client' | 'notes' | 'status' | 'tags' = 'title') => {
    const state = store.getState();
    return shownValue(state.session!, state.drafts[session.id]?.[field], field);
  };
  const draft = (field: 'title' | 'client' | 'notes' | 'status' | 'tags' = 'title') =>
    store.getState().drafts[session.id]?.[field];
  return { bridge, clock, store, session, shown, draft, errors, id: session.id };
}

describe('detail store: typing during an in-flight save', () => {
  it('keeps the field dirty and saves the latest text next', async () => {
    const { bridge, clock, store, session, shown, draft, id } = setup();
    const { beginEdit, edit } = store.getState();
    beginEdit(id, 'title');
    edit(id, 'title', 'New');
    await clock.advance(TEXT_SAVE_DELAY_MS);
    const first = bridge.only('patchSession');
    expect(first.args).toEqual([id, { title: 'New' }]);

    // Typing arrives while that save is on its way.
    edit(id, 'title', 'New title');
    await first.ok(saved(session, { title: 'New' }, '2025-01-01T10:00:01.000Z'));

    expect(draft()).toMatchObject({ value: 'New title', dirty: true });
    expect(shown()).toBe('New title');

    await clock.advance(TEXT_SAVE_DELAY_MS);
    const second = bridge.only('patchSession');
    expect(second.args).toEqual([id, { title: 'New title' }]);
    await second.ok(saved(session, { title: 'New title' }, '2025-01-01T10:00:02.000Z'));
    store.getState().endEdit(id, 'title');
    expect(draft()).toBeUndefined();
    expect(store.getState().session?.title).toBe('New title');
  });

  it('saves the latest text when the field is left while the earlier save is on its way', async () => {
    const { bridge, clock, store, session, draft, id } = setup();
    const { beginEdit, edit, endEdit } = store.getState();
    beginEdit(id, 'title');
    edit(id, 'title', 'New');
    await clock.advance(TEXT_SAVE_DELAY_MS);
    const first = bridge.only('patchSession');
    edit(id, 'title', 'New title');
    endEdit(id, 'title');
    // The blur's flush waits for the save on its way: one call at a time per field.
    expect(bridge.pending('patchSession')).toHaveLength(1);
    await first.ok(saved(session, { title: 'New' }, '2025-01-01T10:00:01.000Z'));
    expect(draft()).toMatchObject({ value: 'New title', dirty: true });
    const second = bridge.only('patchSession');
    expect(second.args).toEqual([id, { title: 'New title' }]);
    await second.ok(saved(session, { title: 'New title' }, '2025-01-01T10:00:02.000Z'));
    expect(draft()).toBeUndefined();
    expect(store.getState().session?.title).toBe('New title');
  });
});

describe('detail store: saves of one field', () => {
  it('go out one at a time and land in typing order', async () => {
    const { bridge, store, session, shown, draft, id } = setup({ status: 'idea' });
    const { edit } = store.getState();
    edit(id, 'status', 'draft');
    await settle();
    edit(id, 'status', 'mixing');
    await settle();
    // The second waits for the first's answer.
    const first = bridge.only('patchSession');
    expect(first.args).toEqual([id, { status: 'draft' }]);
    const afterFirst = saved(session, { status: 'draft' }, '2025-01-01T10:00:01.000Z');
    await first.ok(afterFirst);
    expect(shown('status')).toBe('mixing');
    const second = bridge.only('patchSession');
    expect(second.args).toEqual([id, { status: 'mixing' }]);
    await second.ok(saved(session, { status: 'mixing' }, '2025-01-01T10:00:02.000Z'));
    expect(draft('status')).toBeUndefined();
    expect(shown('status')).toBe('mixing');

    // The first save's event, delivered late, never steps back over the later answer.
    await bridge.emit('sessions:changed', { type: 'updated', session: afterFirst });
    expect(store.getState().session?.status).toBe('mixing');
    expect(shown('status')).toBe('mixing');
  });
});

describe('detail store: a refused value', () => {
  it('stays in its draft with the message, not reverted', async () => {
    const { bridge, store, clock, shown, draft, errors, id } = setup();
    const { beginEdit, edit, endEdit } = store.getState();
    beginEdit(id, 'title');
    edit(id, 'title', 'Taken title');
    endEdit(id, 'title');
    await settle();
    await bridge.only('patchSession').fail('invalid_input', 'title is not allowed here');
    expect(draft()).toMatchObject({
      value: 'Taken title',
      dirty: true,
      saving: false,
      error: 'title is not allowed here',
    });
    expect(shown()).toBe('Taken title');
    expect(store.getState().session?.title).toBe('Old title');
    // Shown under the field, not as a toast (the session is on screen).
    expect(errors).toEqual([]);
    // Nothing retries on its own: the next change is judged afresh.
    await clock.advance(10 * TEXT_SAVE_DELAY_MS);
    expect(bridge.pending('patchSession')).toHaveLength(0);
    edit(id, 'title', 'Fine title');
    expect(draft()?.error).toBeNull();
  });

  it('does not pin its message on text typed after it was sent', async () => {
    const { bridge, clock, store, session, draft, id } = setup();
    const { beginEdit, edit } = store.getState();
    beginEdit(id, 'title');
    edit(id, 'title', 'Taken title');
    await clock.advance(TEXT_SAVE_DELAY_MS);
    const first = bridge.only('patchSession');
    edit(id, 'title', 'Another title');
    await first.fail('invalid_input', 'title is not allowed here');
    expect(draft()).toMatchObject({ value: 'Another title', dirty: true, error: null });
    await clock.advance(TEXT_SAVE_DELAY_MS);
    const second = bridge.only('patchSession');
    expect(second.args).toEqual([id, { title: 'Another title' }]);
    await second.ok(saved(session, { title: 'Another title' }, '2025-01-01T10:00:01.000Z'));
    expect(draft()).toMatchObject({ dirty: false, editing: true, error: null });
  });
});

describe('detail store: live updates', () => {
  it('never overwrite a focused or edited field, but update the others', async () => {
    const { bridge, store, session, shown, id } = setup({ client: 'Old client', notes: 'Old notes' });
    const { beginEdit, edit } = store.getState();
    beginEdit(id, 'title'); // focused, nothing typed yet
    edit(id, 'notes', 'My notes'); // edited, debounced save not sent yet
    const elsewhere = saved(
      session,
      { title: 'API title', notes: 'API notes', client: 'API client', status: 'done' },
      '2025-01-01T10:00:05.000Z',
    );
    await bridge.emit('sessions:changed', { type: 'updated', session: elsewhere });
    expect(shown('title')).toBe('Old title');
    expect(shown('notes')).toBe('My notes');
    expect(shown('client')).toBe('API client');
    expect(shown('status')).toBe('done');
    // Once the focused field is left untouched, it follows main again.
    store.getState().endEdit(id, 'title');
    expect(shown('title')).toBe('API title');
  });

  it('ignore other sessions and older copies; a deletion drops the drafts', async () => {
    const { bridge, store, session, id } = setup();
    await bridge.emit('sessions:changed', { type: 'updated', session: makeSession({ title: 'Other' }) });
    await bridge.emit('sessions:changed', {
      type: 'updated',
      session: saved(session, { title: 'Older' }, '2024-12-31T10:00:00.000Z'),
    });
    expect(store.getState().session?.title).toBe('Old title');
    store.getState().edit(id, 'notes', 'typed');
    await bridge.emit('sessions:changed', { type: 'deleted', id });
    expect(store.getState().session).toBeNull();
    expect(store.getState().drafts[id]).toBeUndefined();
  });
});
