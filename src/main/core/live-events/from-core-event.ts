import type { Session } from '../../../shared/domain';
import type { CoreEvent } from '../events';
import { BULK_EVENTS_MAX, type LiveEventBody } from './live-event';

export interface SessionReader {
  /** The sessions of these ids that exist, in the order given, in one read. */
  getMany(ids: readonly string[]): Session[];
}

/**
 * What a core event means on the stream, read when it happens (so a session is sent as that write
 * left it). Collections, project reads and settings are not streamed; `localApi.changed` comes
 * from the API server and `resync` from the hub itself.
 */
export function liveEventsOf(event: CoreEvent, sessions: SessionReader): LiveEventBody[] {
  switch (event.type) {
    case 'session.created':
    case 'session.updated':
    case 'session.deleted':
    case 'preview.changed':
      return [event];
    case 'sessions.created':
      // An import chunk (250) is announced session by session; a library import of thousands is not.
      if (event.ids.length > BULK_EVENTS_MAX) return [{ type: 'resync', reason: 'bulk', lastEventId: null }];
      return sessions.getMany(event.ids).map((session) => ({ type: 'session.created', session }));
    case 'import.progress':
      return [{ type: event.status.done ? 'import.finished' : 'import.progress', import: event.status }];
    default:
      return [];
  }
}
