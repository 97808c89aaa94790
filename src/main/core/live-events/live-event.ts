import type { ApiMode, ImportStatus } from '../../../shared/domain';
import type { CoreEvent } from '../events';

/** The events `GET /api/v1/events` sends (see README.md in this folder for the rules). */
export const LIVE_EVENT_TYPES = [
  'session.created',
  'session.updated',
  'session.deleted',
  'import.progress',
  'import.finished',
  'preview.changed',
  'localApi.changed',
  'resync',
] as const;

export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

/**
 * Why a client should re-read what it follows: its Last-Event-ID is not one of this run's
 * (`unknown-id`) or is older than the backlog (`expired`), a group commit failed and its changes
 * were never announced (`reverted`), or more sessions were created at once than one stream carries
 * (`bulk`, a library import).
 */
export type ResyncReason = 'unknown-id' | 'expired' | 'reverted' | 'bulk';

/** Why the Local API changed: its mode (effective or configured), its port, or its token. */
export type LocalApiChangeReason = 'mode' | 'port' | 'token';

export interface LocalApiChange {
  /** The effective mode (`read-only` when the library cannot be written), `disabled` when closing. */
  mode: ApiMode;
  configuredMode: ApiMode;
  /** The port the API listens on from now on; null when it stops listening. */
  port: number | null;
  reason: LocalApiChangeReason;
}

/** Core events streamed as they are. */
type StreamedCoreEvent = Extract<
  CoreEvent,
  { type: 'session.created' | 'session.updated' | 'session.deleted' | 'preview.changed' }
>;

/** An event's payload with its type; `at` and the id are added when it is published. */
export type LiveEventBody =
  | StreamedCoreEvent
  | { type: 'import.progress'; import: ImportStatus }
  | { type: 'import.finished'; import: ImportStatus }
  | ({ type: 'localApi.changed' } & LocalApiChange)
  | { type: 'resync'; reason: ResyncReason; lastEventId: string | null };

const MIB = 1024 * 1024;

/** The backlog a client can resume from with Last-Event-ID: the last this many events… */
export const BACKLOG_MAX_EVENTS = 1_000;
/** …and at most this many bytes of them (as sent). */
export const BACKLOG_MAX_BYTES = 4 * MIB;
/** A comment line is sent this often, so proxies and clients see a live connection. */
export const DEFAULT_HEARTBEAT_MS = 15_000;
/** A subscriber whose socket holds more than this unsent is dropped (it may resume). */
export const DEFAULT_CLIENT_BUFFER_LIMIT = MIB;
/** Streams open at once; one more is refused with 503 too_many_streams. */
export const DEFAULT_MAX_STREAMS = 1_000;
/** What `retry:` tells EventSource clients to wait before reconnecting. */
export const RETRY_MS = 3_000;
/**
 * More sessions created at once than this (a library import) are announced as one `resync`
 * {reason: 'bulk'}: no client could resume across that many, and it would drop every subscriber.
 */
export const BULK_EVENTS_MAX = BACKLOG_MAX_EVENTS;

export interface LiveEventOptions {
  /** Heartbeat interval in ms (default 15 s). */
  heartbeatMs?: number;
  /** Backlog size in events (default BACKLOG_MAX_EVENTS). */
  backlogEvents?: number;
  /** Backlog size in bytes (default BACKLOG_MAX_BYTES). */
  backlogBytes?: number;
  /** Unsent bytes a subscriber may hold before it is dropped (default 1 MiB). */
  clientBufferLimit?: number;
  /** Streams open at once (default 1,000). */
  maxStreams?: number;
}
