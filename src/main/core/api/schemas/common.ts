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
  400: 'invalid_json, invalid_input (the message names the field and rule), or a route-specific 400',
  401: 'unauthorized: Provide Authorization: Bearer <token>.',
  403: 'read_only (write in read-only mode), forbidden_host or forbidden_origin',
  404: 'not_found: session not found (or route not found)',
  413: 'payload_too_large: the body is over the limit',
  415: 'unsupported_media_type: Content-Type must be application/json.',
  422: 'preview_unreadable: the preview audio is missing or cannot be decoded',
  500: 'internal_error: Internal error. (details go to the log and health lastError)',
  501: 'focus_unavailable: Session focus is unavailable.',
};

export function errorResponses(...statuses: number[]): Record<number, unknown> {
  const responses: Record<number, unknown> = {};
  for (const status of [401, 403, ...statuses, 500]) {
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
  payload_too_large: 413,
  unsupported_media_type: 415,
  preview_unreadable: 422,
  focus_unavailable: 501,
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
