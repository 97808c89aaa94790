// The stdio bridge (src/mcp-bridge) started as MCP clients start it — the bin, as a subprocess — with
// the MCP SDK's own Client on its stdin/stdout, against a real core and its Local API over real
// HTTP: tools, a read, a write, a resource; a token rotation, the API switched off and on, the token
// file gone or from another SessionDock, all without restarting the bridge.
// The bin runs out/main/sessiondock-mcp.js when the build is current (CI builds first), else the
// TypeScript sources with tsx: the tests run whichever a user of this repository would get.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_ERROR_CODE } from '../../src/mcp-bridge/failure';
import { callTool, textsOf } from '../helpers/mcp-client';
import type { ApiHarness } from '../helpers/api-harness';
import {
  bridgeArgs,
  BIN,
  connectStdio,
  coreDataDir,
  startPinnedApi,
  type StdioClient,
} from './bridge-process';

let h: ApiHarness & { port: number };
let bridge: StdioClient;

beforeAll(async () => {
  h = await startPinnedApi();
  bridge = await connectStdio(bridgeArgs(h));
});

afterAll(async () => {
  await bridge?.close();
  await h?.close();
});

afterEach(() => {
  // Whatever a test did, stdout carried only JSON-RPC (else the transport reports a parse error),
  // and the token was never printed.
  expect(bridge.transportErrors).toEqual([]);
  expect(bridge.stderr()).not.toContain(h.token());
  expect(bridge.stderr()).not.toMatch(/sdk_[A-Za-z0-9_-]{43}/);
});

/** What a failed request rejects with: the bridge's own JSON-RPC error. */
async function bridgeError(promise: Promise<unknown>): Promise<McpError & { data: any }> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(McpError);
  expect((error as McpError).code).toBe(BRIDGE_ERROR_CODE);
  return error as McpError & { data: any };
}

describe('the stdio bridge with the SDK client', () => {
  it('initializes as SessionDock and lists its tools', async () => {
    expect(bridge.client.getServerVersion()).toMatchObject({ name: 'sessiondock', title: 'SessionDock' });
    expect(bridge.client.getInstructions()).toContain('SessionDock');
    const { tools } = await bridge.client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['list_sessions', 'create_session', 'get_session']));
    expect(tools.find((tool) => tool.name === 'list_sessions')?.annotations?.readOnlyHint).toBe(true);
  });

  it('calls a write tool and a read tool, and reads the session as a resource', async () => {
    const created = await callTool(bridge.client, 'create_session', {
      title: 'Through the bridge',
      kind: 'Ableton',
      status: 'draft',
      tags: ['bridge'],
    });
    expect(created.isError, textsOf(created).join(' ')).toBeFalsy();
    const id = (created.structuredContent as any).session.id as string;
    // On disk, seen by the Local API too.
    expect((await h.request('GET', `/sessions/${id}`)).json.data.title).toBe('Through the bridge');

    const listed = await callTool(bridge.client, 'list_sessions', { q: 'bridge' });
    expect((listed.structuredContent as any).sessions.map((s: any) => s.id)).toEqual([id]);

    const { resources } = await bridge.client.listResources();
    expect(resources.map((resource) => resource.uri)).toContain(`sessiondock://sessions/${id}`);
    const read = await bridge.client.readResource({ uri: `sessiondock://sessions/${id}` });
    const content = read.contents[0] as { mimeType?: string; text: string };
    expect(content.mimeType).toBe('application/json');
    expect(JSON.parse(content.text)).toMatchObject({ session: { id, title: 'Through the bridge' } });
  });

  it('answers a tool error as SessionDock words it (bad arguments)', async () => {
    const result = await callTool(bridge.client, 'create_session', { title: '', kind: 'Ableton' });
    expect(result.isError).toBe(true);
    expect(textsOf(result)[0]).toMatch(/title/i);
  });

  it('follows a token rotation with no restart: the old token is dead, the next call works', async () => {
    const before = h.token();
    await h.core.rotateToken();
    expect(h.token()).not.toBe(before);
    expect((await h.request('GET', '/health', { token: before })).status).toBe(401);
    const listed = await callTool(bridge.client, 'list_tags');
    expect(listed.isError).toBeFalsy();
  });

  it('answers every call while the token is rotated under them (a stale token is read again once)', async () => {
    const calls = Array.from({ length: 20 }, (_, index) =>
      callTool(bridge.client, index % 2 === 0 ? 'list_tags' : 'list_sessions', {
        ...(index % 2 && { limit: 1 }),
      }),
    );
    await h.core.rotateToken();
    for (const result of await Promise.all(calls)) expect(result.isError).toBeFalsy();
  });

  it('says SessionDock is not running while the Local API is disabled, and works again once it is on', async () => {
    await h.server.setMode('disabled');
    const failure = await bridgeError(bridge.client.listTools());
    expect(failure.message).toContain(
      'SessionDock is not running, or its Local API is disabled (nothing answers on port',
    );
    expect(failure.message).toContain(
      'open SessionDock and choose Settings → Local API → Read-only or Full Automation',
    );
    expect(failure.data).toEqual({ reason: 'not_running' });
    expect(bridge.stderr()).toContain('tools/list: SessionDock is not running');

    await h.server.setMode('read-only');
    expect(h.server.port()).toBe(h.port);
    const { tools } = await bridge.client.listTools();
    expect(tools.map((tool) => tool.name)).not.toContain('create_session');
    // A write in read-only mode is SessionDock's own refusal, passed through.
    const refused = await callTool(bridge.client, 'create_session', { title: 'No', kind: 'Ableton' });
    expect(refused.isError).toBe(true);
    expect(textsOf(refused)[0]).toBe('Enable Full Automation to perform this action.');

    await h.server.setMode('full-automation');
    const created = await callTool(bridge.client, 'create_session', { title: 'Back on', kind: 'Reaper' });
    expect(created.isError).toBeFalsy();
  });

  it('says where the token file should be when it is missing, and works once it is back', async () => {
    const tokenPath = join(coreDataDir(h), 'local-api-token');
    renameSync(tokenPath, `${tokenPath}.away`);
    try {
      const failure = await bridgeError(callTool(bridge.client, 'list_tags'));
      expect(failure.message).toContain(`There is no Local API token at ${tokenPath}.`);
      expect(failure.data).toEqual({ reason: 'token_missing' });
    } finally {
      renameSync(`${tokenPath}.away`, tokenPath);
    }
    expect((await callTool(bridge.client, 'list_tags')).isError).toBeFalsy();
  });

  it('names the data folder when SessionDock refuses the token in it (another SessionDock’s)', async () => {
    const tokenPath = join(coreDataDir(h), 'local-api-token');
    renameSync(tokenPath, `${tokenPath}.away`);
    writeFileSync(tokenPath, 'sdk_not-the-token-of-this-sessiondock\n');
    try {
      const failure = await bridgeError(callTool(bridge.client, 'list_tags'));
      expect(failure.message).toContain(`SessionDock refused the token in ${tokenPath} (401 unauthorized)`);
      expect(failure.message).toContain('--data-dir');
      expect(failure.data).toEqual({ reason: 'unauthorized', status: 401 });
    } finally {
      renameSync(`${tokenPath}.away`, tokenPath);
    }
    expect((await callTool(bridge.client, 'list_tags')).isError).toBeFalsy();
  });
});

describe('the stdio bridge started while SessionDock cannot answer', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('fails initialize with the clear error when there is no token file', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'sessiondock-bridge-'));
    dirs.push(empty);
    const connecting = connectStdio([BIN, '--data-dir', empty, '--port', String(h.port)]);
    const failure = await bridgeError(connecting);
    expect(failure.message).toContain(`There is no Local API token at ${join(empty, 'local-api-token')}.`);
  });
});
