// The OpenAPI document served at /openapi.json (local-api.md §2, §6): no token needed, valid
// OpenAPI 3, the documented operationIds, tags, bearer scheme and error responses, and exactly the
// routes the server really serves. Read-only mode is then checked against every write operation
// the document lists, so a new write route cannot slip past it.
import { validate, compileErrors } from '@readme/openapi-parser';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness, type ApiResponse } from '../helpers/api-harness';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Doc = any;
type Operation = any;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every operationId local-api.md §6 names (the waveform and import ones arrive later). */
const DOCUMENTED_OPERATION_IDS = [
  'getHealth',
  'listSessions',
  'createSession',
  'getSession',
  'patchSession',
  'deleteSession',
  'getSessionTags',
  'replaceSessionTags',
  'patchSessionTags',
  'replaceSessionNotes',
  'patchSessionNotes',
  'listTags',
  'getSessionPreview',
  'getSessionWaveform',
  'getSessionWaveformNotes',
  'replaceSessionWaveformNotes',
  'patchSessionWaveformNotes',
  'createImport',
  'openSession',
  'focusSession',
];

/** The operations that exist today, with the route §5 gives each. */
const PRESENT_OPERATIONS: Record<string, [string, string]> = {
  getHealth: ['GET', '/api/v1/health'],
  listSessions: ['GET', '/api/v1/sessions'],
  createSession: ['POST', '/api/v1/sessions'],
  getSession: ['GET', '/api/v1/sessions/{id}'],
  patchSession: ['PATCH', '/api/v1/sessions/{id}'],
  deleteSession: ['DELETE', '/api/v1/sessions/{id}'],
  getSessionTags: ['GET', '/api/v1/sessions/{id}/tags'],
  replaceSessionTags: ['PUT', '/api/v1/sessions/{id}/tags'],
  patchSessionTags: ['PATCH', '/api/v1/sessions/{id}/tags'],
  replaceSessionNotes: ['PUT', '/api/v1/sessions/{id}/notes'],
  patchSessionNotes: ['PATCH', '/api/v1/sessions/{id}/notes'],
  listTags: ['GET', '/api/v1/tags'],
  getSessionPreview: ['GET', '/api/v1/sessions/{id}/preview'],
  openSession: ['POST', '/api/v1/sessions/{id}/open'],
  focusSession: ['POST', '/api/v1/sessions/{id}/focus'],
};

// 'projects' is ours (issue 12): what project files say, and plugins across the library;
// 'collections' too (issue 13).
const DOCUMENTED_TAGS = [
  'collections',
  'system',
  'sessions',
  'metadata',
  'tags',
  'previews',
  'projects',
  'imports',
  'automation',
  'artwork',
  'events',
];

const READ_ONLY_MESSAGE = 'Enable Full Automation to perform this action.';

interface DocOperation {
  method: string;
  path: string;
  operation: Operation;
}

function operationsOf(doc: Doc): DocOperation[] {
  const result: DocOperation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      if (item[method]) result.push({ method: method.toUpperCase(), path, operation: item[method] });
    }
  }
  return result;
}

/** Resolves a local `#/…` reference inside the document. */
function resolveRef(doc: Doc, schema: any): any {
  let current = schema;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 10; hops++) {
    const ref: string = current.$ref;
    expect(ref.startsWith('#/'), `only local refs: ${ref}`).toBe(true);
    current = ref
      .slice(2)
      .split('/')
      .reduce((node: any, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    expect(current, `unresolved ${ref}`).toBeDefined();
  }
  return current;
}

/** Fastify's own route table, parsed from printRoutes: `METHOD path` (with :params), HEAD left out. */
function fastifyRoutes(harness: ApiHarness): Set<string> {
  const tree = harness.server.current()!.app.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes = new Set<string>();
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (.+?)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = [...match[1]!].length / 4;
    const path = (depth > 0 ? stack[depth - 1]! : '') + match[2]!;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim())) {
      if (method && method !== 'HEAD') routes.add(`${method} ${path}`);
    }
  }
  return routes;
}

function toFastifyPath(openApiPath: string): string {
  return openApiPath.replace(/\{([^}]+)\}/g, ':$1');
}

async function fetchDoc(harness: ApiHarness): Promise<Doc> {
  const res = await harness.request('GET', '/openapi.json', { token: null });
  expect(res.status).toBe(200);
  return res.json;
}

/** A minimal instance of a JSON schema, for write operations this file does not know by name. */
function sampleOf(doc: Doc, schema: any, fixtures: Fixtures): unknown {
  const resolved = resolveRef(doc, schema) ?? {};
  if (resolved.examples?.length) return resolved.examples[0];
  if (resolved.example !== undefined) return resolved.example;
  if (resolved.default !== undefined) return resolved.default;
  if (resolved.const !== undefined) return resolved.const;
  if (Array.isArray(resolved.enum)) return resolved.enum[0];
  const variants = resolved.anyOf ?? resolved.oneOf;
  if (Array.isArray(variants))
    return sampleOf(doc, variants.find((v: any) => v.type !== 'null') ?? {}, fixtures);
  const type = Array.isArray(resolved.type) ? resolved.type.find((t: string) => t !== 'null') : resolved.type;
  switch (type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const key of resolved.required ?? []) {
        const property = resolved.properties?.[key] ?? {};
        result[key] = /path/i.test(key) ? fixtures.projectPath : sampleOf(doc, property, fixtures);
      }
      return result;
    }
    case 'array':
      return resolved.minItems ? [sampleOf(doc, resolved.items ?? {}, fixtures)] : [];
    case 'integer':
    case 'number':
      return resolved.minimum ?? 1;
    case 'boolean':
      return false;
    case 'string':
      return 'x'.repeat(Math.max(1, resolved.minLength ?? 1));
    default:
      return {};
  }
}

interface Fixtures {
  sessionId: string;
  projectPath: string;
}

/** Plausible bodies for the write operations we know; others are built from their schema. */
function bodyFor(doc: Doc, op: DocOperation, fixtures: Fixtures): unknown {
  switch (op.operation.operationId) {
    case 'createSession':
      return { title: 'Attempt', kind: 'Ableton', tags: ['attempt'] };
    case 'patchSession':
      return { title: 'Changed', status: 'done' };
    case 'replaceSessionTags':
    case 'patchSessionTags':
      return { tags: ['changed'] };
    case 'replaceSessionNotes':
    case 'patchSessionNotes':
      return { notes: 'changed' };
    case 'replaceSessionWaveformNotes':
    case 'patchSessionWaveformNotes':
      return { notes: [{ timestamp: 1.5, text: 'changed' }] };
    case 'createImport':
      return { items: [{ projectPath: fixtures.projectPath }] };
    case 'deleteSession':
    case 'openSession':
    case 'focusSession':
      return undefined;
  }
  const schema = op.operation.requestBody?.content?.['application/json']?.schema;
  return schema ? sampleOf(doc, schema, fixtures) : undefined;
}

function concretePath(path: string, fixtures: Fixtures): string {
  return path.replace(/\{([^}]+)\}/g, (_all, name: string) =>
    name === 'id' ? fixtures.sessionId : `${name.replace(/Id$/, '')}_doesnotexist`,
  );
}

function isRouteNotFound(res: ApiResponse): boolean {
  return res.status === 404 && res.json?.error?.message === 'route not found';
}

describe('/openapi.json', () => {
  let h: ApiHarness;
  let doc: Doc;

  beforeAll(async () => {
    h = await startApi();
    doc = await fetchDoc(h);
  });

  afterAll(async () => {
    await h.close();
  });

  it('is served with no token as JSON', async () => {
    const res = await h.request('GET', '/openapi.json', { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.json.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(res.json.info.title).toEqual(expect.any(String));
  });

  it('is also served with a token, and a wrong token is not refused (it reveals only the shape)', async () => {
    expect((await h.request('GET', '/openapi.json')).status).toBe(200);
    expect((await h.request('GET', '/openapi.json', { token: 'sdk_wrong' })).status).toBe(200);
  });

  it('validates as OpenAPI 3 with no errors', async () => {
    const result = await validate(structuredClone(doc));
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(result.specification).toBe('OpenAPI');
  });

  it('gives every operation a unique operationId: a documented one or a camelCase one of ours', () => {
    const ids = operationsOf(doc).map((op) => op.operation.operationId);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(typeof id).toBe('string');
      if (!DOCUMENTED_OPERATION_IDS.includes(id)) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    }
  });

  it('documents every present operation under its published operationId, method and path', () => {
    const byId = new Map(operationsOf(doc).map((op) => [op.operation.operationId, op]));
    for (const [id, [method, path]] of Object.entries(PRESENT_OPERATIONS)) {
      const op = byId.get(id);
      expect(op, `operation ${id}`).toBeDefined();
      expect(`${op!.method} ${op!.path}`, id).toBe(`${method} ${path}`);
    }
  });

  it('tags every operation from the documented set, and declares those tags', () => {
    const declared = (doc.tags ?? []).map((tag: { name: string }) => tag.name);
    for (const name of declared) expect(DOCUMENTED_TAGS).toContain(name);
    for (const op of operationsOf(doc)) {
      const id = op.operation.operationId;
      expect(op.operation.tags, id).toEqual(expect.any(Array));
      expect(op.operation.tags.length, id).toBeGreaterThan(0);
      for (const tag of op.operation.tags) {
        expect(DOCUMENTED_TAGS, id).toContain(tag);
        expect(declared, id).toContain(tag);
      }
    }
    const tagOf = (id: string): string[] =>
      operationsOf(doc).find((op) => op.operation.operationId === id)!.operation.tags;
    expect(tagOf('getHealth')).toEqual(['system']);
    expect(tagOf('openSession')).toEqual(['automation']);
    expect(tagOf('focusSession')).toEqual(['automation']);
  });

  it('declares the bearer scheme and requires it on every operation', () => {
    const schemes = doc.components?.securitySchemes ?? {};
    const bearerNames = Object.entries<any>(schemes)
      .filter(([, scheme]) => scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer')
      .map(([name]) => name);
    expect(bearerNames.length).toBeGreaterThan(0);
    for (const op of operationsOf(doc)) {
      const security = op.operation.security ?? doc.security;
      const id = op.operation.operationId;
      expect(security, id).toEqual(expect.any(Array));
      expect(security.length, id).toBeGreaterThan(0);
      // Every alternative needs the bearer scheme: an empty {} would make the operation public.
      for (const requirement of security) {
        expect(
          Object.keys(requirement).some((name) => bearerNames.includes(name)),
          id,
        ).toBe(true);
      }
    }
  });

  it('describes the error envelope {error: {status, code, message}} as a component', () => {
    const envelopes = Object.values<any>(doc.components?.schemas ?? {}).filter(
      (schema) => schema.properties?.error,
    );
    expect(envelopes.length).toBeGreaterThan(0);
    const envelope = envelopes[0];
    expect(envelope.required).toContain('error');
    const error = resolveRef(doc, envelope.properties.error);
    expect(error.required).toEqual(expect.arrayContaining(['status', 'code', 'message']));
    expect(error.properties.status.type).toBe('integer');
    expect(error.properties.code.type).toBe('string');
    expect(error.properties.message.type).toBe('string');
  });

  it('documents 401, 403 and 500 on every operation, 404 on {id} routes, all as the error envelope', () => {
    for (const op of operationsOf(doc)) {
      const id = op.operation.operationId;
      const statuses = ['401', '403', '500'];
      if (op.path.includes('{')) statuses.push('404');
      if (op.operation.requestBody) statuses.push('400', '413', '415');
      if (id === 'focusSession') statuses.push('400', '501');
      if (id === 'openSession' || id === 'listSessions') statuses.push('400');
      for (const status of statuses) {
        const response = resolveRef(doc, op.operation.responses?.[status]);
        expect(response, `${id} ${status}`).toBeDefined();
        expect(response.description, `${id} ${status}`).toEqual(expect.any(String));
        const schema = resolveRef(doc, response.content?.['application/json']?.schema);
        expect(schema, `${id} ${status}`).toBeDefined();
        expect(schema.required, `${id} ${status}`).toContain('error');
        const error = resolveRef(doc, schema.properties?.error);
        expect(error.required, `${id} ${status}`).toEqual(
          expect.arrayContaining(['status', 'code', 'message']),
        );
      }
      const success = Object.keys(op.operation.responses).filter((status) => /^2\d\d$/.test(status));
      expect(success.length, id).toBeGreaterThan(0);
    }
  });

  it('documents the success status of create (201) and the others (200)', () => {
    const responses = (id: string): string[] =>
      Object.keys(operationsOf(doc).find((op) => op.operation.operationId === id)!.operation.responses);
    expect(responses('createSession')).toContain('201');
    expect(responses('createSession')).not.toContain('200');
    for (const id of Object.keys(PRESENT_OPERATIONS).filter((id) => id !== 'createSession')) {
      expect(responses(id), id).toContain('200');
    }
  });

  it('documents the Session schema with the published fields', () => {
    const session = resolveRef(
      doc,
      resolveRef(
        doc,
        doc.paths['/api/v1/sessions/{id}'].get.responses['200'].content['application/json'].schema,
      ).properties.data,
    );
    expect(Object.keys(session.properties)).toEqual([
      'id',
      'title',
      'kind',
      'status',
      'accent',
      'client',
      'tags',
      'notes',
      'lastOpened',
      'createdAt',
      'updatedAt',
      'projectPath',
      'projectOriginalPath',
      'previewStatus',
      'previewUrl',
      'previewAudioUrl',
      'previewAudioMime',
      'preferredPreviewId',
      'previews',
    ]);
  });

  it('lists exactly the routes Fastify serves under /api/v1 (HEAD aside)', () => {
    const documented = new Set(operationsOf(doc).map((op) => `${op.method} ${toFastifyPath(op.path)}`));
    for (const op of operationsOf(doc)) expect(op.path.startsWith('/api/v1/'), op.path).toBe(true);

    const specs = new Set(h.server.current()!.routes.map((route) => `${route.method} ${route.url}`));
    expect([...documented].sort()).toEqual([...specs].sort());

    const served = [...fastifyRoutes(h)].filter((route) => route.split(' ')[1]!.startsWith('/api/v1'));
    expect(served.length).toBeGreaterThan(0);
    expect([...documented].sort()).toEqual(served.sort());

    const app = h.server.current()!.app;
    for (const op of operationsOf(doc)) {
      expect(app.hasRoute({ method: op.method as 'GET', url: toFastifyPath(op.path) }), op.path).toBe(true);
    }
  });

  it('every documented route answers over HTTP (never "route not found", never 5xx)', async () => {
    for (const op of operationsOf(doc)) {
      const projectPath = join(h.dataDir, `probe-${op.operation.operationId}.als`);
      writeFileSync(projectPath, 'project');
      const session = h.core.sessions.create({ title: 'Probe', projectPath });
      const fixtures = { sessionId: session.id, projectPath };
      const res = await h.request(op.method, concretePath(op.path, fixtures), {
        body: bodyFor(doc, op, fixtures),
      });
      expect(isRouteNotFound(res), `${op.method} ${op.path}: ${res.text}`).toBe(false);
      expect(res.status, `${op.method} ${op.path}: ${res.text}`).toBeLessThan(500);
      if (op.operation.operationId in PRESENT_OPERATIONS) {
        expect(res.status, `${op.method} ${op.path}: ${res.text}`).toBe(
          op.operation.operationId === 'createSession' ? 201 : 200,
        );
      }
    }
  });
});

describe('read-only mode, for every operation /openapi.json lists', () => {
  let h: ApiHarness;

  afterEach(async () => {
    await h?.close();
  });

  function snapshot(harness: ApiHarness): unknown {
    return {
      sessions: harness.core.sessions.list({ limit: 500 }),
      tags: harness.core.sessions.tagCounts(),
    };
  }

  it('refuses every write with 403 read_only and changes nothing', async () => {
    h = await startApi({ mode: 'read-only' });
    const doc = await fetchDoc(h);
    const projectPath = join(h.dataDir, 'Song.als');
    writeFileSync(projectPath, 'project');
    const session = h.core.sessions.create({ title: 'Guarded', tags: ['keep'], notes: 'keep', projectPath });
    h.core.sessions.create({ title: 'Other', tags: ['keep', 'other'] });
    const fixtures = { sessionId: session.id, projectPath };

    const writes = operationsOf(doc).filter((op) => op.method !== 'GET');
    const writeIds = writes.map((op) => op.operation.operationId);
    for (const id of [
      'createSession',
      'patchSession',
      'deleteSession',
      'replaceSessionTags',
      'patchSessionTags',
      'replaceSessionNotes',
      'patchSessionNotes',
      'openSession',
      'focusSession',
    ]) {
      expect(writeIds).toContain(id);
    }

    const before = snapshot(h);
    for (const op of writes) {
      const label = `${op.method} ${op.path}`;
      const res = await h.request(op.method, concretePath(op.path, fixtures), {
        body: bodyFor(doc, op, fixtures),
      });
      expect(res.status, `${label}: ${res.text}`).toBe(403);
      expect(res.json, label).toEqual({
        error: { status: 403, code: 'read_only', message: READ_ONLY_MESSAGE },
      });
      expect(res.headers.get('content-type'), label).toMatch(/^application\/json\b/);
      expect(snapshot(h), label).toEqual(before);
    }
    expect(h.core.sessions.get(session.id)).toEqual(session);
    expect(h.core.sessions.list().meta.total).toBe(2);
    expect(h.opener.opened).toEqual([]);
    expect(h.window!.focused).toEqual([]);
  });

  it('refuses writes before judging their bodies (bad JSON, wrong type, missing session)', async () => {
    h = await startApi({ mode: 'read-only' });
    const doc = await fetchDoc(h);
    const session = h.core.sessions.create({ title: 'Guarded' });
    const before = snapshot(h);
    for (const op of operationsOf(doc).filter((o) => o.method !== 'GET')) {
      const path = concretePath(op.path, { sessionId: session.id, projectPath: '/nowhere' });
      const label = `${op.method} ${op.path}`;
      const badJson = await h.request(op.method, path, {
        rawBody: '{"broken": ',
        headers: { 'Content-Type': 'application/json' },
      });
      expect(badJson.json?.error?.code, `${label}: ${badJson.text}`).toBe('read_only');
      const plain = await h.request(op.method, path, { rawBody: 'hello' });
      expect(plain.json?.error?.code, `${label}: ${plain.text}`).toBe('read_only');
    }
    expect(snapshot(h)).toEqual(before);
  });

  it('serves every read operation (not 403, never 5xx), the present ones with 200', async () => {
    h = await startApi({ mode: 'read-only' });
    const doc = await fetchDoc(h);
    const session = h.core.sessions.create({ title: 'Readable', tags: ['t'] });
    const fixtures = { sessionId: session.id, projectPath: '/nowhere' };
    const reads = operationsOf(doc).filter((op) => op.method === 'GET');
    expect(reads.map((op) => op.operation.operationId)).toEqual(
      expect.arrayContaining([
        'getHealth',
        'listSessions',
        'getSession',
        'getSessionTags',
        'listTags',
        'getSessionPreview',
      ]),
    );
    for (const op of reads) {
      const label = `${op.method} ${op.path}`;
      const res = await h.request('GET', concretePath(op.path, fixtures));
      expect(res.status, `${label}: ${res.text}`).not.toBe(403);
      expect(res.status, `${label}: ${res.text}`).toBeLessThan(500);
      expect(isRouteNotFound(res), label).toBe(false);
      if (op.operation.operationId in PRESENT_OPERATIONS)
        expect(res.status, `${label}: ${res.text}`).toBe(200);
    }
    const health = await h.request('GET', '/health');
    expect(health.json.data).toMatchObject({ configuredMode: 'read-only', effectiveMode: 'read-only' });
  });
});
