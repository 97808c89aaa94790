// The preview-name limit, exactly, through both doors: the Local API over HTTP and the window's
// IPC handlers answer the same rule with the same message (src/shared/validation/preview-name.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/shared/domain';
import { createIpcHandlers, type IpcHandlers } from '../../src/main/ipc/handlers';
import { inertShell, startApi, type ApiHarness } from '../helpers/api-harness';
import { snapshotSessionTables } from '../helpers/temp-core';

const RULE =
  'name must be a string of 1-200 characters after trimming (not blank) with no control characters';
const REFUSED = { code: 'invalid_input', message: RULE };

let h: ApiHarness;
let dir: string;
let handlers: IpcHandlers;
afterEach(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function setup(): Promise<{ sessionId: string; audio: () => string }> {
  h = await startApi();
  dir = mkdtempSync(join(tmpdir(), 'sessiondock-preview-name-'));
  handlers = createIpcHandlers(h.core, h.server, inertShell());
  let count = 0;
  return {
    sessionId: h.core.sessions.create({ title: 'Named previews' }).id,
    // Each attach needs its own file: the same path twice is refused for another reason.
    audio: () => {
      const path = join(dir, `mix-${++count}.wav`);
      writeFileSync(path, Buffer.alloc(64));
      return path;
    },
  };
}

/** Attaches through the API and through IPC; returns both answers as `{ok, name | error}`. */
async function attachBoth(sessionId: string, audio: () => string, name: unknown) {
  const viaApi = await h.request('POST', `/sessions/${sessionId}/previews`, {
    body: { path: audio(), name },
  });
  const viaIpc = await handlers['previews:attach'](sessionId, { path: audio(), name: name as string });
  return {
    api:
      viaApi.status === 201
        ? { ok: true, name: viaApi.json.data.name }
        : { status: viaApi.status, ...viaApi.json.error },
    ipc: viaIpc.ok ? { ok: true, name: viaIpc.value.name } : viaIpc.error,
  };
}

describe('preview name limit (API and IPC)', () => {
  it('the limit is 200 characters', () => {
    expect(LIMITS.previewNameMax).toBe(200);
  });

  it('accepts exactly 200 characters and refuses 201 with the documented invalid_input message', async () => {
    const { sessionId, audio } = await setup();
    const atLimit = 'n'.repeat(200);
    expect(await attachBoth(sessionId, audio, atLimit)).toEqual({
      api: { ok: true, name: atLimit },
      ipc: { ok: true, name: atLimit },
    });

    const before = snapshotSessionTables(h.core);
    expect(await attachBoth(sessionId, audio, 'n'.repeat(201))).toEqual({
      api: { status: 400, ...REFUSED },
      ipc: REFUSED,
    });
    expect(snapshotSessionTables(h.core)).toEqual(before);
  });

  it('counts characters as people do (an emoji is one), after trimming', async () => {
    const { sessionId, audio } = await setup();
    const emoji = '🎵'.repeat(200);
    expect(await attachBoth(sessionId, audio, emoji)).toEqual({
      api: { ok: true, name: emoji },
      ipc: { ok: true, name: emoji },
    });
    const padded = `  ${'p'.repeat(200)}\t `;
    expect(await attachBoth(sessionId, audio, padded)).toEqual({
      api: { ok: true, name: 'p'.repeat(200) },
      ipc: { ok: true, name: 'p'.repeat(200) },
    });
    expect(await attachBoth(sessionId, audio, '🎵'.repeat(201))).toEqual({
      api: { status: 400, ...REFUSED },
      ipc: REFUSED,
    });
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['a number', 5],
    ['null', null],
    ['a control character', 'Mix\u0007'],
  ])('refuses a name that is %s', async (_label, name) => {
    const { sessionId, audio } = await setup();
    expect(await attachBoth(sessionId, audio, name)).toEqual({
      api: { status: 400, ...REFUSED },
      ipc: REFUSED,
    });
  });

  it('a name taken from a long file name is cut to the limit, never refused', async () => {
    const { sessionId } = await setup();
    const long = join(dir, `${'L'.repeat(230)}.wav`);
    writeFileSync(long, Buffer.alloc(64));
    const viaApi = await h.request('POST', `/sessions/${sessionId}/previews`, { body: { path: long } });
    expect(viaApi.status).toBe(201);
    expect(viaApi.json.data.name).toBe('L'.repeat(200));
  });
});
