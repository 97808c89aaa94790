import Type, { type Static } from 'typebox';
import { API_MODES } from '../../../../shared/domain';
import type { ApiStatus } from '../api-status';
import { JsonBody, type RouteSpec } from '../route-spec';
import { Enum } from '../schemas/common';

const Mode = Enum(API_MODES);

export const HealthData = Type.Object({
  status: Type.Literal('ok'),
  configuredMode: Mode,
  effectiveMode: Mode,
  running: Type.Boolean(),
  port: Type.Integer(),
  baseUrl: Type.String(),
  docsUrl: Type.String(),
  requestCount: Type.Integer({ description: 'Requests received since start, all outcomes.' }),
  recentRequests: Type.Array(
    Type.Object({
      method: Type.String(),
      path: Type.String({ description: 'Without the query string.' }),
      statusCode: Type.Integer(),
      at: Type.String({ format: 'date-time' }),
    }),
    { description: 'The last 50, newest first.' },
  ),
  lastError: Type.Unsafe<string | null>({
    type: ['string', 'null'],
    description: 'Latest server-side error, or null.',
  }),
});

/** Health projects the API status read model (api-status.ts) that Settings projects too. */
export function systemRoutes(status: () => ApiStatus): RouteSpec[] {
  return [
    {
      method: 'GET',
      url: '/api/v1/health',
      operationId: 'getHealth',
      tag: 'system',
      summary: 'Health snapshot: modes, port, request log and last error',
      write: false,
      data: HealthData,
      errors: [],
      handler: () => healthOf(status()),
    },
  ];
}

/**
 * The published health fields, in their published order. Health is polled by scripts and carries
 * the last 50 requests (~5 KB): those are kept as ready-made JSON, so an answer costs one short
 * JSON.stringify instead of 50 entries' worth.
 */
export function healthOf(status: ApiStatus): JsonBody {
  return healthBody(
    {
      status: 'ok',
      configuredMode: status.configuredMode,
      effectiveMode: status.effectiveMode,
      // A health answer is itself proof that the API runs (even while it is stopping).
      running: true,
      port: status.listeningPort ?? 0,
      baseUrl: status.baseUrl,
      docsUrl: status.docsUrl,
      requestCount: status.requestCount,
      recentRequests: RECENT_REQUESTS_SLOT,
      lastError: status.lastError,
    },
    status.recentRequestsJson(),
  );
}

type Health = Static<typeof HealthData>;

/** Stands in for the request log while the rest of health is stringified; no other field can hold it. */
const RECENT_REQUESTS_SLOT = '\u0000recentRequests\u0000';

/** `{"data": health}` exactly as JSON.stringify would write it, with the log's JSON put in its slot. */
export function healthBody(
  health: Omit<Health, 'recentRequests'> & { recentRequests: typeof RECENT_REQUESTS_SLOT },
  recentRequestsJson: string,
): JsonBody {
  // Only the fields before recentRequests (fixed vocabularies, numbers, our own URLs) precede the
  // slot, so its first occurrence is the slot itself even if lastError quotes it.
  const text = JSON.stringify({ data: health }).replace(
    JSON.stringify(RECENT_REQUESTS_SLOT),
    () => recentRequestsJson,
  );
  return new JsonBody(text);
}
