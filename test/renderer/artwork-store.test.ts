// The window's artwork summaries (issue 13 §2) under Node with a fake bridge and a hand-driven
// clock: one call per chunk of rows (never one per row), asked again only when a session comes
// back changed, batched during bursts of updates; a set or remove known without asking; deleted
// sessions forgotten; a failed call leaves placeholders and asks again with the next chunk.
import { describe, expect, it } from 'vitest';
import type { ArtworkSummary } from '../../src/shared/ipc';
import {
  ARTWORK_BATCH_MAX_MS,
  ARTWORK_BATCH_MS,
  createArtworkStore,
} from '../../src/renderer/src/stores/artwork-store';
import { initialsOf } from '../../src/renderer/src/components/artwork/ArtworkPlaceholder';
import { isImage, pathOfFileUrl } from '../../src/renderer/src/lib/file-drop';
import { fakeDeps, makeSession, saved } from './fakes';

const artwork = (id: string, version = 'v1'): ArtworkSummary => ({
  source: 'file',
  smallUrl: `sessiondock-media://artwork/${id}/small?v=${version}`,
  largeUrl: `sessiondock-media://artwork/${id}/large?v=${version}`,
});

describe('artwork summaries for the list and the grid', () => {
  it('asks once per chunk, remembers sessions without artwork, and never asks again for the same rows', async () => {
    const { bridge, clock, deps } = fakeDeps();
    const store = createArtworkStore(deps);
    const rows = Array.from({ length: 100 }, () => makeSession());
    store.getState().request(rows);
    await clock.advance(0);
    const call = bridge.only('artworkSummaries');
    expect(call.args[0]).toEqual(rows.map((row) => row.id));
    // Sessions without artwork are left out of the answer.
    await call.ok({ [rows[3]!.id]: artwork(rows[3]!.id) });
    expect(store.getState().summaries.get(rows[3]!.id)).toEqual(artwork(rows[3]!.id));
    expect(store.getState().summaries.get(rows[4]!.id)).toBeNull();

    // The chunk loaded again (a scroll back, a refresh) with the same sessions: nothing asked.
    store.getState().request(rows);
    await clock.advance(ARTWORK_BATCH_MAX_MS);
    expect(bridge.pending('artworkSummaries')).toHaveLength(0);
  });

  it('asks again for a session that comes back updated, one call for a burst of updates', async () => {
    const { bridge, clock, deps } = fakeDeps();
    const store = createArtworkStore(deps);
    const session = makeSession();
    const other = makeSession();
    store.getState().request([session, other]);
    await clock.advance(0);
    await bridge.only('artworkSummaries').ok({});

    // Artwork set through the API: the session's update is heard; autosave's bursts share a call.
    for (let i = 1; i <= 5; i++) {
      await bridge.emit('sessions:changed', {
        type: 'updated',
        session: saved(session, {}, `2025-01-02T10:00:0${i}.000Z`),
      });
      await clock.advance(10);
    }
    await bridge.emit('sessions:changed', {
      type: 'updated',
      session: saved(other, {}, '2025-01-02T10:00:09.000Z'),
    });
    await clock.advance(ARTWORK_BATCH_MS);
    const again = bridge.only('artworkSummaries');
    expect((again.args[0] as string[]).sort()).toEqual([session.id, other.id].sort());
    await again.ok({ [session.id]: artwork(session.id) });
    expect(store.getState().summaries.get(session.id)?.smallUrl).toContain('?v=v1');

    // An update for a session never shown asks nothing: its row asks when it loads.
    await bridge.emit('sessions:changed', { type: 'updated', session: makeSession() });
    await clock.advance(ARTWORK_BATCH_MAX_MS);
    expect(bridge.pending('artworkSummaries')).toHaveLength(0);
  });

  it('keeps the same summary object when nothing shown changed, so rows do not re-render', async () => {
    const { bridge, clock, deps } = fakeDeps();
    const store = createArtworkStore(deps);
    const session = makeSession();
    store.getState().request([session]);
    await clock.advance(0);
    await bridge.only('artworkSummaries').ok({ [session.id]: artwork(session.id) });
    const first = store.getState().summaries.get(session.id);
    const version = store.getState().version;

    store.getState().request([saved(session, { notes: 'typed' }, '2025-01-03T00:00:00.000Z')]);
    await clock.advance(0);
    await bridge.only('artworkSummaries').ok({ [session.id]: artwork(session.id) });
    expect(store.getState().summaries.get(session.id)).toBe(first);
    expect(store.getState().version).toBe(version);
  });

  it('takes a set or a remove as known, and asks again when an older answer was on its way', async () => {
    const { bridge, clock, deps } = fakeDeps();
    const store = createArtworkStore(deps);
    const session = makeSession();
    store.getState().request([session]);
    await clock.advance(0);
    const inFlight = bridge.only('artworkSummaries');

    store.getState().put(session.id, artwork(session.id, 'new'));
    expect(store.getState().summaries.get(session.id)?.largeUrl).toContain('?v=new');
    // The answer asked before the set lands (without the artwork), then the store asks again.
    await inFlight.ok({});
    await clock.advance(ARTWORK_BATCH_MAX_MS);
    await bridge.only('artworkSummaries').ok({ [session.id]: artwork(session.id, 'new') });
    expect(store.getState().summaries.get(session.id)?.largeUrl).toContain('?v=new');

    store.getState().put(session.id, null);
    expect(store.getState().summaries.get(session.id)).toBeNull();
  });

  it('forgets deleted sessions, and asks again after a failed call', async () => {
    const { bridge, clock, deps } = fakeDeps();
    const store = createArtworkStore(deps);
    const session = makeSession();
    store.getState().request([session]);
    await clock.advance(0);
    await bridge.only('artworkSummaries').fail('internal_error', 'Internal error.');
    expect(store.getState().summaries.has(session.id)).toBe(false);

    store.getState().request([session]);
    await clock.advance(0);
    await bridge.only('artworkSummaries').ok({ [session.id]: artwork(session.id) });
    expect(store.getState().summaries.has(session.id)).toBe(true);

    await bridge.emit('sessions:changed', { type: 'deleted', id: session.id });
    expect(store.getState().summaries.has(session.id)).toBe(false);
  });
});

describe('what the window takes as an image', () => {
  it('knows images by type or name, wider than the formats artwork takes', () => {
    expect(isImage('cover.PNG')).toBe(true);
    expect(isImage('photo.heic')).toBe(true);
    expect(isImage('image', 'image/webp')).toBe(true);
    expect(isImage('mix.wav')).toBe(false);
    expect(isImage('song.als')).toBe(false);
  });

  it('reads a copied file from a file:// URL, and nothing else', () => {
    expect(pathOfFileUrl('file:///home/me/My%20Covers/a.png')).toBe('/home/me/My Covers/a.png');
    expect(pathOfFileUrl('# copied\r\nfile:///C:/Music/cover.png')).toBe('C:/Music/cover.png');
    expect(pathOfFileUrl('file://server/share/a.png')).toBeNull();
    expect(pathOfFileUrl('https://example.com/a.png')).toBeNull();
    expect(pathOfFileUrl('/home/me/a.png')).toBeNull();
  });

  it('draws initials for the placeholder', () => {
    expect(initialsOf('night drive v3')).toBe('ND');
    expect(initialsOf('Untitled')).toBe('U');
    expect(initialsOf('  — ')).toBe('');
    expect(initialsOf('élan vital')).toBe('ÉV');
  });
});
