// Property-based fuzzing of the Local API (local-api.md §3, §6: "requests never crash the process;
// malformed input never yields a 5xx") over real HTTP against a real core. Every route and method
// listed in /openapi.json gets random JSON bodies, non-JSON bodies, content types, query strings,
// path segments and headers. Whatever comes in: no 5xx, every non-2xx answer is exactly the error
// envelope with a documented code for its status, every 2xx is `{data…}`, no CORS header, the
// transport checks keep their order, the server keeps answering and the library stays intact.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LIST_QUERY_PARAMS } from '../../src/shared/validation/list-query';
import { STATUS_BY_CODE } from '../../src/main/core/api/schemas/common';
import { startApi, type ApiHarness } from '../helpers/api-harness';
import { parseRawResponse, rawExchange, rawRequest, type RawResponse } from '../helpers/raw-http';

const MIB = 1024 * 1024;
const NUM_RUNS = 300;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

interface Route {
  method: string;
  /** OpenAPI path, e.g. /api/v1/sessions/{id}. */
  template: string;
  hasBody: boolean;
}

interface SentRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

let h: ApiHarness;
let port: number;
let agent: http.Agent;
let routes: Route[];
let projectDir: string;

beforeAll(async () => {
  h = await startApi();
  port = h.server.port()!;
  agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  projectDir = mkdtempSync(join(tmpdir(), 'sessiondock-fuzz-project-'));
  const spec = (await rawRequest(port, { path: '/openapi.json' })).json as {
    paths: Record<string, Record<string, { requestBody?: unknown }>>;
  };
  routes = [];
  for (const [template, operations] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!(METHODS as readonly string[]).includes(method.toUpperCase())) continue;
      routes.push({ method: method.toUpperCase(), template, hasBody: operation.requestBody !== undefined });
    }
  }
  for (let i = 0; i < 6; i++) {
    h.core.sessions.create({
      title: `Seed ${i}`,
      tags: [`tag${i % 3}`, 'seed'],
      notes: `notes ${i}`,
      client: i % 2 ? 'Client' : '',
      projectPath: i % 2 ? projectDir : null,
    });
  }
});

afterAll(async () => {
  agent?.destroy();
  await h?.close();
  if (projectDir) rmSync(projectDir, { recursive: true, force: true });
});

afterEach(async () => {
  // The server is still up and answering, and no request corrupted the library.
  const health = await send({ method: 'GET', path: '/api/v1/health' });
  expect(health.status, health.text).toBe(200);
  expect(health.json.data.status).toBe('ok');
  expect(h.core.db.pragma('integrity_check', { simple: true })).toBe('ok');
});

function authHeaders(): Record<string, string> {
  return { authorization: `Bearer ${h.token()}` };
}

/** Sends a request with the valid token (unless the caller's headers say otherwise). */
async function send(request: SentRequest): Promise<RawResponse> {
  try {
    return await rawRequest(port, {
      method: request.method,
      path: request.path,
      headers: { ...authHeaders(), ...request.headers },
      body: request.body,
      agent,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Node's client refusing to send a generated header or path is not the server's doing.
    if (
      code === 'ERR_INVALID_CHAR' ||
      code === 'ERR_INVALID_HTTP_TOKEN' ||
      code === 'ERR_UNESCAPED_CHARACTERS'
    ) {
      fc.pre(false);
    }
    throw error;
  }
}

/** Node's default limit on a request head is 16 KiB; well below it, no request is refused for size. */
const HEAD_LIMIT_NEAR = 15 * 1024;

/** The request line and headers as sent (with the auth header `send` adds). */
function headBytes(request: SentRequest): number {
  const headers = { ...authHeaders(), ...request.headers };
  let bytes = Buffer.byteLength(`${request.method} ${request.path} HTTP/1.1\r\n`);
  for (const [name, value] of Object.entries(headers)) bytes += Buffer.byteLength(`${name}: ${value}\r\n`);
  return bytes;
}

function describeRequest(request: SentRequest, response: RawResponse): string {
  const body =
    request.body === undefined
      ? ''
      : ` body(${Buffer.byteLength(request.body)}B)=${JSON.stringify(String(request.body).slice(0, 200))}`;
  return (
    `${request.method} ${request.path.slice(0, 300)} headers=${JSON.stringify(request.headers ?? {}).slice(0, 300)}` +
    `${body} -> ${response.status} ${response.text.slice(0, 300)}`
  );
}

/** What every answer must look like, whatever was sent. */
function checkInvariants(request: SentRequest, response: RawResponse): void {
  const label = describeRequest(request, response);
  expect(response.status, label).toBeGreaterThanOrEqual(200);
  expect(response.status, label).toBeLessThan(500);
  expect(
    Object.keys(response.headers).filter((name) => name.startsWith('access-control-')),
    label,
  ).toEqual([]);
  if (request.method === 'HEAD') {
    expect(response.text, label).toBe('');
    return;
  }
  // The one streaming success (GET /events, test/api/events*.test.ts reads it): its head is the answer.
  if (String(response.headers['content-type']).startsWith('text/event-stream')) {
    expect(`${request.method} ${response.status}`, label).toBe('GET 200');
    return;
  }
  expect(response.headers['content-type'], label).toMatch(/^application\/json/);
  expect(response.json, label).toBeTypeOf('object');
  expect(response.json, label).not.toBeNull();
  if (response.status < 300) {
    expect(Object.keys(response.json), label).toContain('data');
    for (const key of Object.keys(response.json)) expect(['data', 'meta'], label).toContain(key);
    return;
  }
  expect(Object.keys(response.json), label).toEqual(['error']);
  const error = response.json.error;
  expect(Object.keys(error).sort(), label).toEqual(['code', 'message', 'status']);
  expect(error.status, label).toBe(response.status);
  expect(error.code, label).toBeTypeOf('string');
  expect(STATUS_BY_CODE[error.code as keyof typeof STATUS_BY_CODE], `${label} (undocumented code)`).toBe(
    response.status,
  );
  expect(error.message, label).toBeTypeOf('string');
  expect(error.message.length, label).toBeGreaterThan(0);
  expect(error.message, `${label} (stack trace)`).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
}

function expectError(
  request: SentRequest,
  response: RawResponse,
  status: number,
  code: string,
  message?: string,
) {
  const label = describeRequest(request, response);
  expect(response.status, label).toBe(status);
  if (request.method === 'HEAD') return;
  expect(response.json.error.code, label).toBe(code);
  if (message !== undefined) expect(response.json.error.message, label).toBe(message);
}

function liveIds(): string[] {
  return (h.core.db.prepare('SELECT id FROM sessions ORDER BY id').all() as Array<{ id: string }>).map(
    (row) => row.id,
  );
}

/** An id for a path: an existing session's (picked when sent) or a random, already-encoded segment. */
type IdChoice = { real: number } | { raw: string };

const printableAscii = fc.string({
  unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: 40,
});

function safeEncode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return 'x';
  }
}

const rawSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '..',
    '.',
    '%2e%2e',
    '%2E%2E%2F..',
    '..%2F..%2Fetc%2Fpasswd',
    '%00',
    'a%00b',
    '%ff',
    '%',
    '%2',
    '%zz',
    '%2F',
    '/',
    '//',
    'a/b',
    'a/../b',
    '%C0%AE%C0%AE',
    '%E2%80%AE',
    '%F0%9F%8E%B5',
    ';',
    '?',
    '??',
    '#',
    '~',
    '*',
    'null',
    'undefined',
    '__proto__',
    'constructor',
    'session_',
    'session_123',
    'SESSION_123',
    '%20',
    '+',
    "'",
    '"',
    '%22%3Cscript%3E',
  ),
  fc.stringMatching(/^[a-z0-9]{1,26}$/).map((tail) => `session_${tail}`),
  fc.string({ unit: 'grapheme', maxLength: 30 }).map(safeEncode),
  fc.string({ unit: 'binary', maxLength: 30 }).map(safeEncode),
  printableAscii,
  fc.integer({ min: 990, max: 8000 }).map((length) => 'a'.repeat(length)),
);

const idChoice: fc.Arbitrary<IdChoice> = fc.oneof(
  { weight: 2, arbitrary: fc.nat().map((real) => ({ real })) },
  { weight: 3, arbitrary: rawSegment.map((raw) => ({ raw })) },
);

function resolveId(choice: IdChoice): string {
  if ('raw' in choice) return choice.raw;
  const ids = liveIds();
  return ids.length === 0 ? 'session_none' : ids[choice.real % ids.length]!;
}

function pathFor(route: Route, choice: IdChoice): string {
  return route.template.replace(/\{[^}]+\}/g, () => resolveId(choice));
}

const routeArb = (filter: (route: Route) => boolean = () => true) =>
  fc.integer({ min: 0, max: 1_000 }).map((index) => {
    const candidates = routes.filter(filter);
    return candidates[index % candidates.length]!;
  });

/** Strings around the documented limits (tag 40, title and client 200, project path 4096). */
const shortNearLimitString = fc
  .tuple(
    fc.constantFrom(0, 1, 39, 40, 41, 199, 200, 201, 4095, 4096, 4097),
    fc.constantFrom('x', ' ', 'é', '🎵', '\u0000', '\n', 'a b'),
  )
  .map(([length, unit]) => unit.repeat(length));

/** The same, plus notes around 100,000 characters. */
const nearLimitString = fc.oneof(
  { weight: 4, arbitrary: shortNearLimitString },
  { weight: 1, arbitrary: fc.constantFrom(99_999, 100_000, 100_001).map((length) => 'n'.repeat(length)) },
);

const fieldValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  nearLimitString,
  fc.constantFrom(
    'Ableton',
    'logic pro',
    'FL STUDIO',
    'Other',
    'draft',
    'mixing',
    'violet',
    '/',
    '/tmp',
    'relative/path',
    '',
    null,
    true,
    -1,
    1e308,
    -0,
  ),
  fc.array(fc.oneof(fc.string({ maxLength: 45 }), shortNearLimitString, fc.jsonValue({ maxDepth: 1 })), {
    maxLength: 40,
  }),
);

const FIELD_NAMES = [
  'title',
  'kind',
  'status',
  'accent',
  'client',
  'tags',
  'notes',
  'projectPath',
  'id',
  'createdAt',
  'previews',
  'preferredPreviewId',
  'lastOpened',
  '__proto__',
  'constructor',
];

/** Objects shaped like the API's bodies, with hostile values: reaches the validators' corners. */
const sessionLikeBody = fc.dictionary(
  fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 12 })),
  fieldValue,
  {
    maxKeys: 6,
  },
);

/** Deeply nested JSON text, as raw text (JSON.stringify would be fine too, but slower to build). */
const deepJsonText = fc
  .tuple(fc.integer({ min: 1, max: 50_000 }), fc.constantFrom('array', 'object', 'inTags', 'withProtoWord'))
  .map(([depth, shape]) => {
    if (shape === 'array') return '['.repeat(depth) + ']'.repeat(depth);
    if (shape === 'object') return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    if (shape === 'inTags') return `{"tags":${'['.repeat(depth)}"x"${']'.repeat(depth)}}`;
    // Mentions "constructor" so the prototype-poisoning scan walks the whole tree.
    return `{"notes":"constructor","tags":${'[{"b":'.repeat(depth)}1${'}]'.repeat(depth)}}`;
  });

const jsonBodyText: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.object().map((value) => JSON.stringify(value)),
  sessionLikeBody.map((value) => JSON.stringify(value)),
  sessionLikeBody.map((value) => JSON.stringify(value)),
  deepJsonText,
);

describe('fuzzing every route from /openapi.json', () => {
  it('enumerates the documented routes', () => {
    expect(routes.length).toBeGreaterThanOrEqual(15);
    expect(routes).toContainEqual({ method: 'GET', template: '/api/v1/health', hasBody: false });
    expect(routes).toContainEqual({ method: 'POST', template: '/api/v1/sessions', hasBody: true });
    expect(routes.some((route) => route.template.includes('{id}'))).toBe(true);
  });

  it('every documented path with every method, with and without the token', async () => {
    const templates = [...new Set(routes.map((route) => route.template))];
    for (const template of templates) {
      for (const method of METHODS) {
        const path = pathFor({ method, template, hasBody: false }, { real: 0 });
        const request = { method, path, headers: { 'content-type': 'application/json' }, body: '{}' };
        checkInvariants(request, await send(request));
        const anonymous = { ...request, headers: { ...request.headers, authorization: '' } };
        const refused = await send(anonymous);
        checkInvariants(anonymous, refused);
        expectError(anonymous, refused, 401, 'unauthorized', 'Provide Authorization: Bearer <token>.');
      }
    }
  });

  it('random JSON bodies: envelope, never a 5xx; body routes refuse anything but an object', async () => {
    await fc.assert(
      fc.asyncProperty(routeArb(), idChoice, jsonBodyText, async (route, id, body) => {
        const request = {
          method: route.method,
          path: pathFor(route, id),
          headers: { 'content-type': 'application/json' },
          body,
        };
        const response = await send(request);
        checkInvariants(request, response);
        const parsed: unknown = JSON.parse(body);
        const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
        if (route.hasBody && !isObject && !request.path.slice(1).includes('//')) {
          expect([400, 404], describeRequest(request, response)).toContain(response.status);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('non-JSON bodies sent as application/json: 400 invalid_json on body routes, never a 5xx', async () => {
    const garbage: fc.Arbitrary<string | Buffer> = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
      // Truncated, padded or mangled JSON.
      fc.tuple(sessionLikeBody, fc.nat()).map(([value, cut]) => {
        const text = JSON.stringify(value);
        return text.slice(0, cut % Math.max(1, text.length));
      }),
      sessionLikeBody.map((value) => `${JSON.stringify(value)}}`),
      sessionLikeBody.map((value) => `${JSON.stringify(value)} trailing`),
      fc.constantFrom(
        '{"title": NaN}',
        '{"title": Infinity}',
        "{'title': 'x'}",
        '{"title": "x",}',
        '{title: "x"}',
        '{"title": "x" /* c */}',
        '{"title": "\\x41"}',
        '{"title": "\u0001"}',
        '{"title":"x"}\u0000',
        '\u0000',
        '[',
        '{',
        '"',
        'undefined',
        'tru',
        '0x10',
        '01',
        '--1',
      ),
    );
    await fc.assert(
      fc.asyncProperty(routeArb(), fc.nat(), garbage, async (route, realIndex, body) => {
        const request = {
          method: route.method,
          path: pathFor(route, { real: realIndex }),
          headers: { 'content-type': 'application/json' },
          body,
        };
        const response = await send(request);
        checkInvariants(request, response);
        if (!route.hasBody) return;
        const text = (Buffer.isBuffer(body) ? body.toString('utf8') : body).replace(/^\uFEFF/, '');
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        if (text.trim() === '' || !parses) {
          expectError(request, response, 400, 'invalid_json', 'Request body must be valid JSON.');
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('random content types: anything but application/json on a body route is 415', async () => {
    const token = fc.stringMatching(/^[a-zA-Z0-9!#$&^_.+-]{1,20}$/);
    const contentType = fc.oneof(
      fc.constantFrom(
        'text/plain',
        'text/json',
        'application/jsonx',
        'application/json-patch+json',
        'application/merge-patch+json',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=xyz',
        'application/octet-stream',
        'application/xml',
        '*/*',
        'application/*',
        'json',
        '',
        ';',
        'application/json, text/plain',
        'application/json(',
      ),
      fc.tuple(token, token).map(([type, subtype]) => `${type}/${subtype}`),
      fc
        .tuple(token, token, token, fc.string({ maxLength: 10 }))
        .map(([type, sub, key, value]) => `${type}/${sub}; ${key}=${value}`),
      fc.string({
        unit: fc
          .integer({ min: 0x20, max: 0xff })
          .filter((code) => code !== 0x7f)
          .map((code) => String.fromCharCode(code)),
        maxLength: 60,
      }),
    );
    const bodyFor = (route: Route): string => {
      if (route.template.endsWith('/tags')) return '{"tags":["fuzz"]}';
      if (route.template.endsWith('/notes')) return '{"notes":"fuzz"}';
      return '{"title":"Content type"}';
    };
    await fc.assert(
      fc.asyncProperty(
        routeArb((route) => route.hasBody),
        fc.nat(),
        contentType,
        async (route, realIndex, type) => {
          const request = {
            method: route.method,
            path: pathFor(route, { real: realIndex }),
            headers: { 'content-type': type },
            body: bodyFor(route),
          };
          const response = await send(request);
          checkInvariants(request, response);
          const essence = type.split(';')[0]!.trim().toLowerCase();
          if (essence !== 'application/json') {
            expectError(
              request,
              response,
              415,
              'unsupported_media_type',
              'Content-Type must be application/json.',
            );
          } else {
            expect(response.status, describeRequest(request, response)).not.toBe(415);
          }
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('random query strings on every route: envelope, never a 5xx', async () => {
    const KNOWN_KEYS = [...LIST_QUERY_PARAMS, 'variantId', 'points'];
    const rawPiece = fc.constantFrom(
      '%',
      '%ff',
      '%00',
      '%2',
      '%E2%82',
      '%C3%A9',
      '+',
      '=',
      '==',
      '&',
      '[]',
      '[0]',
      '.',
      '..',
      '%26',
      '%3D',
    );
    const part = fc.oneof(
      fc.string({ maxLength: 20 }).map(safeEncode),
      fc.string({ unit: 'grapheme', maxLength: 20 }).map(safeEncode),
      fc.string({ unit: 'binary', maxLength: 20 }).map(safeEncode),
      printableAscii.map((text) => text.replace(/#/g, '%23')),
      rawPiece,
      fc.integer().map(String),
      fc.double().map(String),
      fc.constantFrom(
        'true',
        'false',
        '-updatedAt',
        'title',
        'Ableton',
        'draft',
        '1',
        '500',
        '501',
        '0',
        '-1',
        '1e3',
      ),
    );
    const key = fc.oneof(
      fc.constantFrom(...KNOWN_KEYS),
      fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty', 'token'),
      part,
    );
    const query = fc
      .array(fc.tuple(key, fc.option(part, { nil: undefined }), fc.boolean()), { maxLength: 8 })
      .map((pairs) =>
        pairs
          .flatMap(([name, value, twice]) => {
            const pair = value === undefined ? name : `${name}=${value}`;
            return twice ? [pair, pair] : [pair];
          })
          .join('&'),
      );
    await fc.assert(
      fc.asyncProperty(
        routeArb((route) => route.method === 'GET' || route.method === 'POST'),
        fc.nat(),
        query,
        async (route, realIndex, search) => {
          const request = {
            method: route.method,
            path: `${pathFor(route, { real: realIndex })}?${search}`,
            ...(route.hasBody && {
              headers: { 'content-type': 'application/json' },
              body: '{"title":"Query"}',
            }),
          };
          const response = await send(request);
          checkInvariants(request, response);
          if (route.template === '/api/v1/sessions' && route.method === 'GET' && response.status === 200) {
            expect(Array.isArray(response.json.data)).toBe(true);
            expect(response.json.meta).toEqual({
              total: expect.any(Number),
              limit: expect.any(Number),
              offset: expect.any(Number),
            });
          }
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('random ids and path segments with every method: envelope, never a 5xx, never past the token check', async () => {
    const bodyArb = fc.option(jsonBodyText, { nil: undefined });
    await fc.assert(
      fc.asyncProperty(
        routeArb((route) => route.template.includes('{')),
        fc.constantFrom(...METHODS),
        rawSegment,
        bodyArb,
        async (route, method, segment, body) => {
          const path = route.template.replace(/\{[^}]+\}/g, segment);
          const request: SentRequest = {
            method,
            path,
            ...(body !== undefined &&
              method !== 'GET' &&
              method !== 'HEAD' && {
                headers: { 'content-type': 'application/json' },
                body,
              }),
          };
          const response = await send(request);
          checkInvariants(request, response);
          // Dot segments, encoded slashes, undecodable escapes, very long ids: nothing under /api/v1
          // leads around authentication.
          const anonymous = { ...request, headers: { ...request.headers, authorization: '' } };
          const refused = await send(anonymous);
          checkInvariants(anonymous, refused);
          expectError(anonymous, refused, 401, 'unauthorized', 'Provide Authorization: Bearer <token>.');
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('random headers on every route: envelope, never a 5xx, Host → Origin → token checked in that order', async () => {
    const own = [`127.0.0.1:${port}`, `localhost:${port}`];
    const headerValue = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.string({
          unit: fc
            .integer({ min: 0x20, max: 0xff })
            .filter((c) => c !== 0x7f)
            .map((c) => String.fromCharCode(c)),
          maxLength: 80,
        }),
      },
      { weight: 1, arbitrary: fc.integer({ min: 500, max: 4000 }).map((length) => 'v'.repeat(length)) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '',
          ' ',
          '\t',
          'null',
          '*',
          'undefined',
          '0',
          '-1',
          'bytes=0-',
          'gzip, br',
        ),
      },
    );
    const interesting = fc.oneof(
      fc.tuple(
        fc.constant('host'),
        fc.oneof(
          fc.constantFrom(
            ...own,
            ...own.map((h) => h.toUpperCase()),
            'evil.example',
            `evil.example:${port}`,
            `127.0.0.1:${port + 1}`,
            '127.0.0.1',
            '',
          ),
          headerValue,
        ),
      ),
      fc.tuple(
        fc.constant('origin'),
        fc.oneof(
          fc.constantFrom(
            ...own.map((h) => `http://${h}`),
            'null',
            'http://evil.example',
            `https://127.0.0.1:${port}`,
          ),
          headerValue,
        ),
      ),
      fc.tuple(
        fc.constant('authorization'),
        fc.oneof(fc.constantFrom('Bearer', 'Bearer ', 'Basic abc', 'Bearer sdk_x'), headerValue),
      ),
      fc.tuple(
        fc.constantFrom(
          'content-type',
          'accept',
          'accept-encoding',
          'accept-language',
          'cookie',
          'range',
          'if-none-match',
          'if-modified-since',
          'x-forwarded-for',
          'x-forwarded-host',
          'x-forwarded-proto',
          'forwarded',
          'x-real-ip',
          'x-http-method-override',
          'x-method-override',
          'x-requested-with',
          'user-agent',
          'referer',
          'content-encoding',
          'content-language',
          'cache-control',
          'pragma',
          'via',
        ),
        headerValue,
      ),
    );
    const FRAMING = new Set([
      'content-length',
      'transfer-encoding',
      'expect',
      'connection',
      'upgrade',
      'keep-alive',
      'te',
      'trailer',
      'proxy-connection',
      'http2-settings',
    ]);
    const randomHeader = fc.tuple(
      fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,40}$/).map((name) => name.toLowerCase()),
      headerValue,
    );
    const headers = fc.array(fc.oneof(interesting, randomHeader), { maxLength: 8 }).map((pairs) => {
      const result: Record<string, string> = {};
      for (const [name, value] of pairs) if (!FRAMING.has(name) && !(name in result)) result[name] = value;
      return result;
    });

    await fc.assert(
      fc.asyncProperty(routeArb(), idChoice, headers, async (route, id, extra) => {
        const request: SentRequest = {
          method: route.method,
          path: pathFor(route, id),
          headers: {
            ...(route.hasBody && { 'content-type': 'application/json' }),
            ...extra,
          },
          ...(route.hasBody && { body: '{"title":"Headers"}' }),
        };
        const response = await send(request);
        checkInvariants(request, response);
        // Several long values can add up past Node's 16 KiB limit for the request head: that is
        // refused before any check, with the documented 400 (near the limit either answer is right).
        if (headBytes(request) > HEAD_LIMIT_NEAR && response.status === 400) {
          expectError(request, response, 400, 'invalid_input', 'Request headers (or the URL) are too large.');
          return;
        }
        const host = (extra.host ?? `127.0.0.1:${port}`).trim().toLowerCase();
        const origin = extra.origin?.trim().toLowerCase();
        const authorization = extra.authorization?.trim();
        if (!own.includes(host)) {
          expectError(request, response, 403, 'forbidden_host');
        } else if (origin !== undefined && !own.some((allowed) => origin === `http://${allowed}`)) {
          expectError(request, response, 403, 'forbidden_origin');
        } else if (authorization !== undefined && !/^bearer sdk_[A-Za-z0-9_-]{43}$/i.test(authorization)) {
          expectError(request, response, 401, 'unauthorized', 'Provide Authorization: Bearer <token>.');
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('bodies around the size limit', () => {
  // `{"notes":"…"}` is 12 bytes plus the notes.
  it.each([MIB - 1, MIB, MIB + 1, 2 * MIB])(
    'a %i-byte body on every body route is refused with 413 only above 1 MiB (import: 16 MiB)',
    async (size) => {
      const body = `{"notes":"${'x'.repeat(size - 12)}"}`;
      expect(Buffer.byteLength(body)).toBe(size);
      // POST /import takes up to 16 MiB (local-api.md §6): these sizes are all within it.
      const limited = routes.filter(
        (candidate) => candidate.hasBody && candidate.template !== '/api/v1/import',
      );
      for (const route of limited) {
        const request = {
          method: route.method,
          path: pathFor(route, { real: 0 }),
          headers: { 'content-type': 'application/json' },
          body,
        };
        const response = await send(request);
        checkInvariants(request, response);
        if (size > MIB) {
          expectError(request, response, 413, 'payload_too_large', 'Request body must be at most 1 MiB.');
        } else {
          expect(response.status, describeRequest(request, response)).not.toBe(413);
        }
      }
    },
  );
});

describe('malformed HTTP still gets the error envelope', () => {
  // Requests Node's HTTP parser itself refuses, before Fastify routes them. They must still be
  // answered with `{error:{status,code,message}}` (status = the HTTP status), never a 5xx.
  const head = () => `Host: 127.0.0.1:${port}\r\nAuthorization: Bearer ${h.token()}\r\n`;
  it.each<[string, () => string | Buffer]>([
    [
      'a raw non-ASCII byte in the path',
      () =>
        Buffer.from(`GET /api/v1/sessions/caf\xe9 HTTP/1.1\r\n${head()}Connection: close\r\n\r\n`, 'latin1'),
    ],
    [
      'a path over the header size limit',
      () => `GET /api/v1/sessions/${'a'.repeat(20_000)} HTTP/1.1\r\n${head()}Connection: close\r\n\r\n`,
    ],
    [
      'a header over the header size limit',
      () =>
        `GET /api/v1/health HTTP/1.1\r\n${head()}X-Big: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
    ],
    [
      'an HTTP/1.1 request without Host',
      () => `GET /api/v1/health HTTP/1.1\r\nAuthorization: Bearer ${h.token()}\r\nConnection: close\r\n\r\n`,
    ],
    ['an unknown HTTP version', () => `GET /api/v1/health HTTP/9.9\r\n${head()}Connection: close\r\n\r\n`],
    [
      'a header name with a space',
      () => `GET /api/v1/health HTTP/1.1\r\n${head()}Bad Header: x\r\nConnection: close\r\n\r\n`,
    ],
    [
      'an Expect header other than 100-continue',
      () =>
        `POST /api/v1/sessions HTTP/1.1\r\n${head()}Content-Type: application/json\r\nContent-Length: 13\r\n` +
        `Expect: something-else\r\nConnection: close\r\n\r\n{"title":"a"}`,
    ],
  ])('%s', async (_name, build) => {
    const raw = await rawExchange(port, build());
    const { status, body } = parseRawResponse(raw);
    expect(status, raw.slice(0, 400)).toBeGreaterThanOrEqual(400);
    expect(status, raw.slice(0, 400)).toBeLessThan(500);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = body;
    }
    expect(json, raw.slice(0, 400)).toEqual({
      error: { status, code: expect.any(String), message: expect.any(String) },
    });
  });
});
