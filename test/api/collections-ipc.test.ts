// The window's door to collections (issue 13 §1): the IPC handlers answer what the Local API
// answers, with the same codes and messages, and every collection change reaches the window as a
// `collections:changed` event.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIpcHandlers, type IpcHandlers } from '../../src/main/ipc/handlers';
import { forwardCoreEvents } from '../../src/main/ipc/forward-events';
import type { IpcEvent, IpcEventContract } from '../../src/shared/ipc';
import { inertShell, startApi, type ApiHarness } from '../helpers/api-harness';

let h: ApiHarness;
let handlers: IpcHandlers;
let ids: string[];

beforeEach(async () => {
  h = await startApi();
  handlers = createIpcHandlers(h.core, h.server, inertShell());
  ids = ['One', 'Two', 'Three'].map((title) => h.core.sessions.create({ title }).id);
});
afterEach(() => h.close());

function valueOf<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`IPC failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('collections through IPC', () => {
  it('answer as the API does, field for field', async () => {
    const album = valueOf(await handlers['collections:create']({ name: 'Album' }));
    expect((await h.request('GET', `/collections/${album.id}`)).json.data).toEqual(album);
    const filled = valueOf(await handlers['collections:setSessions'](album.id, [ids[2]!, ids[0]!]));
    expect(filled.sessionCount).toBe(2);
    const moved = valueOf(await handlers['collections:addSessions'](album.id, [ids[1]!], 0));
    expect((await h.request('GET', `/collections/${album.id}`)).json.data).toEqual(moved);
    const listed = valueOf(await handlers['sessions:list']({ collection: album.id }));
    expect(listed.data.map((session) => session.title)).toEqual(['Two', 'Three', 'One']);
    expect((await h.request('GET', `/sessions?collection=${album.id}`)).json).toEqual(listed);
    // Appended without a position (the multi-selection's "Add to collection").
    const other = valueOf(await handlers['collections:create']({ name: 'Other' }));
    expect(valueOf(await handlers['collections:addSessions'](other.id, ids)).sessionCount).toBe(3);

    const smart = valueOf(
      await handlers['collections:create']({ name: 'Ones', kind: 'smart', query: { q: 'one' } }),
    );
    const renamed = valueOf(
      await handlers['collections:update'](smart.id, { name: 'Only one', position: 0 }),
    );
    expect(valueOf(await handlers['collections:list']())).toEqual(
      (await h.request('GET', '/collections')).json.data,
    );
    expect(valueOf(await handlers['collections:get'](smart.id))).toEqual(renamed);
    expect(valueOf(await handlers['collections:removeSession'](album.id, ids[0]!)).sessionCount).toBe(2);
    expect(await handlers['collections:delete'](smart.id)).toEqual({
      ok: true,
      value: { deleted: true, id: smart.id },
    });
  });

  it('fail with the API’s codes and messages', async () => {
    const smart = valueOf(await handlers['collections:create']({ name: 'Smart', query: { status: 'idea' } }));
    expect(await handlers['collections:get']('collection_missing')).toEqual({
      ok: false,
      error: { code: 'collection_not_found', message: 'collection not found' },
    });
    expect(await handlers['collections:create']({ name: ' ' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'name must be a non-empty string (at most 100 characters)' },
    });
    const refused = await handlers['collections:addSessions'](smart.id, [ids[0]!]);
    const viaApi = await h.request('POST', `/collections/${smart.id}/sessions`, {
      body: { sessionIds: [ids[0]] },
    });
    expect(refused).toEqual({
      ok: false,
      error: { code: viaApi.json.error.code, message: viaApi.json.error.message },
    });
    expect(await handlers['sessions:list']({ collection: 'collection_missing' })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'collection must name an existing collection: collection_missing not found',
      },
    });
    // The window's bulk add validates its arguments like the API's body.
    expect(await handlers['collections:setSessions'](smart.id, 'all' as never)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'sessionIds must be an array of session ids (got a string)' },
    });
  });

  it('tell the window of every change, through either door', async () => {
    const sent: { event: IpcEvent; payload: unknown }[] = [];
    const stop = forwardCoreEvents(
      h.core,
      h.server,
      <E extends IpcEvent>(event: E, payload: IpcEventContract[E]) => {
        if (event === 'collections:changed') sent.push({ event, payload });
      },
    );
    const album = (await h.request('POST', '/collections', { body: { name: 'Album' } })).json.data;
    const filled = valueOf(await handlers['collections:addSessions'](album.id, [ids[0]!]));
    const renamed = (await h.request('PATCH', `/collections/${album.id}`, { body: { name: 'LP' } })).json
      .data;
    await h.request('DELETE', `/collections/${album.id}`);
    stop();
    expect(sent).toEqual([
      { event: 'collections:changed', payload: { type: 'created', collection: album } },
      { event: 'collections:changed', payload: { type: 'sessions', collection: filled } },
      { event: 'collections:changed', payload: { type: 'updated', collection: renamed } },
      { event: 'collections:changed', payload: { type: 'deleted', id: album.id } },
    ]);
  });
});
