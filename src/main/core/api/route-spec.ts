import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { TSchema } from 'typebox';
import { AppError } from '../../../shared/errors';
import type { GroupCommit } from '../db/group-commit';
import type { ApiState } from './api-state';
import type { ResponseCache } from './response-cache';
import { errorResponses, errorStatusesOf } from './schemas/common';

export type ApiTag =
  | 'system'
  | 'sessions'
  | 'metadata'
  | 'tags'
  | 'previews'
  | 'projects'
  | 'imports'
  | 'automation'
  | 'collections'
  | 'artwork'
  | 'events';

/**
 * One route of the Local API, declared once: its OpenAPI description, whether it writes (the only
 * place a route is marked as a write), and a thin handler that calls a service and returns `data`.
 */
export interface RouteSpec {
  method: HTTPMethods;
  url: string;
  operationId: string;
  tag: ApiTag;
  summary: string;
  /** A longer explanation (Markdown) for /openapi.json and /docs. */
  description?: string;
  write: boolean;
  params?: TSchema;
  querystring?: TSchema;
  /** Request headers the route reads (documented as header parameters). */
  headers?: TSchema;
  body?: TSchema;
  /** HTTP status on success (200 unless given). */
  status?: number;
  /** Schema of `data` on success. */
  data: TSchema;
  /** Schema of the whole success body instead of `{data}` (the list adds `meta`). */
  envelope?: TSchema;
  /** Route-specific error statuses beyond the ones `errorStatusesOf` derives for every route. */
  errors: number[];
  bodyLimit?: number;
  /** A read whose answer depends only on the URL and the library: served from the response cache. */
  cacheable?: boolean;
  /** The handler sends the reply itself (audio bytes); `rawResponses` documents it. */
  rawResponses?: Record<number, unknown>;
  handler: (request: FastifyRequest, reply: FastifyReply) => unknown;
}

/**
 * A success body already written as JSON (the whole body, envelope included), for a route whose
 * answer is mostly text it keeps ready-made; sent as is instead of through the schema serialiser.
 */
export class JsonBody {
  constructor(readonly text: string) {}
}

declare module 'fastify' {
  interface FastifyContextConfig {
    write?: boolean;
  }
}

export function registerRoutes(
  app: FastifyInstance,
  routes: readonly RouteSpec[],
  state: ApiState,
  cache: ResponseCache,
  libraryVersion: () => number,
  writes: GroupCommit,
): void {
  for (const route of routes) {
    const status = route.status ?? 200;
    app.route({
      method: route.method,
      url: route.url,
      config: { write: route.write },
      bodyLimit: route.bodyLimit,
      schema: {
        operationId: route.operationId,
        tags: [route.tag],
        summary: route.summary,
        ...(route.description && { description: route.description }),
        ...(route.params && { params: route.params }),
        ...(route.querystring && { querystring: route.querystring }),
        ...(route.headers && { headers: route.headers }),
        ...(route.body && { body: route.body }),
        response: {
          ...(route.rawResponses ?? {
            [status]: route.envelope ?? {
              type: 'object',
              properties: { data: route.data },
              required: ['data'],
            },
          }),
          ...errorResponses(errorStatusesOf(route)),
        },
      },
      handler: async (request, reply) => {
        // Checked again right before the service runs, so a mode switch can never let a write
        // through that started before it.
        if (route.write) {
          assertWritable(state);
          // Concurrent writes share one commit (one fsync); the reply waits until it is on disk.
          writes.begin();
        }
        if (route.cacheable) {
          const cached = cache.get(request.url);
          if (cached !== undefined) return reply.code(status).type(JSON_TYPE).send(cached);
        }
        const version = libraryVersion();
        const data = await route.handler(request, reply);
        if (route.write) await writes.durable();
        if (route.rawResponses) return reply;
        if (data instanceof JsonBody) return reply.code(status).type(JSON_TYPE).send(data.text);
        const body = route.envelope ? data : { data };
        reply.code(status);
        if (!route.cacheable) return body;
        const serialized = Buffer.from(reply.serialize(body) as string);
        cache.set(request.url, serialized, version);
        return reply.type(JSON_TYPE).send(serialized);
      },
    });
  }
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function assertWritable(state: ApiState): void {
  if (state.effectiveMode() !== 'full-automation') {
    throw new AppError('read_only', 'Enable Full Automation to perform this action.');
  }
}
