import Type from 'typebox';
import type { ErrorCode } from '../../../../shared/errors';

/** Every error response: `{error: {status, code, message}}` with status equal to the HTTP status. */
export const ErrorEnvelope = Type.Object(
  {
    error: Type.Object({
      status: Type.Integer({ description: 'Equals the HTTP status.' }),
      code: Type.String({ description: 'Stable machine-readable code.' }),
      message: Type.String({ description: 'Human-readable explanation.' }),
    }),
  },
  { $id: 'ErrorEnvelope', title: 'Error' },
);

export const ErrorRef = Type.Ref('ErrorEnvelope');

/** The documented error responses a route can give, described once per status. */
export const ERROR_DESCRIPTIONS: Record<number, string> = {
  400:
    'invalid_json (a body route without valid JSON), invalid_input (the message names the field or query ' +
    'parameter and what is accepted; also a malformed request: a URL, header or Content-Length that is ' +
    'not valid HTTP), or a route-specific 400 (open_failed, focus_failed)',
  401: 'unauthorized: Provide Authorization: Bearer <token>.',
  403: 'read_only (write in read-only mode), forbidden_host or forbidden_origin',
  404:
    'not_found: session not found; preview_not_found: preview not found; import_not_found: import not found; ' +
    'artwork_not_found: artwork not found; collection_not_found: collection not found',
  413: 'payload_too_large: the body is over the limit (the message states it)',
  415: 'unsupported_media_type: Content-Type must be application/json.',
  416: "invalid_input: the Range lies outside the file (Content-Range: bytes */<size> gives the file's size)",
  417: 'invalid_input: only "Expect: 100-continue" is supported (answered before the route is chosen)',
  422:
    'preview_unreadable: the preview audio is missing or cannot be decoded; artwork_unreadable: the ' +
    'artwork image is missing or cannot be decoded',
  500: 'internal_error: Internal error. (details go to the log and health lastError)',
  501: 'focus_unavailable: Session focus is unavailable.',
  503: 'too_many_streams: as many event streams as allowed are open (the message states the limit); close one and try again',
};

/** Methods whose requests may carry a body: the JSON parser can answer 400, 413 or 415 on them. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every error status a route can answer with: the ones any request can get (400 for a malformed
 * request, 401, 403, 417 for an unsupported Expect, 500), 400/413/415 wherever a body is parsed,
 * 404 wherever the path names something, and the route's own (`errors`).
 */
export function errorStatusesOf(route: { method: string; url: string; errors: readonly number[] }): number[] {
  const statuses = new Set([400, 401, 403, 417, 500, ...route.errors]);
  if (BODY_METHODS.has(route.method)) for (const status of [413, 415]) statuses.add(status);
  if (route.url.includes('/:')) statuses.add(404);
  return [...statuses].sort((a, b) => a - b);
}

export function errorResponses(statuses: readonly number[]): Record<number, unknown> {
  const responses: Record<number, unknown> = {};
  for (const status of statuses) {
    responses[status] = { ...ErrorRef, description: ERROR_DESCRIPTIONS[status] ?? 'Error' };
  }
  return responses;
}

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_json: 400,
  invalid_input: 400,
  open_failed: 400,
  focus_failed: 400,
  unauthorized: 401,
  read_only: 403,
  forbidden_host: 403,
  forbidden_origin: 403,
  not_found: 404,
  preview_not_found: 404,
  import_not_found: 404,
  collection_not_found: 404,
  artwork_not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  preview_unreadable: 422,
  artwork_unreadable: 422,
  focus_unavailable: 501,
  too_many_streams: 503,
  internal_error: 500,
};

export const SessionIdParams = Type.Object({
  id: Type.String({ description: 'Session id (opaque, prefixed session_).', examples: ['session_123'] }),
});

export function dataOf<T extends Type.TSchema>(schema: T, description: string) {
  return Type.Object({ data: schema }, { description });
}

/** A string from a fixed list, as a plain JSON Schema enum. */
export function Enum<T extends string>(values: readonly T[], options: Record<string, unknown> = {}) {
  return Type.Unsafe<T>({ ...options, type: 'string', enum: [...values] });
}
