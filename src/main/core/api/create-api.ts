import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Core } from '../create-core';
import type { ApiState } from './api-state';
import { readApiStatus, type ApiStatusSource } from './api-status';
import { AllowedMethods } from './allowed-methods';
import { MIB, sendEnvelope, toEnvelope } from './error-envelope';
import { registerJsonBodyParser } from './json-body-parser';
import { envelopeForClientError, refuseExpectation, writeEnvelopeToSocket } from './raw-error-response';
import { openApiOptions } from './openapi-options';
import { RequestLog } from './request-log';
import { ResponseCache } from './response-cache';
import { assertWritable, registerRoutes, type RouteSpec } from './route-spec';
import { artworkRoutes } from './routes/artwork-routes';
import { collectionRoutes } from './routes/collection-routes';
import { eventRoutes } from './routes/event-routes';
import { importRoutes } from './routes/import-routes';
import { previewRoutes } from './routes/preview-routes';
import { projectRoutes } from './routes/project-routes';
import { sessionRoutes } from './routes/session-routes';
import { systemRoutes } from './routes/system-routes';
import {
  Collection,
  CollectionCreate,
  CollectionPatch,
  CollectionQuery,
  CollectionSessionsAddBody,
  CollectionSessionsBody,
} from './schemas/collection-schemas';
import { ErrorEnvelope } from './schemas/common';
import {
  Preview,
  PreviewInfo,
  Session,
  SessionCreate,
  SessionPatch,
  NotesBody,
  TagsBody,
} from './schemas/session-schemas';
import { guardTransport } from './transport-guard';
import { registerMcpEndpoint } from '../mcp/mcp-endpoint';
import type { LiveEventHub } from '../live-events/live-event-hub';

export interface Api {
  app: FastifyInstance;
  requests: RequestLog;
  routes: readonly RouteSpec[];
}

export const BODY_LIMIT = MIB;

/**
 * The Local API as a Fastify app: transport checks (Host, Origin, bearer token, read-only) run
 * before any route; routes are thin calls into the core's services; every failure leaves as the
 * documented error envelope. `listen` is the caller's job (tests use port 0). The live event hub
 * belongs to the caller (ApiServer), so its backlog outlives this app when the port changes.
 */
export function createApi(core: Core, state: ApiState, liveEvents: LiveEventHub): Api {
  const requests = new RequestLog();
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    logger: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 65536 },
    // A request without Host reaches the Host guard (403 forbidden_host) instead of Node's bare 400.
    http: { requireHostHeader: false },
    clientErrorHandler: (error, socket) => writeEnvelopeToSocket(socket, envelopeForClientError(error)),
    // Malformed URLs and similar router failures skip the hooks: they still count, still face the
    // Host, Origin and token checks first, and still leave as the envelope.
    frameworkErrors: (error, request, reply) => {
      requests.received();
      const refusal = guardTransport(request, state, core.token);
      sendEnvelope(reply, toEnvelope(refusal ?? error, BODY_LIMIT));
    },
  });
  // Validation lives once, in the services (src/shared/validation), so both doors give the same
  // messages; the route schemas describe those rules for /openapi.json and serialise responses.
  app.setValidatorCompiler(() => () => true);
  app.server.on('checkExpectation', (_request, response) => refuseExpectation(response));
  registerJsonBodyParser(app);
  for (const schema of [
    ErrorEnvelope,
    Preview,
    Session,
    SessionCreate,
    SessionPatch,
    TagsBody,
    NotesBody,
    PreviewInfo,
    CollectionQuery,
    Collection,
    CollectionCreate,
    CollectionPatch,
    CollectionSessionsBody,
    CollectionSessionsAddBody,
  ]) {
    app.addSchema(schema);
  }

  // Callback-style hooks: they run on every request, and a promise per hook is measurable.
  app.addHook('onRequest', (request, reply, done) => {
    requests.received();
    reply.header('Cache-Control', 'no-store').header('X-Content-Type-Options', 'nosniff');
    try {
      const refusal = guardTransport(request, state, core.token);
      if (refusal) throw refusal;
      // Refuse writes before reading their bodies; checked again just before the service call.
      if (request.routeOptions.config.write) assertWritable(state);
      done();
    } catch (error) {
      done(error as Error);
    }
  });

  app.addHook('onResponse', (request, reply, done) => {
    requests.record({
      method: request.method,
      path: pathOnly(request.url),
      statusCode: reply.statusCode,
      at: core.clock.now().toISOString(),
    });
    done();
  });

  // A known path asked with a method it does not serve is an unknown route too (local-api.md §3:
  // 404 route not found); its Allow header names the methods the path does serve.
  app.setNotFoundHandler((request, reply) => {
    const allow = allowed.allowFor(request.url);
    if (allow) reply.header('Allow', allow);
    return sendEnvelope(reply, { status: 404, code: 'not_found', message: 'route not found' });
  });
  app.setErrorHandler((error, request, reply) => {
    const envelope = toEnvelope(error, request.routeOptions.bodyLimit ?? BODY_LIMIT);
    // Only unexpected failures are server errors; 501 focus_unavailable is a documented answer.
    if (envelope.code === 'internal_error') {
      const detail = error instanceof Error ? error.message : String(error);
      core.diagnostics.record(`${request.method} ${pathOnly(request.url)}: ${detail}`);
      // Never the headers (the token) nor the query string (a misplaced token) in the log.
      core.logger.error('request failed', {
        method: request.method,
        path: pathOnly(request.url),
        error: error instanceof Error ? (error.stack ?? detail) : detail,
      });
    }
    return sendEnvelope(reply, envelope);
  });

  // This server is answering: it runs, and its own request log is the log (also while stopping).
  const ownStatus: ApiStatusSource = {
    configuredMode: () => state.configuredMode(),
    effectiveMode: () => state.effectiveMode(),
    port: () => state.port(),
    running: () => true,
    problem: () => null,
    requests: () => requests,
  };
  const routes = [
    ...systemRoutes(() => readApiStatus(core, ownStatus)),
    ...sessionRoutes(core),
    ...previewRoutes(core),
    ...projectRoutes(core),
    ...importRoutes(core),
    ...collectionRoutes(core),
    ...artworkRoutes(core),
    ...eventRoutes(liveEvents),
  ];
  const allowed = new AllowedMethods([...routes, { method: 'GET', url: '/openapi.json' }]);
  void app.register(swagger, openApiOptions());
  void app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    uiConfig: { persistAuthorization: true, displayOperationId: true, tryItOutEnabled: true },
  });
  const cache = new ResponseCache(core.libraryVersion);
  void app.register(async (instance) =>
    registerRoutes(instance, routes, state, cache, core.libraryVersion, core.writes),
  );
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // MCP (issue 14): the same server, so the same Host, Origin, token and mode checks above.
  registerMcpEndpoint(app, core, state);

  return { app, requests, routes };
}

function pathOnly(url: string): string {
  const index = url.indexOf('?');
  return index === -1 ? url : url.slice(0, index);
}
