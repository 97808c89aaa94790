// Every status the server can send on a route is documented for that operation in /openapi.json.
// The statuses are collected two ways: sent over real HTTP by probes that every route faces (no
// token, a foreign Origin, read-only mode, an unsupported Expect, a bad Content-Length, a malformed
// id, unknown ids, unknown query parameters, and on body routes a non-JSON type, a body over the
// limit and broken JSON), and, for answers a probe cannot provoke cheaply, from the error paths the
// code has (any handler can fail with 500; the routes' own errors: 416, 422, 501, open_failed).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../helpers/api-harness';
import { rawRequest } from '../helpers/raw-http';

/* eslint-disable @typescript-eslint/no-explicit-any */
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const MIB = 1024 * 1024;

/** Statuses known from the code's error paths rather than provoked here (see the tests cited). */
const KNOWN_FROM_CODE: Record<string, number[]> = {
  // Range beyond the file (test/api/previews.test.ts).
  getSessionPreviewAudio: [200, 206, 416],
  // Undecodable audio (test/api/waveform.test.ts).
  getSessionWaveform: [422],
  // 501 headless, 400 focus_failed for a destroyed window (test/api/endpoints.test.ts).
  focusSession: [400, 501],
  // open_failed (test/api/endpoints.test.ts).
  openSession: [400],
};

interface Op {
  method: string;
  path: string;
  operation: any;
}

let h: ApiHarness;
let doc: any;
let sessionId: string;

beforeAll(async () => {
  h = await startApi();
  doc = (await h.request('GET', '/openapi.json', { token: null })).json;
  const projectPath = join(h.dataDir, 'probe.als');
  writeFileSync(projectPath, 'project');
  sessionId = h.core.sessions.create({ title: 'Probe', projectPath }).id;
});
afterAll(() => h.close());

function operations(): Op[] {
  const ops: Op[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    if (!path.startsWith('/api/v1')) continue;
    for (const method of METHODS) {
      if (item[method]) ops.push({ method: method.toUpperCase(), path, operation: item[method] });
    }
  }
  return ops;
}

function concrete(path: string, known: boolean): string {
  return path.replace(/\{([^}]+)\}/g, (_all, name: string) =>
    name === 'id' && known
      ? sessionId
      : `${name === 'id' ? 'session' : name.replace(/Id$/, '')}_doesnotexist`,
  );
}

/** The statuses the probes get from one operation over HTTP. */
async function probe(op: Op): Promise<Set<number>> {
  const statuses = new Set<number>();
  const path = concrete(op.path, true);
  const port = Number(new URL(h.origin).port);
  const send = async (
    target: string,
    init: { headers?: Record<string, string>; body?: string | Buffer; token?: string | null } = {},
  ) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token !== null) headers.authorization = `Bearer ${init.token ?? h.token()}`;
    const res = await rawRequest(port, { method: op.method, path: target, headers, body: init.body });
    statuses.add(res.status);
    return res;
  };
  await send(path, { token: null });
  await send(path, { headers: { origin: 'http://evil.example' } });
  await send(path, { headers: { expect: 'something-else' } });
  await send(path, { headers: { 'content-length': '5' }, body: 'abc' }).catch(() => undefined);
  await send(concrete(op.path, false));
  await send(`${path}?bogus=1`);
  await send(`${path}%zz`);
  // Bodies on every method (a GET's body is ignored): whatever the server answers must be documented.
  {
    const json = { 'content-type': 'application/json' };
    await send(path, { headers: { 'content-type': 'text/plain' }, body: 'x' });
    await send(path, { headers: json, body: '{"broken": ' });
    await send(path, { headers: json, body: JSON.stringify({ x: 'a'.repeat(17 * MIB) }) });
    await send(path, { headers: json, body: '{"unknownField": 1}' });
    await send(path, { headers: json, body: '[]' });
  }
  h.core.settings.setApiMode('read-only');
  await h.server.settled();
  try {
    await send(path);
  } finally {
    h.core.settings.setApiMode('full-automation');
    await h.server.settled();
  }
  return statuses;
}

describe('every status the server can send is in /openapi.json', () => {
  it('the document lists the operations probed below', () => {
    expect(operations().length).toBeGreaterThan(20);
  });

  it('every status probed over HTTP or known from the code is documented for its operation', async () => {
    const missing: string[] = [];
    for (const op of operations()) {
      const id = op.operation.operationId as string;
      const sent = await probe(op);
      for (const status of KNOWN_FROM_CODE[id] ?? []) sent.add(status);
      // Any handler can fail unexpectedly; that leaves as 500 internal_error.
      sent.add(500);
      const documented = Object.keys(op.operation.responses ?? {});
      for (const status of [...sent].sort()) {
        if (!documented.includes(String(status))) missing.push(`${op.method} ${op.path} (${id}): ${status}`);
      }
    }
    expect(missing).toEqual([]);
    // Hundreds of probes over real HTTP: ~15 s alone on the 2-core machine, twice that when loaded.
  }, 120_000);

  it('each error status is documented as the error envelope with a description', () => {
    for (const op of operations()) {
      for (const [status, response] of Object.entries<any>(op.operation.responses)) {
        if (Number(status) < 400) continue;
        expect(response.description, `${op.operation.operationId} ${status}`).toEqual(expect.any(String));
        const schema = response.content?.['application/json']?.schema;
        expect(JSON.stringify(schema), `${op.operation.operationId} ${status}`).toContain('ErrorEnvelope');
      }
    }
  });
});
