import Type, { type Static } from 'typebox';
import { API_MODES } from '../../../../shared/domain';
import type { Diagnostics } from '../../diagnostics';
import type { ApiState } from '../api-state';
import type { RequestLog } from '../request-log';
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

export function systemRoutes(state: ApiState, requests: RequestLog, diagnostics: Diagnostics): RouteSpec[] {
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
      // Health is polled by scripts and carries the last 50 requests (~5 KB): those are kept as
      // ready-made JSON, so an answer costs one short JSON.stringify instead of 50 entries' worth.
      handler: () => {
        const port = state.port() ?? 0;
        const origin = `http://127.0.0.1:${port}`;
        return healthBody(
          {
            status: 'ok',
            configuredMode: state.configuredMode(),
            effectiveMode: state.effectiveMode(),
            running: true,
            port,
            baseUrl: `${origin}/api/v1`,
            docsUrl: `${origin}/docs`,
            requestCount: requests.requestCount(),
            recentRequests: RECENT_REQUESTS_SLOT,
            lastError: diagnostics.lastError()?.message ?? null,
          },
          requests.recentRequestsJson(),
        );
      },
    },
  ];
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
