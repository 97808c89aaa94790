// The MCP server at /mcp (issue 14 §1) through the MCP SDK's own client over real HTTP, against a
// real core: tools listed by mode with their schemas and annotations, every tool called and its
// answer compared with the Local API's for the same thing, bad arguments answered with the API's
// messages, resources, the transport checks (Host, Origin, token) and mode switches applying to the
// very next request.
// Structured results are checked by the SDK client against each tool's output schema; the tests read
// them as loosely as JSON.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_QUERY_PARAMS } from '../../src/shared/validation/list-query';
import { startApi, type ApiHarness } from '../helpers/api-harness';
import { callTool, connectMcp, textsOf } from '../helpers/mcp-client';
import { rawRequest } from '../helpers/raw-http';

const READ_ONLY_MESSAGE = 'Enable Full Automation to perform this action.';

const READ_TOOLS = [
  'list_sessions',
  'get_session',
  'list_tags',
  'get_preview',
  'get_waveform_notes',
  'get_project',
  'list_plugins',
  'list_collections',
  'get_collection',
  'get_import',
];
const WRITE_TOOLS = [
  'create_session',
  'update_session',
  'delete_session',
  'set_tags',
  'set_notes',
  'add_waveform_note',
  'replace_waveform_notes',
  'create_collection',
  'update_collection',
  'delete_collection',
  'add_to_collection',
  'set_collection_sessions',
  'remove_from_collection',
  'attach_preview',
  'detach_preview',
  'set_preferred_preview',
  'start_import',
  'cancel_import',
  'open_session',
  'focus_session',
];

const REAPER_PROJECT = [
  '<REAPER_PROJECT 0.1 "7.12/linux-x86_64" 1700000000',
  '  TEMPO 128 4 4',
  '  <TRACK {A}',
  '    NAME Keys',
  '    <FXCHAIN',
  '      <VST "VST3i: Serum (Xfer Records)" x.vst3 0 "" 1',
  '      >',
  '    >',
  '  >',
  '>',
].join('\n');

/** The structured result of a successful call (the SDK client checked it against the output schema). */
async function ok(client: Client, name: string, args: Record<string, unknown> = {}): Promise<any> {
  const result = await callTool(client, name, args);
  expect(result.isError, `${name}: ${textsOf(result).join(' ')}`).toBeFalsy();
  const [summary, json] = textsOf(result);
  expect(summary!.length).toBeGreaterThan(0);
  expect(summary!.length).toBeLessThan(2_000);
  expect(JSON.parse(json!)).toEqual(result.structuredContent);
  return result.structuredContent;
}

/** A tool error: the message first, then the Local API's envelope as JSON. */
async function refused(client: Client, name: string, args: Record<string, unknown>): Promise<any> {
  const result = await callTool(client, name, args);
  expect(result.isError, `${name} should fail: ${textsOf(result).join(' ')}`).toBe(true);
  expect(result.structuredContent).toBeUndefined();
  const [message, json] = textsOf(result);
  const envelope = JSON.parse(json!).error;
  expect(envelope.message).toBe(message);
  return envelope;
}

describe('MCP tools', () => {
  let h: ApiHarness;
  let client: Client;
  let dir: string;
  let projectPath: string;
  let wav: string;

  beforeAll(async () => {
    h = await startApi();
    client = await connectMcp(h);
    dir = mkdtempSync(join(tmpdir(), 'sessiondock-mcp-'));
    projectPath = join(dir, 'Anthem.rpp');
    writeFileSync(projectPath, REAPER_PROJECT);
    wav = join(dir, 'Anthem mix.wav');
    writeFileSync(wav, Buffer.alloc(4096, 7));
  });
  afterAll(async () => {
    await client.close();
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every tool with its schemas and annotations in full automation', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...READ_TOOLS, ...WRITE_TOOLS].sort());
    for (const tool of tools) {
      expect(tool.inputSchema.type, tool.name).toBe('object');
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      // Standalone and portable: no $ref, no type arrays (every client's validator reads them).
      expect(JSON.stringify(tool), tool.name).not.toContain('$ref');
      expect(JSON.stringify(tool), tool.name).not.toMatch(/"type":\[/);
      expect(tool.description!.length, tool.name).toBeGreaterThan(20);
      const write = WRITE_TOOLS.includes(tool.name);
      expect(tool.annotations?.readOnlyHint, tool.name).toBe(!write);
      if (write) {
        expect(typeof tool.annotations?.destructiveHint, tool.name).toBe('boolean');
        expect(typeof tool.annotations?.idempotentHint, tool.name).toBe('boolean');
      }
    }
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    expect(byName.get('delete_session')!.annotations).toMatchObject({ destructiveHint: true });
    expect(byName.get('set_tags')!.annotations).toMatchObject({
      destructiveHint: true,
      idempotentHint: true,
    });
    expect(byName.get('create_session')!.annotations).toMatchObject({
      destructiveHint: false,
      idempotentHint: false,
    });
    // Every list filter of the Local API is an argument of list_sessions.
    expect(Object.keys(byName.get('list_sessions')!.inputSchema.properties!).sort()).toEqual(
      [...LIST_QUERY_PARAMS].sort(),
    );
  });

  it('introduces itself and its capabilities', () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'sessiondock', title: 'SessionDock' });
    expect(client.getServerCapabilities()).toMatchObject({ tools: {}, resources: {} });
    expect(client.getServerCapabilities()?.prompts).toBeUndefined();
    expect(client.getInstructions()).toMatch(/list_sessions/);
  });

  it('calls every tool, each answering what the Local API answers', async () => {
    const called = new Set<string>();
    const use = async (name: string, args: Record<string, unknown> = {}): Promise<any> => {
      called.add(name);
      return ok(client, name, args);
    };

    const { session } = await use('create_session', {
      title: 'Anthem',
      kind: 'Reaper',
      tags: ['club'],
      projectPath,
    });
    expect((await h.request('GET', `/sessions/${session.id}`)).json.data).toEqual(session);
    const second = (await use('create_session', { title: 'Ballad' })).session;

    expect((await use('get_session', { id: session.id })).session).toEqual(session);
    const updated = (await use('update_session', { id: session.id, status: 'mixing', client: 'Nova' }))
      .session;
    expect(updated).toMatchObject({ status: 'mixing', client: 'Nova' });
    expect((await h.request('GET', `/sessions/${session.id}`)).json.data).toEqual(updated);

    expect(await use('set_tags', { id: session.id, tags: ['club', 'Vocal'] })).toEqual({
      id: session.id,
      tags: ['club', 'Vocal'],
    });
    expect(await use('set_notes', { id: session.id, notes: 'bass too loud at 1:10' })).toEqual({
      id: session.id,
      notes: 'bass too loud at 1:10',
    });
    expect((await use('list_tags')).tags).toEqual((await h.request('GET', '/tags')).json.data);

    const listed = await use('list_sessions', { tags: ['club'], status: 'mixing', limit: 10 });
    const overHttp = await h.request('GET', '/sessions?tags=club&status=mixing&limit=10');
    expect(listed).toEqual({ sessions: overHttp.json.data, meta: overHttp.json.meta });
    expect(listed.meta.total).toBe(1);
    expect((await use('list_sessions', { q: 'ballad' })).sessions.map((s: any) => s.id)).toEqual([second.id]);

    // Previews and waveform notes.
    const attached = (await use('attach_preview', { id: session.id, path: wav })).preview;
    const other = join(dir, 'Anthem alt.wav');
    writeFileSync(other, Buffer.alloc(4096, 9));
    const alternative = (await use('attach_preview', { id: session.id, path: other, name: 'Alt' })).preview;
    expect(alternative).toMatchObject({ name: 'Alt', path: other });
    expect(
      (await use('set_preferred_preview', { id: session.id, preferredPreviewId: attached.id })).preview,
    ).toMatchObject({ preferredPreviewId: attached.id });
    expect(await use('detach_preview', { id: session.id, previewId: alternative.id })).toEqual({
      deleted: true,
      id: alternative.id,
    });
    const { preview } = await use('get_preview', { id: session.id });
    expect(preview).toEqual((await h.request('GET', `/sessions/${session.id}/preview`)).json.data);
    expect(preview.previews).toHaveLength(1);
    expect((await use('get_waveform_notes', { id: session.id })).lane.notes).toEqual([]);
    const added = await use('add_waveform_note', { id: session.id, timestamp: 70, text: 'bass too loud' });
    const again = await use('add_waveform_note', { id: session.id, timestamp: 12.5, text: 'intro' });
    expect(again.lane.notes.map((note: any) => [note.timestamp, note.text])).toEqual([
      [12.5, 'intro'],
      [70, 'bass too loud'],
    ]);
    // The first note kept its id and createdAt when the second was added.
    expect(again.lane.notes[1]).toEqual(added.lane.notes[0]);
    const replaced = await use('replace_waveform_notes', {
      id: session.id,
      variantId: preview.preferredPreviewId,
      notes: [{ timestamp: 1, text: 'start' }],
    });
    expect(replaced.lane.notes.map((note: any) => note.text)).toEqual(['start']);
    expect((await use('get_waveform_notes', { id: session.id })).lane).toEqual(
      (await h.request('GET', `/sessions/${session.id}/waveform-notes`)).json.data,
    );

    // What the project file says.
    await h.core.projects.whenIdle();
    const { project } = await use('get_project', { id: session.id });
    expect(project).toEqual((await h.request('GET', `/sessions/${session.id}/project`)).json.data);
    expect(project).toMatchObject({ status: 'ready', tempo: 128 });
    expect((await use('list_plugins')).plugins).toEqual((await h.request('GET', '/plugins')).json.data);
    expect(
      (await use('list_sessions', { plugin: 'Serum', tempoMin: 120 })).sessions.map((s: any) => s.id),
    ).toEqual([session.id]);

    // Collections.
    const manual = (await use('create_collection', { name: 'Album' })).collection;
    const smart = (await use('create_collection', { name: 'Mixing now', query: { status: 'mixing' } }))
      .collection;
    expect(smart).toMatchObject({ kind: 'smart', sessionCount: 1 });
    expect(
      (await use('add_to_collection', { id: manual.id, sessionIds: [session.id, second.id] })).collection,
    ).toMatchObject({ sessionCount: 2 });
    expect(
      (await use('set_collection_sessions', { id: manual.id, sessionIds: [second.id, session.id] }))
        .collection,
    ).toMatchObject({ sessionCount: 2 });
    expect((await use('list_sessions', { collection: manual.id })).sessions.map((s: any) => s.id)).toEqual([
      second.id,
      session.id,
    ]);
    expect(
      (await use('remove_from_collection', { id: manual.id, sessionId: second.id })).collection.sessionCount,
    ).toBe(1);
    expect((await use('update_collection', { id: manual.id, name: 'Album 2' })).collection.name).toBe(
      'Album 2',
    );
    expect((await use('get_collection', { id: manual.id })).collection).toEqual(
      (await h.request('GET', `/collections/${manual.id}`)).json.data,
    );
    expect((await use('list_collections')).collections).toEqual(
      (await h.request('GET', '/collections')).json.data,
    );
    expect(await use('delete_collection', { id: smart.id })).toEqual({ deleted: true, id: smart.id });

    // Import, and its progress.
    const imported = join(dir, 'Imported.rpp');
    writeFileSync(imported, REAPER_PROJECT);
    const started = (await use('start_import', { items: [{ projectPath: imported }] })).import;
    expect(started).toMatchObject({ total: 1 });
    await h.core.imports.whenDone(started.importId);
    const status = (await use('get_import', { importId: started.importId })).import;
    expect(status).toMatchObject({ done: true, completed: 1, items: [{ status: 'imported' }] });
    expect(status).toEqual((await h.request('GET', `/import/${started.importId}`)).json.data);
    const { items: _items, ...finished } = status;
    expect((await use('cancel_import', { importId: started.importId })).import).toEqual(finished);

    // The desktop: open in the DAW, focus the window.
    expect(await use('open_session', { id: session.id })).toEqual({
      id: session.id,
      opened: true,
      focused: false,
    });
    expect(h.opener.opened).toEqual([projectPath]);
    expect((await h.request('GET', `/sessions/${session.id}`)).json.data.lastOpened).not.toBeNull();
    expect(await use('focus_session', { id: session.id })).toMatchObject({ id: session.id, focused: true });
    expect(h.window!.focused).toEqual([session.id]);

    expect(await use('delete_session', { id: second.id })).toEqual({ deleted: true, id: second.id });
    expect((await h.request('GET', `/sessions/${second.id}`)).status).toBe(404);

    expect([...called].sort()).toEqual([...READ_TOOLS, ...WRITE_TOOLS].sort());
  });

  it('answers bad arguments with a clear tool error and the Local API envelope, writing nothing', async () => {
    const { session } = await ok(client, 'create_session', { title: 'Target' });
    const before = (await h.request('GET', `/sessions/${session.id}`)).json.data;
    const cases: [string, Record<string, unknown>, number, string, RegExp][] = [
      ['get_session', {}, 400, 'invalid_input', /^id is required: a session id$/],
      ['get_session', { id: 42 }, 400, 'invalid_input', /^id must be a session id \(got a number\)$/],
      ['get_session', { id: '' }, 400, 'invalid_input', /^id must be a session id \(got an empty string\)$/],
      ['get_session', { id: 'session_nope' }, 404, 'not_found', /^session not found$/],
      ['get_session', { id: session.id, extra: 1 }, 400, 'invalid_input', /^unknown argument: extra$/],
      ['create_session', {}, 400, 'invalid_input', /title/],
      ['create_session', { title: 'x', id: 'session_mine' }, 400, 'invalid_input', /id/],
      ['update_session', { id: session.id }, 400, 'invalid_input', /at least one/],
      ['update_session', { id: session.id, status: 'finished-ish' }, 400, 'invalid_input', /status/],
      ['update_session', { id: session.id, title: 3 }, 400, 'invalid_input', /title/],
      ['set_tags', { id: session.id, tags: 'club' }, 400, 'invalid_input', /tags/],
      ['set_notes', { id: session.id, notes: 5 }, 400, 'invalid_input', /notes/],
      ['list_sessions', { limit: 0 }, 400, 'invalid_input', /limit/],
      ['list_sessions', { sort: 'loudness' }, 400, 'invalid_input', /sort/],
      [
        'list_sessions',
        { tempoMin: 200, tempoMax: 100 },
        400,
        'invalid_input',
        /tempoMin must not be above tempoMax/,
      ],
      ['list_sessions', { colour: 'red' }, 400, 'invalid_input', /unknown query parameter: colour/],
      ['add_waveform_note', { id: session.id, timestamp: 1, text: 'x' }, 404, 'preview_not_found', /preview/],
      ['get_project', { id: 'session_nope' }, 404, 'not_found', /session not found/],
      ['get_collection', { id: 'collection_nope' }, 404, 'collection_not_found', /collection not found/],
      [
        'add_to_collection',
        { id: 'collection_nope', sessionIds: [] },
        404,
        'collection_not_found',
        /collection/,
      ],
      ['get_import', { importId: 'import_nope' }, 404, 'import_not_found', /import not found/],
      ['start_import', { items: [] }, 400, 'invalid_input', /items/],
      ['start_import', { items: [{ projectPath: 'relative/path.rpp' }] }, 400, 'invalid_input', /absolute/],
      ['open_session', { id: session.id }, 400, 'open_failed', /project/],
      ['list_tags', { limit: 1 }, 400, 'invalid_input', /^unknown argument: limit$/],
    ];
    for (const [name, args, status, code, message] of cases) {
      const envelope = await refused(client, name, args);
      expect(envelope, `${name} ${JSON.stringify(args)}`).toMatchObject({ status, code });
      expect(envelope.message, `${name} ${JSON.stringify(args)}`).toMatch(message);
    }
    // A new note that is not valid is named by the arguments given, not by its place in the lane.
    writeFileSync(wav, Buffer.alloc(4096, 7));
    await h.request('POST', `/sessions/${session.id}/previews`, { body: { path: wav } });
    const note = await refused(client, 'add_waveform_note', { id: session.id, timestamp: -1, text: 'x' });
    expect(note.message).toBe('timestamp must be a finite number of seconds >= 0');
    expect((await h.request('GET', `/sessions/${session.id}/waveform-notes`)).json.data.notes).toEqual([]);

    const after = (await h.request('GET', `/sessions/${session.id}`)).json.data;
    // The refused calls wrote nothing (the preview attached above is the only change).
    for (const field of [
      'title',
      'kind',
      'status',
      'accent',
      'client',
      'tags',
      'notes',
      'projectPath',
      'lastOpened',
    ])
      expect(after[field], field).toEqual(before[field]);
  });

  it('answers an unknown tool as a protocol error', async () => {
    await expect(client.callTool({ name: 'drop_library', arguments: {} })).rejects.toThrow(
      /Unknown tool: drop_library/,
    );
  });

  it('serves sessions as resources, paged, and as one JSON document each', async () => {
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates).toEqual([
      expect.objectContaining({ uriTemplate: 'sessiondock://sessions/{id}', mimeType: 'application/json' }),
    ]);
    const total = (await h.request('GET', '/sessions?limit=1')).json.meta.total;
    for (let i = total; i < 130; i++)
      await h.request('POST', '/sessions', { body: { title: `Filler ${i}` } });
    const first = await client.listResources();
    expect(first.resources).toHaveLength(100);
    expect(first.nextCursor).toBe('100');
    const rest = await client.listResources({ cursor: first.nextCursor });
    expect(rest.resources).toHaveLength(30);
    expect(rest.nextCursor).toBeUndefined();
    const newest = (await h.request('GET', '/sessions?limit=1')).json.data[0];
    expect(first.resources[0]).toMatchObject({
      uri: `sessiondock://sessions/${newest.id}`,
      name: newest.title,
      mimeType: 'application/json',
    });
    await expect(client.listResources({ cursor: 'abc' })).rejects.toThrow(/cursor/);

    const anthem = (await h.request('GET', '/sessions?q=anthem')).json.data[0];
    const read = await client.readResource({ uri: `sessiondock://sessions/${anthem.id}` });
    expect(read.contents).toHaveLength(1);
    const document = JSON.parse((read.contents[0] as { text: string }).text);
    expect(document.session).toEqual((await h.request('GET', `/sessions/${anthem.id}`)).json.data);
    expect(document.project).toEqual((await h.request('GET', `/sessions/${anthem.id}/project`)).json.data);
    expect(document.waveformNotes.map((note: any) => note.text)).toEqual(['start']);

    await expect(client.readResource({ uri: 'sessiondock://sessions/session_nope' })).rejects.toThrow(
      /Resource not found/,
    );
    await expect(client.readResource({ uri: 'file:///etc/passwd' })).rejects.toThrow(/unknown resource/);
  });
});

describe('MCP and the modes', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApi({ mode: 'read-only' });
  });
  afterAll(async () => h.close());

  it('lists only read tools in read-only mode and refuses a write call with the read-only message', async () => {
    const client = await connectMcp(h);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...READ_TOOLS].sort());
    for (const name of WRITE_TOOLS) {
      const envelope = await refused(client, name, { id: 'session_x', title: 'x' });
      expect(envelope).toEqual({ status: 403, code: 'read_only', message: READ_ONLY_MESSAGE });
    }
    expect((await h.request('GET', '/sessions')).json.meta.total).toBe(0);
    await client.close();
  });

  it('applies a mode switch to the next request of a connected client', async () => {
    const client = await connectMcp(h);
    h.core.settings.setApiMode('full-automation');
    await h.server.settled();
    expect((await client.listTools()).tools).toHaveLength(READ_TOOLS.length + WRITE_TOOLS.length);
    const { session } = await ok(client, 'create_session', { title: 'Before the switch' });

    h.core.settings.setApiMode('read-only');
    await h.server.settled();
    expect((await client.listTools()).tools).toHaveLength(READ_TOOLS.length);
    const envelope = await refused(client, 'update_session', { id: session.id, title: 'After' });
    expect(envelope.code).toBe('read_only');
    expect((await ok(client, 'get_session', { id: session.id })).session.title).toBe('Before the switch');
    await client.close();
  });

  it('never changes the mode or the token: no tool does, whatever it is asked', async () => {
    h.core.settings.setApiMode('full-automation');
    await h.server.settled();
    const client = await connectMcp(h);
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names.filter((name) => /mode|token|setting|api/i.test(name))).toEqual([]);
    await client.close();
  });

  it('stops answering when the API is disabled, and answers again when enabled', async () => {
    const client = await connectMcp(h);
    await h.server.setMode('disabled');
    await expect(client.listTools()).rejects.toThrow();
    await h.server.setMode('read-only');
    // The harness listens on port 0: enabled again, the API has a new port (the app keeps its own).
    const again = await connectMcp({ ...h, origin: `http://127.0.0.1:${h.server.port()}` });
    expect((await again.listTools()).tools).toHaveLength(READ_TOOLS.length);
    await again.close();
    await client.close();
  });
});

describe('MCP transport checks', () => {
  let h: ApiHarness;
  let port: number;

  beforeAll(async () => {
    h = await startApi();
    port = h.server.port()!;
  });
  afterAll(async () => h.close());

  const initialize = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
  });
  const post = (headers: Record<string, string>, body = initialize) =>
    rawRequest(port, {
      method: 'POST',
      path: '/mcp',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
        ...headers,
      },
      body,
    });
  const auth = (): Record<string, string> => ({
    Host: `127.0.0.1:${port}`,
    Authorization: `Bearer ${h.token()}`,
  });

  it('answers a well-formed request', async () => {
    const response = await post(auth());
    expect(response.status, response.text).toBe(200);
    expect(response.json).toMatchObject({
      jsonrpc: '2.0',
      id: 1,
      result: { serverInfo: { name: 'sessiondock' } },
    });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['mcp-session-id']).toBeUndefined();
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin (a web page) before the token', async () => {
    for (const host of [
      'evil.example:80',
      `evil.example:${port}`,
      `127.0.0.1.nip.io:${port}`,
      `[::1]:${port}`,
    ]) {
      const response = await post({ ...auth(), Host: host });
      expect(response.status, host).toBe(403);
      expect(response.json.error.code).toBe('forbidden_host');
    }
    for (const origin of [
      'http://evil.example',
      `http://127.0.0.1:${port + 1}`,
      'null',
      `https://127.0.0.1:${port}`,
    ]) {
      const response = await post({ ...auth(), Origin: origin });
      expect(response.status, origin).toBe(403);
      expect(response.json.error.code).toBe('forbidden_origin');
    }
    expect((await post({ ...auth(), Origin: `http://127.0.0.1:${port}` })).status).toBe(200);
  });

  it('needs the token, and refuses the old one right after a rotation', async () => {
    const anonymous = await post({ Host: `127.0.0.1:${port}` });
    expect(anonymous.json.error.code).toBe('unauthorized');
    expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="SessionDock Local API"');
    expect((await post({ ...auth(), Authorization: 'Bearer sdk_wrong' })).status).toBe(401);
    expect((await post({ ...auth(), Authorization: `Basic ${h.token()}` })).status).toBe(401);

    const old = h.token();
    const withOld = await connectMcp(h, { token: old });
    const withCurrent = await connectMcp(h);
    await h.core.rotateToken();
    await expect(withOld.listTools()).rejects.toThrow(/401|Unauthorized|Bearer/i);
    expect((await withCurrent.listTools()).tools.length).toBeGreaterThan(0);
    await expect(connectMcp(h, { token: old })).rejects.toThrow();
    await withCurrent.close();
  });

  it('answers JSON-RPC errors for bodies that are not MCP, and 405 for the stream methods', async () => {
    const parse = await post(auth(), '{"jsonrpc":');
    expect(parse.status).toBe(400);
    expect(parse.json).toEqual({
      jsonrpc: '2.0',
      error: { code: -32700, message: expect.any(String) },
      id: null,
    });

    const notRpc = await post(auth(), '{"hello":"world"}');
    expect(notRpc.status).toBe(400);
    expect(notRpc.json.error.code).toBeLessThan(0);

    const typeless = await rawRequest(port, {
      method: 'POST',
      path: '/mcp',
      headers: { ...auth(), 'Content-Type': 'text/plain', Accept: 'application/json, text/event-stream' },
      body: initialize,
    });
    expect(typeless.status).toBe(415);

    const tooBig = await post(
      auth(),
      JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping', params: { pad: 'x'.repeat(1_100_000) } }),
    );
    expect(tooBig.status).toBe(413);

    for (const method of ['GET', 'DELETE']) {
      const response = await rawRequest(port, { method, path: '/mcp', headers: auth() });
      expect(response.status, method).toBe(405);
      expect(response.headers.allow).toBe('POST');
      expect(response.json.jsonrpc).toBe('2.0');
    }
    // Still serving.
    expect((await post(auth())).status).toBe(200);
  });
});
