// A write is refused in read-only mode even when the mode changed while its body was still on its
// way. The API checks the mode twice for write routes (route-spec `write: true`): before the body
// is read (onRequest, in create-api.ts) and again right before the service call (registerRoutes,
// in route-spec.ts). The first check has already passed for a slow upload that started in full
// automation; only the second one can refuse it. Removing it makes these tests fail.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../helpers/api-harness';
import { parseRawResponse } from '../helpers/raw-http';
import { snapshotSessionTables } from '../helpers/temp-core';

let h: ApiHarness;
afterEach(async () => {
  await h?.close();
});

interface SlowUpload {
  /** Sends the rest of the body; resolves with the response once the server closed the connection. */
  finish(): Promise<{ status: number; body: string }>;
}

/** Writes the request head and the first half of its body, then waits for the rest to be asked for. */
async function startSlowUpload(method: string, path: string, body: unknown): Promise<SlowUpload> {
  const port = h.server.port()!;
  const bytes = Buffer.from(JSON.stringify(body));
  const half = Math.floor(bytes.length / 2);
  const socket = net.connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  const closed = new Promise<string>((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
  const received = h.server.current()!.requests.requestCount();
  socket.write(
    [
      `${method} ${path} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      `Authorization: Bearer ${h.token()}`,
      'Content-Type: application/json',
      `Content-Length: ${bytes.length}`,
      'Connection: close',
      '',
      '',
    ].join('\r\n'),
  );
  socket.write(bytes.subarray(0, half));
  // The request has reached the API and passed its first (onRequest) checks; its body is incomplete.
  await expect.poll(() => h.server.current()!.requests.requestCount()).toBe(received + 1);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(chunks).toEqual([]);
  return {
    async finish() {
      socket.write(bytes.subarray(half));
      const { status, body: text } = parseRawResponse(await closed);
      return { status, body: text };
    },
  };
}

const READ_ONLY = {
  error: { status: 403, code: 'read_only', message: 'Enable Full Automation to perform this action.' },
};

describe('a write whose body is still arriving when the mode turns read-only', () => {
  it('POST /sessions: control: without a mode change the slow upload is written', async () => {
    h = await startApi();
    const upload = await startSlowUpload('POST', '/api/v1/sessions', { title: 'Slow but allowed' });
    const response = await upload.finish();
    expect(response.status).toBe(201);
    expect(h.core.sessions.list().data.map((session) => session.title)).toEqual(['Slow but allowed']);
  });

  it('POST /sessions: refused with 403 read_only, nothing written', async () => {
    h = await startApi();
    const before = snapshotSessionTables(h.core);
    const upload = await startSlowUpload('POST', '/api/v1/sessions', {
      title: 'Must not be written',
      notes: 'x'.repeat(10_000),
    });
    await h.server.setMode('read-only');
    const response = await upload.finish();
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toEqual(READ_ONLY);
    expect(snapshotSessionTables(h.core)).toEqual(before);
  });

  it('PATCH /sessions/{id} and POST /import: refused the same way, nothing written', async () => {
    h = await startApi();
    const session = h.core.sessions.create({ title: 'Unchanged' });
    const before = snapshotSessionTables(h.core);
    const patch = await startSlowUpload('PATCH', `/api/v1/sessions/${session.id}`, { title: 'Changed' });
    const bulk = await startSlowUpload('POST', '/api/v1/import', {
      items: [{ projectPath: '/tmp/sessiondock-never-imported.als' }],
    });
    await h.server.setMode('read-only');
    for (const upload of [patch, bulk]) {
      const response = await upload.finish();
      expect(response.status).toBe(403);
      expect(JSON.parse(response.body)).toEqual(READ_ONLY);
    }
    expect(snapshotSessionTables(h.core)).toEqual(before);
    expect(h.core.db.prepare('SELECT count(*) AS n FROM import_jobs').get()).toEqual({ n: 0 });
  });
});
