import Type from 'typebox';
import { API_MODES } from '../../../../shared/domain';
import type { Diagnostics } from '../../diagnostics';
import type { ApiState } from '../api-state';
import type { RequestLog } from '../request-log';
import type { RouteSpec } from '../route-spec';
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
      handler: () => {
        const port = state.port() ?? 0;
        const origin = `http://127.0.0.1:${port}`;
        return {
          status: 'ok',
          configuredMode: state.configuredMode(),
          effectiveMode: state.effectiveMode(),
          running: true,
          port,
          baseUrl: `${origin}/api/v1`,
          docsUrl: `${origin}/docs`,
          requestCount: requests.requestCount(),
          recentRequests: requests.recentRequests(),
          lastError: diagnostics.lastError()?.message ?? null,
        };
      },
    },
  ];
}
