import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Core } from '../create-core';
import type { ApiState } from './api-state';
import { RequestLog } from './request-log';

export interface Api {
  app: FastifyInstance;
  requests: RequestLog;
}

const BODY_LIMIT = 1024 * 1024;

/**
 * The Local API as a Fastify app: transport checks (Host, Origin, bearer token) run before any
 * route; routes are thin and call the core's services. `listen` is the caller's job.
 */
export function createApi(core: Core, state: ApiState): Api {
  const requests = new RequestLog();
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    logger: false,
    // Path matching must not depend on a trailing slash or letter case a script happened to use.
    routerOptions: { ignoreTrailingSlash: true },
  });

  app.addHook('onRequest', async (request, reply) => {
    requests.received();
    const refusal = refuseForeignCaller(request, state) ?? refuseUnauthorized(request, core);
    if (refusal) return sendError(reply, refusal.status, refusal.code, refusal.message);
  });

  app.addHook('onResponse', async (request, reply) => {
    requests.record({
      method: request.method,
      path: request.url.split('?')[0] ?? request.url,
      statusCode: reply.statusCode,
      at: core.clock.now().toISOString(),
    });
  });

  app.setNotFoundHandler((_request, reply) => sendError(reply, 404, 'not_found', 'route not found'));
  app.setErrorHandler((error, _request, reply) => {
    core.diagnostics.record(error instanceof Error ? error.message : String(error));
    core.logger.error('request failed', { error: String(error) });
    return sendError(reply, 500, 'internal_error', 'Internal error.');
  });

  app.get('/api/v1/health', async () => {
    const port = state.port();
    const origin = `http://127.0.0.1:${port}`;
    return {
      data: {
        status: 'ok',
        configuredMode: state.configuredMode(),
        effectiveMode: state.effectiveMode(),
        running: true,
        port,
        baseUrl: `${origin}/api/v1`,
        docsUrl: `${origin}/docs`,
        requestCount: requests.requestCount(),
        recentRequests: requests.recentRequests(),
        lastError: core.diagnostics.lastError()?.message ?? null,
      },
    };
  });

  return { app, requests };
}

interface Refusal {
  status: number;
  code: string;
  message: string;
}

/** DNS-rebinding and browser protection: only our own host and origin, checked before auth. */
function refuseForeignCaller(request: FastifyRequest, state: ApiState): Refusal | null {
  const port = state.port();
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = request.headers.host?.toLowerCase();
  if (!host || !allowed.includes(host)) {
    return {
      status: 403,
      code: 'forbidden_host',
      message: 'Host header must be 127.0.0.1 or localhost with this port.',
    };
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !allowed.some((hostPort) => origin.toLowerCase() === `http://${hostPort}`)) {
    return {
      status: 403,
      code: 'forbidden_origin',
      message: "Origin header must be this server's own origin.",
    };
  }
  return null;
}

function refuseUnauthorized(request: FastifyRequest, core: Core): Refusal | null {
  if (!request.url.startsWith('/api/v1/') && request.url !== '/api/v1') return null;
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer (\S+)$/.exec(header) : null;
  if (match && core.token.matches(match[1]!)) return null;
  return { status: 401, code: 'unauthorized', message: 'Provide Authorization: Bearer <token>.' };
}

export function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: { status, code, message } });
}
