import type { FastifyReply } from 'fastify';
import { isAppError, type ErrorCode } from '../../../shared/errors';
import { STATUS_BY_CODE } from './schemas/common';

export interface Envelope {
  status: number;
  code: ErrorCode;
  message: string;
}

export const MIB = 1024 * 1024;

/**
 * Maps anything thrown while serving a request to the documented envelope. Expected failures
 * (AppError, Fastify's parsing errors) keep their meaning; anything else is a 500 with no detail.
 */
export function toEnvelope(error: unknown, bodyLimit: number): Envelope {
  if (isAppError(error))
    return { status: STATUS_BY_CODE[error.code], code: error.code, message: error.message };
  const fastifyError = error as { code?: string; statusCode?: number };
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        code: 'payload_too_large',
        message: `Request body must be at most ${formatBytes(bodyLimit)}.`,
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return {
        status: 415,
        code: 'unsupported_media_type',
        message: 'Content-Type must be application/json.',
      };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return invalidJson();
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, code: 'invalid_input', message: 'Content-Length does not match the body sent.' };
  }
  if (error instanceof SyntaxError) return invalidJson();
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 404) return { status, code: 'not_found', message: 'route not found' };
    return { status: 400, code: 'invalid_input', message: 'The request is malformed.' };
  }
  return { status: 500, code: 'internal_error', message: 'Internal error.' };
}

export function invalidJson(): Envelope {
  return { status: 400, code: 'invalid_json', message: 'Request body must be valid JSON.' };
}

export function sendEnvelope(reply: FastifyReply, envelope: Envelope): FastifyReply {
  // RFC 6750: a 401 names the scheme it wants, which HTTP and MCP clients read to ask for a token.
  if (envelope.status === 401) reply.header('WWW-Authenticate', 'Bearer realm="SessionDock Local API"');
  return reply
    .code(envelope.status)
    .type('application/json; charset=utf-8')
    .send({ error: { status: envelope.status, code: envelope.code, message: envelope.message } });
}

function formatBytes(bytes: number): string {
  return bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`;
}
