import type { OutgoingHttpHeaders } from 'node:http';
import Type from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalidInput } from '../../../../shared/errors';
import type { LiveEventHub } from '../../live-events/live-event-hub';
import {
  BACKLOG_MAX_EVENTS,
  BULK_EVENTS_MAX,
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_MAX_STREAMS,
  RETRY_MS,
} from '../../live-events/live-event';
import type { RouteSpec } from '../route-spec';

const STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  // Nothing to keep the connection for once a stream ends; a proxy must not buffer it.
  connection: 'close',
  'x-accel-buffering': 'no',
};

const n = (value: number): string => value.toLocaleString('en-US');

export const EVENTS_DESCRIPTION = [
  'A Server-Sent Events stream (`text/event-stream`) of the changes to the library, for scripts and ' +
    'dashboards that follow it live instead of polling. A read: it works in read-only and full ' +
    'automation, with the token in the Authorization header like every /api/v1 request ' +
    '(`curl -N -H "Authorization: Bearer $TOKEN" http://127.0.0.1:18432/api/v1/events`). It takes no ' +
    'query parameters.',
  'Each event is `id: <id>`, `event: <type>`, `data: <one line of JSON>` and a blank line. `data` is ' +
    '`{"type", "at" (ISO time it was announced), …payload}`. An event is sent only once its change is on ' +
    'disk, in the order the changes happened; under load, the events of up to 50 ms are sent together.',
  '- `session.created` `{session}`: a session now exists (created, imported, restored by Undo, or merged ' +
    'from a library import: treat it as an upsert).\n' +
    '- `session.updated` `{session}`: the whole Session after any change (fields, tags, notes, previews, opened).\n' +
    '- `session.deleted` `{id}`.\n' +
    "- `import.progress` `{import}`: a running import's status (as `POST /import` answers it) as it is queued, then after each chunk of items.\n" +
    '- `import.finished` `{import}`: its final status (`done: true`; `cancelled` says whether it was cancelled), ' +
    'sent once instead of a last `import.progress`.\n' +
    '- `preview.changed` `{sessionId, preview, change, variantId}`: `preview` is the preview info (as ' +
    '`GET /sessions/{id}/preview` answers it). `change` is `previews` (a preview attached or detached, or the ' +
    'preferred one chosen: `variantId` names it, null when the choice went back to automatic) or ' +
    '`waveformNotes` (the note lane of preview `variantId` was replaced). It follows the `session.updated` ' +
    'of the same change.\n' +
    '- `localApi.changed` `{mode, configuredMode, port, reason}`: the effective mode or the port changed ' +
    '(`reason` `mode` or `port`), or the token was rotated (`token`). `port` is where the API listens from ' +
    "now on, null when it stops. After a rotation (this stream's token is no longer valid), a switch to " +
    '`disabled` (the port closes) or a port change, the stream ends right after this event; a switch between ' +
    'read-only and full automation keeps it open.\n' +
    '- `resync` `{reason, lastEventId}` [ours]: you may have missed events: re-read what you follow. ' +
    "`unknown-id`: the Last-Event-ID sent is not one of this run's (SessionDock restarted, or it is " +
    'malformed); `expired`: it is older than the backlog, or from before the API was disabled; `reverted`: ' +
    'saving a batch of changes failed, and they were never announced; `bulk`: more than ' +
    `${n(BULK_EVENTS_MAX)} sessions were created at once (a library import).`,
  `**Resuming.** Ids are \`<run>-<n>\`, n counting up by one. Send the last id you received as the ` +
    '`Last-Event-ID` header (EventSource does so when it reconnects): the events after it are sent first, ' +
    `then live ones, nothing lost or repeated, as long as it is among the last ${n(BACKLOG_MAX_EVENTS)} ` +
    'events (at most 4 MiB) of this run; otherwise the stream starts with a `resync`. A stream starts with ' +
    `\`retry: ${RETRY_MS}\`, a comment and \`id: <position>\` (an id with no event), so a client that ` +
    'reconnects before any event arrived resumes from where it started.',
  `**Heartbeats.** A comment line \`: heartbeat\` every ${DEFAULT_HEARTBEAT_MS / 1000} s.`,
  '**Slow clients.** A client that leaves more than 1 MiB unread is disconnected (it may resume with ' +
    'Last-Event-ID); it never slows writes or other clients. At most ' +
    `${n(DEFAULT_MAX_STREAMS)} streams are open at once; one more gets 503 \`too_many_streams\`.`,
  '**The stream ends** when the API stops (disabled, a port change, SessionDock quitting) and after a ' +
    'token rotation (see `localApi.changed`).',
].join('\n\n');

const EventStreamResponse = {
  description:
    'The event stream (`text/event-stream`), open until the API stops or the token is rotated. See the description.',
  content: {
    'text/event-stream': {
      schema: { type: 'string', description: 'Server-Sent Events: `id`, `event` and `data` lines.' },
    },
  },
};

/** `GET /api/v1/events`: the live event stream (live-events/README.md has the rules). */
export function eventRoutes(hub: LiveEventHub): RouteSpec[] {
  return [
    {
      method: 'GET',
      url: '/api/v1/events',
      operationId: 'streamEvents',
      tag: 'events',
      summary: 'Live events (Server-Sent Events): sessions, imports, previews and the Local API',
      description: EVENTS_DESCRIPTION,
      write: false,
      headers: Type.Object({
        'last-event-id': Type.Optional(
          Type.String({
            description:
              'The id of the last event received: the stream resumes after it (a `resync` first when it cannot).',
          }),
        ),
      }),
      data: Type.Null(),
      rawResponses: { 200: EventStreamResponse },
      errors: [503],
      handler: (request, reply) => openStream(hub, request, reply),
    },
  ];
}

function openStream(hub: LiveEventHub, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const unknown = Object.keys(request.query as Record<string, unknown>);
  if (unknown.length > 0)
    throw invalidInput(`unknown query parameter${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  // HEAD answers the stream's head alone (a stream that never ends has no length to give).
  if (request.method === 'HEAD') return reply.code(200).headers(STREAM_HEADERS).send();
  hub.assertRoom();
  reply.hijack();
  // The headers every answer gets (Cache-Control: no-store, nosniff), which hijack would leave out.
  reply.raw.writeHead(200, { ...reply.getHeaders(), ...STREAM_HEADERS } as OutgoingHttpHeaders);
  const lastEventId = request.headers['last-event-id'];
  hub.subscribe(reply.raw, typeof lastEventId === 'string' ? lastEventId : undefined);
  return reply;
}
