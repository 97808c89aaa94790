// Health writes its body by hand (the request log is kept as ready-made JSON, see
// routes/system-routes.ts): these prove the bytes are exactly what JSON.stringify would write for
// the same answer, whatever the logged paths and the last error contain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestLog } from '../../src/main/core/api/request-log';
import { HEALTH_FIELDS, startApi, type ApiHarness } from '../helpers/api-harness';
import { rawRequest } from '../helpers/raw-http';

const SLOT = '\u0000recentRequests\u0000';

describe('RequestLog.recentRequestsJson', () => {
  it('is JSON.stringify of recentRequests() after every change, capacity included', () => {
    const log = new RequestLog(3);
    expect(log.recentRequestsJson()).toBe('[]');
    const paths = ['/a', '/quote"and\\backslash', '/line\u2028sep', `/${SLOT}`, '/ünïcödé'];
    paths.forEach((path, n) => {
      log.record({ method: 'GET', path, statusCode: 200 + n, at: new Date(n).toISOString() });
      expect(log.recentRequestsJson()).toBe(JSON.stringify(log.recentRequests()));
      expect(log.recentRequestsJson()).toBe(JSON.stringify(log.recentRequests())); // served again from cache
    });
    expect(log.recentRequests().map((entry) => entry.path)).toEqual(paths.slice(2).reverse());
  });
});

describe('GET /api/v1/health body', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(async () => {
    await h.close();
  });

  it('is byte for byte JSON.stringify of what it parses to', async () => {
    const port = h.server.port()!;
    const headers = { authorization: `Bearer ${h.token()}` };
    // Paths as sent on the request line: quotes, backslashes, percent-encoding and the slot's text.
    for (const path of [
      '/api/v1/sessions/"quoted"',
      '/api/v1/sessions/back\\slash',
      '/api/v1/sessions/%00recentRequests%00',
      '/api/v1/sessions/%C3%BCn%C3%AF',
    ]) {
      const answer = await rawRequest(port, { path, headers });
      expect(answer.status, path).toBe(404);
    }
    h.core.diagnostics.record(`an error quoting the slot ${SLOT} and "quotes"`);

    const response = await rawRequest(port, { path: '/api/v1/health', headers });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.text).toBe(JSON.stringify(response.json));
    const data = response.json.data;
    expect(Object.keys(data)).toEqual(HEALTH_FIELDS);
    expect(data.recentRequests).toHaveLength(4);
    expect(data.recentRequests[3].path).toBe('/api/v1/sessions/"quoted"');
    expect(data.lastError).toBe(`an error quoting the slot ${SLOT} and "quotes"`);
  });
});
