import type { IpcEvent, IpcEventContract } from '../../shared/ipc';
import type { ApiServer } from '../core/api/api-server';
import type { Core } from '../core/create-core';
import { localApiView } from '../core/api/api-status';

export type SendToWindow = <E extends IpcEvent>(event: E, payload: IpcEventContract[E]) => void;

/**
 * Turns core events into window events (plain data only). Settings changes are sent once the
 * API server has applied them, so the window shows the state scripts actually meet.
 * Returns the unsubscribe function.
 */
export function forwardCoreEvents(core: Core, api: ApiServer, send: SendToWindow): () => void {
  return core.events.subscribe((event) => {
    switch (event.type) {
      case 'session.created':
        return send('sessions:changed', { type: 'created', session: event.session });
      case 'session.updated':
        return send('sessions:changed', { type: 'updated', session: event.session });
      case 'session.deleted':
        return send('sessions:changed', { type: 'deleted', id: event.id });
      case 'sessions.created':
        return send('sessions:changed', { type: 'many', ids: event.ids });
      case 'sessions.reverted':
        return send('sessions:changed', { type: 'many', ids: [] });
      case 'import.progress':
        return send('import:progress', event.status);
      case 'project.read':
        return send('projects:read', { sessionId: event.sessionId });
      case 'collection.created':
        return send('collections:changed', { type: 'created', collection: event.collection });
      case 'collection.updated':
        return send('collections:changed', { type: 'updated', collection: event.collection });
      case 'collection.deleted':
        return send('collections:changed', { type: 'deleted', id: event.id });
      case 'collection.sessionsChanged':
        return send('collections:changed', { type: 'sessions', collection: event.collection });
      case 'settings.changed':
      case 'token.rotated':
        void api.settled().then(() => send('localApi:changed', localApiView(core, api.apiStatus())));
        return;
    }
  });
}
