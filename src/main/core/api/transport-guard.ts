import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../shared/errors';
import type { TokenStore } from '../auth/token-store';
import type { ApiState } from './api-state';

/**
 * Browser and DNS-rebinding protection, then authentication, in that order. Returns the error to
 * answer with, or null to let the request through.
 */
export function guardTransport(request: FastifyRequest, state: ApiState, token: TokenStore): AppError | null {
  const port = state.port();
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = request.headers.host?.toLowerCase();
  if (!host || !hosts.includes(host)) {
    return new AppError(
      'forbidden_host',
      'Host header refused: it must be 127.0.0.1 or localhost with this port.',
    );
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !hosts.some((allowed) => origin.toLowerCase() === `http://${allowed}`)) {
    return new AppError(
      'forbidden_origin',
      "Origin header refused: only this server's own origin may call it.",
    );
  }
  if (needsToken(request) && !hasValidToken(request, token)) {
    return new AppError('unauthorized', 'Provide Authorization: Bearer <token>.');
  }
  return null;
}

/**
 * Everything under /api/v1 and the MCP endpoint need the token; /docs and /openapi.json reveal only
 * the API's shape.
 */
function needsToken(request: FastifyRequest): boolean {
  // Router failures (malformed URLs) have no matched route: judge by the raw path.
  const route = request.routeOptions?.url;
  const path = route ?? pathOf(request.url);
  return path === '/api/v1' || path.startsWith('/api/v1/') || path === '/mcp' || path.startsWith('/mcp/');
}

function pathOf(url: string): string {
  const index = url.indexOf('?');
  return index === -1 ? url : url.slice(0, index);
}

/** The token is accepted only in the Authorization header, compared in constant time. */
function hasValidToken(request: FastifyRequest, token: TokenStore): boolean {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return false;
  const match = /^Bearer ([^\s]+)$/i.exec(header.trim());
  return match !== null && token.matches(match[1]!);
}
