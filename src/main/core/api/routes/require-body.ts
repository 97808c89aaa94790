import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../../shared/errors';

/** Routes that take a body answer invalid_json when none was sent. */
export function requireBody(request: FastifyRequest): unknown {
  if (request.body === undefined) throw new AppError('invalid_json', 'Request body must be valid JSON.');
  return request.body;
}
