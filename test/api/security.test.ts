// Security tests of the Local API transport (local-api.md §1–§3, §6) over real HTTP against a real
// core: the 127.0.0.1-only bind, DNS-rebinding (Host) and browser (Origin) protection running
// before authentication, no CORS headers ever, every way a token can be wrong or misplaced, token
// rotation and mode switches under concurrent load, the disabled mode closing the port and kept-
// alive sockets, and the token never reaching the log.
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/main/core/adapters';
import { ApiServer } from '../../src/main/core/api/api-server';
import { createCore } from '../../src/main/core/create-core';
import { startApi, type ApiHarness } from '../helpers/api-harness';
import { parseRawResponse, rawExchange, rawRequest, tryConnect, type RawResponse } from '../helpers/raw-http';
import { countRows, snapshotSessionTables } from '../helpers/temp-core';

const UNAUTHORIZED = {
  error: { status: 401, code: 'unauthorized', message: 'Provide Authorization: Bearer <token>.' },
};
const READ_ONLY = {
  error: { status: 403, code: 'read_only', message: 'Enable Full Automation to perform this action.' },
};
const INTERNAL = { error: { status: 500, code: 'internal_error', message: 'Internal error.' } };

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function expectForbidden(response: RawResponse, code: 'forbidden_host' | 'forbidden_origin'): void {
  expect(response.status, response.text).toBe(403);
  expect(Object.keys(response.json)).toEqual(['error']);
  expect(response.json.error).toEqual({ status: 403, code, message: expect.any(String) });
  // The message says which header was refused.
  expect(response.json.error.message).toMatch(code === 'forbidden_host' ? /Host/ : /Origin/);
}

function corsHeaders(headers: http.IncomingHttpHeaders): string[] {
  return Object.keys(headers).filter((name) => name.toLowerCase().startsWith('access-control-'));
}

describe('binding', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(async () => {
    await h.close();
  });

  it('listens on IPv4 127.0.0.1 only', async () => {
    const address = h.server.current()!.app.server.address();
    expect(address).toEqual({ address: '127.0.0.1', family: 'IPv4', port: h.server.port() });
    expect(h.server.status()).toMatchObject({ running: true, port: h.server.port() });
    expect(await tryConnect('127.0.0.1', h.server.port()!)).toBe('connected');
  });

  it('cannot be reached on any other local address', async () => {
    const port = h.server.port()!;
    const others = new Set(['127.0.0.2', '127.1.2.3', '::1']);
    for (const entries of Object.values(networkInterfaces())) {
      for (const entry of entries ?? []) {
        if (entry.address === '127.0.0.1') continue;
        // Link-local IPv6 needs its scope to be reachable at all.
        others.add(
          entry.family === 'IPv6' && entry.scopeid ? `${entry.address}%${entry.scopeid}` : entry.address,
        );
      }
    }
    const outcomes: Record<string, string> = {};
    for (const address of others) outcomes[address] = await tryConnect(address, port);
    for (const [address, outcome] of Object.entries(outcomes)) {
      expect(outcome, `connecting to ${address}:${port}`).not.toBe('connected');
    }
    expect(outcomes['127.0.0.2']).toBe('ECONNREFUSED');
  });
});

describe('Host and Origin checks (DNS rebinding, browsers)', () => {
  let h: ApiHarness;
  let port: number;
  let auth: Record<string, string>;
  beforeAll(async () => {
    h = await startApi();
    port = h.server.port()!;
    auth = { authorization: `Bearer ${h.token()}` };
  });
  afterAll(async () => {
    await h.close();
  });

  it.each([
    ['a foreign name', 'evil.example'],
    ['a foreign name with the right port', 'evil.example:PORT'],
    ['another port of 127.0.0.1', '127.0.0.1:OTHER'],
    ['another port of localhost', 'localhost:OTHER'],
    ['127.0.0.1 without a port', '127.0.0.1'],
    ['localhost without a port', 'localhost'],
    ['a name ending in localhost', 'evillocalhost:PORT'],
    ['a name starting with 127.0.0.1', '127.0.0.1.evil.example:PORT'],
    ['an IPv6 loopback literal', '[::1]:PORT'],
    ['0.0.0.0', '0.0.0.0:PORT'],
    ['a port with a suffix', '127.0.0.1:PORT.evil.example'],
    ['userinfo', 'user@127.0.0.1:PORT'],
    ['an empty Host', ''],
  ])(
    'refuses Host %s with 403 forbidden_host, with a valid token, a wrong one or none',
    async (_name, pattern) => {
      const host = pattern
        .replace('OTHER', String(port === 65535 ? port - 1 : port + 1))
        .replace('PORT', String(port));
      for (const path of ['/api/v1/health', '/api/v1/sessions', '/openapi.json', '/docs']) {
        expectForbidden(await rawRequest(port, { path, headers: { host, ...auth } }), 'forbidden_host');
        expectForbidden(await rawRequest(port, { path, headers: { host } }), 'forbidden_host');
        expectForbidden(
          await rawRequest(port, { path, headers: { host, authorization: 'Bearer sdk_wrong' } }),
          'forbidden_host',
        );
      }
    },
  );

  it('refuses a write with a foreign Host before touching the library', async () => {
    const before = snapshotSessionTables(h.core);
    const response = await rawRequest(port, {
      method: 'POST',
      path: '/api/v1/sessions',
      headers: { host: 'evil.example', ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'rebound' }),
    });
    expectForbidden(response, 'forbidden_host');
    expect(snapshotSessionTables(h.core)).toEqual(before);
  });

  it('refuses a request with no Host header at all (HTTP/1.0)', async () => {
    const raw = await rawExchange(
      port,
      `GET /api/v1/health HTTP/1.0\r\nAuthorization: ${auth.authorization}\r\n\r\n`,
    );
    const { status, body } = parseRawResponse(raw);
    expect(status, raw).toBe(403);
    expect(JSON.parse(body).error.code).toBe('forbidden_host');
  });

  it.each(['127.0.0.1:PORT', 'localhost:PORT', 'LOCALHOST:PORT', 'LocalHost:PORT'])(
    'accepts Host %s',
    async (pattern) => {
      const host = pattern.replace('PORT', String(port));
      const response = await rawRequest(port, { path: '/api/v1/health', headers: { host, ...auth } });
      expect(response.status, response.text).toBe(200);
      expect(response.json.data.status).toBe('ok');
      expect((await rawRequest(port, { path: '/openapi.json', headers: { host } })).status).toBe(200);
    },
  );

  it.each([
    ['a foreign origin', 'http://evil.example'],
    ['a foreign origin with the right port', 'http://evil.example:PORT'],
    ['the literal null (sandboxed frames, file://)', 'null'],
    ['https on the right host and port', 'https://127.0.0.1:PORT'],
    ['another port', 'http://127.0.0.1:OTHER'],
    ['no port', 'http://127.0.0.1'],
    ['localhost without a port', 'http://localhost'],
    ['an IPv6 loopback origin', 'http://[::1]:PORT'],
    ['a look-alike', 'http://127.0.0.1:PORT.evil.example'],
    ['a file origin', 'file://'],
    ['an empty Origin', ''],
  ])('refuses Origin %s with 403 forbidden_origin before authentication', async (_name, pattern) => {
    const origin = pattern
      .replace('OTHER', String(port === 65535 ? port - 1 : port + 1))
      .replace('PORT', String(port));
    for (const path of ['/api/v1/health', '/api/v1/sessions', '/openapi.json']) {
      expectForbidden(await rawRequest(port, { path, headers: { origin, ...auth } }), 'forbidden_origin');
      expectForbidden(await rawRequest(port, { path, headers: { origin } }), 'forbidden_origin');
    }
    const before = snapshotSessionTables(h.core);
    const write = await rawRequest(port, {
      method: 'POST',
      path: '/api/v1/sessions',
      headers: { origin, ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'cross-site' }),
    });
    expectForbidden(write, 'forbidden_origin');
    expect(snapshotSessionTables(h.core)).toEqual(before);
  });

  it('checks Host before Origin before the token', async () => {
    const both = await rawRequest(port, {
      path: '/api/v1/health',
      headers: { host: 'evil.example', origin: 'http://evil.example' },
    });
    expectForbidden(both, 'forbidden_host');
    const originOnly = await rawRequest(port, {
      path: '/api/v1/health',
      headers: { origin: 'http://evil.example', authorization: 'Bearer nope' },
    });
    expectForbidden(originOnly, 'forbidden_origin');
  });

  it.each(['http://127.0.0.1:PORT', 'http://localhost:PORT', 'HTTP://LOCALHOST:PORT'])(
    'accepts the server’s own Origin %s',
    async (pattern) => {
      const origin = pattern.replace('PORT', String(port));
      const response = await rawRequest(port, { path: '/api/v1/health', headers: { origin, ...auth } });
      expect(response.status, response.text).toBe(200);
      // Its own origin still needs the token.
      expect((await rawRequest(port, { path: '/api/v1/health', headers: { origin } })).json).toEqual(
        UNAUTHORIZED,
      );
    },
  );

  // A URL the router cannot decode is still a request to this server: the rebinding, browser
  // and token checks must answer it like any other, not a "malformed request" 400 that skips them.
  describe.each([
    ['an invalid percent-escape', '/api/v1/sessions/%ff'],
    ['a lone percent sign', '/api/v1/sessions/%'],
    ['a lone percent sign in a sub-resource path', '/api/v1/sessions/%/tags'],
    ['a very long id with a bad escape', `/api/v1/sessions/${'a'.repeat(5000)}%zz`],
  ])('a request with %s', (_name, path) => {
    it('still gets 403 forbidden_host for a foreign Host', async () => {
      expectForbidden(
        await rawRequest(port, { path, headers: { host: 'evil.example', ...auth } }),
        'forbidden_host',
      );
    });
    it('still gets 403 forbidden_origin for a foreign Origin', async () => {
      expectForbidden(
        await rawRequest(port, { path, headers: { origin: 'http://evil.example', ...auth } }),
        'forbidden_origin',
      );
    });
    it('still gets 401 without a token', async () => {
      const response = await rawRequest(port, { path });
      expect(response.status, response.text).toBe(401);
      expect(response.json).toEqual(UNAUTHORIZED);
    });
    it('with a valid token is a 4xx envelope, counted in health like every request', async () => {
      const before = (await rawRequest(port, { path: '/api/v1/health', headers: auth })).json.data
        .requestCount;
      const response = await rawRequest(port, { path, headers: auth });
      expect(response.status, response.text).toBeGreaterThanOrEqual(400);
      expect(response.status, response.text).toBeLessThan(500);
      expect(response.json).toEqual({
        error: { status: response.status, code: expect.any(String), message: expect.any(String) },
      });
      const after = (await rawRequest(port, { path: '/api/v1/health', headers: auth })).json.data
        .requestCount;
      expect(after - before).toBe(2);
    });
  });
});

describe('no CORS headers', () => {
  let h: ApiHarness;
  let port: number;
  beforeAll(async () => {
    h = await startApi();
    port = h.server.port()!;
  });
  afterAll(async () => {
    await h.close();
  });

  it('never sends Access-Control-* on successes, errors, 404s, preflights, /docs or /openapi.json', async () => {
    const session = h.core.sessions.create({ title: 'CORS' });
    const own = `http://127.0.0.1:${port}`;
    const auth = `Bearer ${h.token()}`;
    const json = { 'content-type': 'application/json' };
    const preflight = (origin: string, method: string) => ({
      origin,
      'access-control-request-method': method,
      'access-control-request-headers': 'authorization, content-type',
    });
    const cases: Array<{ method?: string; path: string; headers?: Record<string, string>; body?: string }> = [
      { path: '/api/v1/health', headers: { authorization: auth } },
      { path: '/api/v1/health', headers: { authorization: auth, origin: own } },
      { path: '/api/v1/sessions', headers: { authorization: auth, origin: own } },
      { path: `/api/v1/sessions/${session.id}`, headers: { authorization: auth, origin: own } },
      {
        method: 'POST',
        path: '/api/v1/sessions',
        headers: { authorization: auth, origin: own, ...json },
        body: '{"title":"x"}',
      },
      { method: 'POST', path: '/api/v1/sessions', headers: { authorization: auth, ...json }, body: '{' },
      { method: 'POST', path: '/api/v1/sessions', headers: { authorization: auth }, body: 'x' },
      { path: '/api/v1/sessions/session_missing', headers: { authorization: auth } },
      { path: '/api/v1/nowhere', headers: { authorization: auth } },
      { path: '/nowhere' },
      { path: '/api/v1/health' },
      { path: '/api/v1/health', headers: { origin: 'http://evil.example' } },
      { path: '/api/v1/health', headers: { host: 'evil.example' } },
      { method: 'OPTIONS', path: '/api/v1/sessions', headers: preflight(own, 'POST') },
      { method: 'OPTIONS', path: `/api/v1/sessions/${session.id}`, headers: preflight(own, 'PATCH') },
      { method: 'OPTIONS', path: '/api/v1/sessions', headers: preflight('http://evil.example', 'POST') },
      {
        method: 'OPTIONS',
        path: '/api/v1/health',
        headers: { ...preflight(own, 'GET'), authorization: auth },
      },
      { method: 'OPTIONS', path: '/api/v1/health', headers: preflight('null', 'GET') },
      { method: 'OPTIONS', path: '/openapi.json', headers: preflight(own, 'GET') },
      { method: 'OPTIONS', path: '*' },
      { path: '/docs' },
      { path: '/docs', headers: { origin: own } },
      { path: '/docs/' },
      { path: '/docs/static/index.css' },
      { path: '/docs/json' },
      { path: '/openapi.json' },
      { path: '/openapi.json', headers: { origin: own } },
      { method: 'HEAD', path: '/api/v1/health', headers: { authorization: auth } },
    ];
    for (const request of cases) {
      const response = await rawRequest(port, request);
      const label = `${request.method ?? 'GET'} ${request.path} ${JSON.stringify(request.headers ?? {})}`;
      expect(response.status, label).toBeLessThan(500);
      expect(corsHeaders(response.headers), label).toEqual([]);
    }
  });
});

describe('bearer token', () => {
  let h: ApiHarness;
  let port: number;
  let token: string;
  let sessionId: string;
  beforeAll(async () => {
    h = await startApi();
    port = h.server.port()!;
    token = h.token();
    sessionId = h.core.sessions.create({ title: 'Token' }).id;
  });
  afterAll(async () => {
    await h.close();
  });

  const swapChar = (value: string, index: number): string => {
    const replacement = value[index] === 'A' ? 'B' : 'A';
    return value.slice(0, index) + replacement + value.slice(index + 1);
  };

  type Variant = (token: string) => { headers?: Record<string, string>; query?: string };
  const variants: Array<[string, Variant]> = [
    ['no Authorization header', () => ({})],
    ['an empty Authorization header', () => ({ headers: { authorization: '' } })],
    ['"Bearer" with nothing', () => ({ headers: { authorization: 'Bearer' } })],
    ['"Bearer " with nothing', () => ({ headers: { authorization: 'Bearer ' } })],
    ['the first character changed', (t) => ({ headers: { authorization: `Bearer ${swapChar(t, 0)}` } })],
    [
      'the first random character changed',
      (t) => ({ headers: { authorization: `Bearer ${swapChar(t, 4)}` } }),
    ],
    [
      'a middle character changed',
      (t) => ({ headers: { authorization: `Bearer ${swapChar(t, Math.floor(t.length / 2))}` } }),
    ],
    [
      'the last character changed',
      (t) => ({ headers: { authorization: `Bearer ${swapChar(t, t.length - 1)}` } }),
    ],
    ['the token upper-cased', (t) => ({ headers: { authorization: `Bearer ${t.toUpperCase()}` } })],
    ['a prefix of the token', (t) => ({ headers: { authorization: `Bearer ${t.slice(0, -1)}` } })],
    ['only the sdk_ prefix', () => ({ headers: { authorization: 'Bearer sdk_' } })],
    ['the token plus one character', (t) => ({ headers: { authorization: `Bearer ${t}x` } })],
    ['the token twice', (t) => ({ headers: { authorization: `Bearer ${t}${t}` } })],
    ['the token followed by another one', (t) => ({ headers: { authorization: `Bearer ${t} ${t}` } })],
    ['two comma-separated credentials', (t) => ({ headers: { authorization: `Bearer ${t}, Bearer other` } })],
    ['a tab instead of the space', (t) => ({ headers: { authorization: `Bearer\t${t}` } })],
    ['two spaces after Bearer', (t) => ({ headers: { authorization: `Bearer  ${t}` } })],
    ['no space after Bearer', (t) => ({ headers: { authorization: `Bearer${t}` } })],
    ['the bare token with no scheme', (t) => ({ headers: { authorization: t } })],
    ['the Basic scheme with the token', (t) => ({ headers: { authorization: `Basic ${t}` } })],
    [
      'the Basic scheme with the token as user',
      (t) => ({ headers: { authorization: `Basic ${Buffer.from(`${t}:`).toString('base64')}` } }),
    ],
    ['the Token scheme', (t) => ({ headers: { authorization: `Token ${t}` } })],
    ['the token in ?token=', (t) => ({ query: `token=${t}` })],
    ['the token in ?access_token=', (t) => ({ query: `access_token=${t}` })],
    [
      'the token in ?authorization=',
      (t) => ({ query: `authorization=${encodeURIComponent(`Bearer ${t}`)}` }),
    ],
    ['the token in a cookie', (t) => ({ headers: { cookie: `token=${t}; access_token=${t}` } })],
    ['the header in a cookie', (t) => ({ headers: { cookie: `Authorization=Bearer%20${t}` } })],
    ['the token in X-Api-Key', (t) => ({ headers: { 'x-api-key': t, 'x-auth-token': t } })],
    ['the token in Proxy-Authorization', (t) => ({ headers: { 'proxy-authorization': `Bearer ${t}` } })],
  ];

  it.each(variants)(
    'refuses %s with the exact 401 envelope on every kind of route',
    async (_name, variant) => {
      const { headers = {}, query } = variant(token);
      const suffix = query ? `?${query}` : '';
      const before = snapshotSessionTables(h.core);
      const requests = [
        { method: 'GET', path: `/api/v1/health${suffix}` },
        { method: 'GET', path: `/api/v1/sessions${suffix}` },
        { method: 'GET', path: `/api/v1/sessions/${sessionId}${suffix}` },
        { method: 'GET', path: `/api/v1/nowhere${suffix}` },
        { method: 'POST', path: `/api/v1/sessions${suffix}`, body: '{"title":"intruder"}' },
        { method: 'PATCH', path: `/api/v1/sessions/${sessionId}${suffix}`, body: '{"title":"intruder"}' },
        { method: 'DELETE', path: `/api/v1/sessions/${sessionId}${suffix}` },
      ];
      for (const request of requests) {
        const response = await rawRequest(port, {
          ...request,
          headers: { ...headers, ...(request.body && { 'content-type': 'application/json' }) },
        });
        expect(response.status, `${request.method} ${request.path}: ${response.text}`).toBe(401);
        expect(response.json).toEqual(UNAUTHORIZED);
      }
      expect(snapshotSessionTables(h.core)).toEqual(before);
    },
  );

  // RFC 9110 §11.1: the auth scheme is case-insensitive; transport-guard.ts matches /^Bearer /i.
  it.each(['bearer', 'BEARER', 'BeArEr'])(
    'accepts the scheme spelt %s (schemes are case-insensitive)',
    async (scheme) => {
      const response = await rawRequest(port, {
        path: '/api/v1/health',
        headers: { authorization: `${scheme} ${token}` },
      });
      expect(response.status, response.text).toBe(200);
    },
  );

  it('accepts the exact header, and /docs and /openapi.json need no token', async () => {
    expect(
      (await rawRequest(port, { path: '/api/v1/health', headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(200);
    expect((await rawRequest(port, { path: '/openapi.json' })).status).toBe(200);
    expect((await rawRequest(port, { path: '/docs' })).status).toBe(200);
  });

  it('never echoes the token in a response body', async () => {
    const responses = await Promise.all([
      rawRequest(port, {
        path: `/api/v1/sessions?token=${token}`,
        headers: { authorization: `Bearer ${token}` },
      }),
      rawRequest(port, {
        path: `/api/v1/sessions?q=x&limit=${token}`,
        headers: { authorization: `Bearer ${token}` },
      }),
      rawRequest(port, {
        path: `/api/v1/health?token=${token}`,
        headers: { authorization: `Bearer ${token}` },
      }),
      rawRequest(port, { path: `/api/v1/health`, headers: { authorization: `Bearer ${token}x` } }),
    ]);
    for (const response of responses) expect(response.text).not.toContain(token);
    const health = await rawRequest(port, {
      path: '/api/v1/health',
      headers: { authorization: `Bearer ${token}` },
    });
    // recentRequests keeps paths without their query string.
    expect(health.json.data.recentRequests.length).toBeGreaterThan(0);
    expect(health.text).not.toContain(token);
  });

  it('refuses prototype-poisoning keys as invalid_input and pollutes nothing', async () => {
    const before = snapshotSessionTables(h.core);
    for (const body of [
      '{"title":"x","__proto__":{"polluted":true}}',
      '{"title":"x","constructor":{"prototype":{"polluted":true}}}',
    ]) {
      const response = await rawRequest(port, {
        method: 'POST',
        path: '/api/v1/sessions',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
      expect(response.status, response.text).toBe(400);
      // Parseable JSON that breaks a rule is invalid_input (§3), naming the refused key.
      expect(response.json.error.code, body).toBe('invalid_input');
      expect(response.json.error.message).toMatch(/__proto__|constructor/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(snapshotSessionTables(h.core)).toEqual(before);
  });

  it('refuses a request that sends both Content-Length and Transfer-Encoding (smuggling) and writes nothing', async () => {
    const before = snapshotSessionTables(h.core);
    const body = '{"title":"smuggled"}';
    const raw = await rawExchange(
      port,
      `POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n` +
        `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
    );
    const { status } = parseRawResponse(raw);
    expect(status, raw).toBe(400);
    expect(snapshotSessionTables(h.core)).toEqual(before);
  });
});

describe('under concurrent load', () => {
  let h: ApiHarness;
  beforeEach(async () => {
    h = await startApi();
  });
  afterEach(async () => {
    await h.close();
  });

  interface Outcome {
    label: string;
    /** Set from a flag raised right after the awaited switch resolved, read before sending. */
    startedAfter: boolean;
    status: number;
    json: unknown;
  }

  it('rotation: from the moment rotateToken resolves, the old token gets 401 and the new one works', async () => {
    const ids = Array.from({ length: 5 }, (_, i) => h.core.sessions.create({ title: `Rotate ${i}` }).id);
    const oldToken = h.token();
    let newToken = '';
    let rotated = false;
    const outcomes: Array<Outcome & { token: 'old' | 'new' }> = [];
    const deadline = Date.now() + 1500;

    const worker = async (w: number): Promise<void> => {
      for (let i = 0; Date.now() < deadline; i++) {
        const startedAfter = rotated;
        const useNew = startedAfter && (w + i) % 3 === 0;
        const token = useNew ? newToken : oldToken;
        const write = w % 4 === 0;
        const response = write
          ? await h.request('PATCH', `/sessions/${ids[w % ids.length]}`, {
              token,
              body: i % 2 ? { title: `W${w}-${i}` } : { notes: `n${i}` },
            })
          : await h.request('GET', '/sessions?limit=5', { token });
        outcomes.push({
          label: write ? 'PATCH' : 'GET',
          token: useNew ? 'new' : 'old',
          startedAfter,
          status: response.status,
          json: response.json,
        });
      }
    };
    const workers = Array.from({ length: 20 }, (_, w) => worker(w));
    await sleep(450);
    newToken = await h.core.rotateToken();
    rotated = true;
    // The new token works at once; the old one is dead for the very next request.
    const immediate = await h.request('GET', '/sessions?limit=5', { token: newToken });
    const stale = await h.request('GET', '/health', { token: oldToken });
    await Promise.all(workers);

    expect(immediate.status).toBe(200);
    expect(stale.json).toEqual(UNAUTHORIZED);
    expect(newToken).not.toBe(oldToken);
    expect(h.token()).toBe(newToken);
    expect(readFileSync(h.core.token.path, 'utf8').trim()).toBe(newToken);

    const serverErrors = outcomes.filter((o) => o.status >= 500);
    expect(serverErrors).toEqual([]);
    const oldBefore = outcomes.filter((o) => o.token === 'old' && !o.startedAfter);
    const oldAfter = outcomes.filter((o) => o.token === 'old' && o.startedAfter);
    const newAfter = outcomes.filter((o) => o.token === 'new');
    // The load really straddled the rotation.
    expect(oldBefore.filter((o) => o.status < 300).length).toBeGreaterThan(20);
    expect(oldAfter.length).toBeGreaterThan(20);
    expect(newAfter.length).toBeGreaterThan(5);
    // Requests in flight across the rotation may go either way, but nothing else.
    for (const o of oldBefore) expect([200, 401]).toContain(o.status);
    const oldSuccessesAfterRotation = oldAfter.filter((o) => o.status !== 401);
    expect(oldSuccessesAfterRotation).toEqual([]);
    for (const o of oldAfter) expect(o.json).toEqual(UNAUTHORIZED);
    expect(newAfter.filter((o) => o.status !== 200)).toEqual([]);
  });

  it('read-only: once setMode resolves, no write succeeds and the library stops changing; reads go on', async () => {
    const ids = Array.from({ length: 5 }, (_, i) => h.core.sessions.create({ title: `RO ${i}` }).id);
    let switched = false;
    const outcomes: Array<Outcome & { write: boolean }> = [];
    const deadline = Date.now() + 1500;

    const worker = async (w: number): Promise<void> => {
      for (let i = 0; Date.now() < deadline; i++) {
        const startedAfter = switched;
        const id = ids[(w + i) % ids.length]!;
        let write = true;
        let label: string;
        let response;
        if (w % 5 === 4) {
          write = false;
          label = i % 2 ? `GET /sessions/${id}` : 'GET /sessions';
          response = await h.request('GET', i % 2 ? `/sessions/${id}` : '/sessions?limit=5');
        } else if (i % 3 === 2) {
          label = 'POST /sessions';
          response = await h.request('POST', '/sessions', {
            body: { title: `New ${w}-${i}`, tags: ['load'] },
          });
        } else {
          label = `PATCH /sessions/${id}`;
          const body =
            i % 2
              ? { title: `Title ${w}-${i}`, status: 'mixing' }
              : { notes: `notes ${w}-${i}`, tags: [`t${i % 4}`] };
          response = await h.request('PATCH', `/sessions/${id}`, { body });
        }
        outcomes.push({ label, write, startedAfter, status: response.status, json: response.json });
      }
    };
    const workers = Array.from({ length: 20 }, (_, w) => worker(w));
    await sleep(450);
    const status = await h.server.setMode('read-only');
    switched = true;
    const snapshot = snapshotSessionTables(h.core);
    const rows = countRows(h.core, 'sessions');
    await Promise.all(workers);

    expect(status).toMatchObject({ configuredMode: 'read-only', effectiveMode: 'read-only', running: true });
    expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
    const writesBefore = outcomes.filter((o) => o.write && !o.startedAfter);
    const writesAfter = outcomes.filter((o) => o.write && o.startedAfter);
    const readsAfter = outcomes.filter((o) => !o.write && o.startedAfter);
    expect(writesBefore.filter((o) => o.status < 300).length).toBeGreaterThan(20);
    expect(writesAfter.length).toBeGreaterThan(20);
    expect(readsAfter.length).toBeGreaterThan(5);
    for (const o of writesBefore) expect([200, 201, 403]).toContain(o.status);
    expect(writesAfter.filter((o) => o.status !== 403)).toEqual([]);
    for (const o of writesAfter) expect(o.json).toEqual(READ_ONLY);
    expect(readsAfter.filter((o) => o.status !== 200)).toEqual([]);
    // Nothing changed after the switch, even from writes that were already in flight.
    expect(countRows(h.core, 'sessions')).toBe(rows);
    expect(snapshotSessionTables(h.core)).toEqual(snapshot);
    const health = await h.request('GET', '/health');
    expect(health.json.data).toMatchObject({ configuredMode: 'read-only', effectiveMode: 'read-only' });
  });

  it('disabled: the port closes, kept-alive sockets are closed, and full automation serves again', async () => {
    const port = h.server.port()!;
    const auth = { authorization: `Bearer ${h.token()}` };
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await rawRequest(port, { path: '/api/v1/health', headers: auth, agent });
      expect(first.status).toBe(200);
      // Wait for the socket to be handed back to the agent as idle.
      for (let i = 0; i < 100 && Object.values(agent.freeSockets).flat().length === 0; i++) await sleep(5);
      const idle = Object.values(agent.freeSockets).flat();
      expect(idle).toHaveLength(1);
      const socket = idle[0]!;
      const closed = new Promise<'closed'>((resolve) => socket.once('close', () => resolve('closed')));

      const status = await h.server.setMode('disabled');
      expect(status).toMatchObject({ configuredMode: 'disabled', running: false, port: null });
      expect(h.server.current()).toBeNull();
      expect(await Promise.race([closed, sleep(2000).then(() => 'still open')])).toBe('closed');
      expect(await tryConnect('127.0.0.1', port)).toBe('ECONNREFUSED');
      // The agent has nothing left to reuse: the request fails instead of being answered.
      await expect(rawRequest(port, { path: '/api/v1/health', headers: auth, agent })).rejects.toMatchObject({
        code: 'ECONNREFUSED',
      });

      await h.server.setMode('full-automation');
      const newPort = h.server.port();
      expect(newPort).not.toBeNull();
      const again = await rawRequest(newPort!, { path: '/api/v1/health', headers: auth });
      expect(again.status, again.text).toBe(200);
      expect(again.json.data).toMatchObject({
        running: true,
        port: newPort,
        effectiveMode: 'full-automation',
      });
    } finally {
      agent.destroy();
    }
  });
});

describe('logging', () => {
  interface LogLine {
    level: string;
    message: string;
    details?: Record<string, unknown>;
  }

  let dataDir: string;
  let server: ApiServer;
  let core: ReturnType<typeof createCore>;
  const lines: LogLine[] = [];
  const logger: Logger = {
    info: (message, details) => lines.push({ level: 'info', message, details }),
    warn: (message, details) => lines.push({ level: 'warn', message, details }),
    error: (message, details) => lines.push({ level: 'error', message, details }),
  };

  beforeEach(async () => {
    lines.length = 0;
    dataDir = mkdtempSync(join(tmpdir(), 'sessiondock-security-'));
    core = createCore({ dataDir: join(dataDir, 'data'), logger });
    core.settings.setApiMode('full-automation');
    server = new ApiServer(core, { portOverride: 0 });
    await server.start();
  });

  afterEach(async () => {
    await server.stop();
    try {
      core.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a 500 is the bare envelope; the log and lastError get the detail but never the token', async () => {
    const port = server.port()!;
    const token = core.token.current();
    const wrong = `${token.slice(0, -3)}zzz`;
    const auth = { authorization: `Bearer ${token}` };
    const id = core.sessions.create({ title: 'Logged' }).id;

    // Misplaced and wrong tokens, while everything still works.
    await rawRequest(port, { path: `/api/v1/sessions?token=${token}` });
    await rawRequest(port, { path: `/api/v1/sessions?access_token=${token}`, headers: auth });
    await rawRequest(port, { path: `/api/v1/health`, headers: { authorization: `Bearer ${wrong}` } });
    await rawRequest(port, {
      path: `/api/v1/sessions/${id}?token=${token}`,
      headers: { cookie: `token=${token}` },
    });

    // Pull the library out from under the server: reads and writes now fail unexpectedly.
    core.db.close();
    const failures = [
      await rawRequest(port, { path: `/api/v1/sessions/${id}?token=${token}`, headers: auth }),
      await rawRequest(port, { path: `/api/v1/sessions?access_token=${token}&limit=5`, headers: auth }),
      await rawRequest(port, {
        method: 'PATCH',
        path: `/api/v1/sessions/${id}?token=${token}`,
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ title: token }),
      }),
    ];
    const first = failures[0]!;
    expect(first.status, first.text).toBe(500);
    expect(first.json).toEqual(INTERNAL);
    for (const response of failures) {
      expect(response.status).toBeLessThan(600);
      if (response.status >= 500) expect(response.json).toEqual(INTERNAL);
      expect(response.text).not.toMatch(/\bat .+:\d+:\d+|node_modules|\.ts\b|database/i);
    }

    const errors = lines.filter((line) => line.level === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((line) => JSON.stringify(line).includes(`/api/v1/sessions/${id}`))).toBe(true);
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(wrong);
    expect(logged).not.toContain('Bearer');
    expect(logged).not.toMatch(/authorization/i);

    // lastError is set, and carries no token either.
    const lastError = core.diagnostics.lastError();
    expect(lastError?.message).toContain(`/api/v1/sessions/${id}`);
    expect(lastError?.message).not.toContain(token);
    const health = await rawRequest(port, { path: '/api/v1/health', headers: auth });
    if (health.status === 200) {
      expect(health.json.data.lastError).toEqual(expect.any(String));
      expect(health.text).not.toContain(token);
    }
  });
});
