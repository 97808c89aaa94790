// Fuzzed MCP tool calls (issue 14): arguments of every shape, for every tool, through the SDK's
// client over real HTTP. Each gets an answer — a result or a tool error in the Local API's envelope
// with a 4xx status — and never an internal error; the server keeps serving afterwards.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../helpers/api-harness';
import { callTool, connectMcp, textsOf } from '../helpers/mcp-client';

let h: ApiHarness;
let client: Client;
let dir: string;
let names: string[];
let argNames: string[];
const known: string[] = [];

beforeAll(async () => {
  h = await startApi();
  client = await connectMcp(h);
  dir = mkdtempSync(join(tmpdir(), 'sessiondock-mcp-fuzz-'));
  const wav = join(dir, 'mix.wav');
  writeFileSync(wav, Buffer.alloc(2048, 1));
  for (const title of ['One', 'Two']) {
    const id = (await h.request('POST', '/sessions', { body: { title } })).json.data.id;
    await h.request('POST', `/sessions/${id}/previews`, { body: { path: wav } });
    known.push(id);
  }
  known.push((await h.request('POST', '/collections', { body: { name: 'Fuzz' } })).json.data.id);
  const { tools } = await client.listTools();
  names = tools.map((tool) => tool.name);
  argNames = [...new Set(tools.flatMap((tool) => Object.keys(tool.inputSchema.properties ?? {})))];
});
afterAll(async () => {
  await client.close();
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Values that reach the services' edges: the right ids, near misses, every JSON type. */
const value = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(...known),
    fc.constantFrom('', ' ', 'session_', '../etc/passwd', '/tmp', 'C:\\x.als', '\u0000', 'ü'.repeat(300)),
    fc.jsonValue({ maxDepth: 3 }),
    fc.array(fc.oneof(fc.constantFrom(...known), fc.string()), { maxLength: 5 }),
    fc.double(),
    fc.integer(),
  );

it('answers every fuzzed call without an internal error', async () => {
  const outcomes = { ok: 0, refused: 0 };
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...names),
      fc.dictionary(fc.oneof(fc.constantFrom(...argNames), fc.string({ maxLength: 8 })), value(), {
        maxKeys: 5,
      }),
      async (name, args) => {
        const result = await callTool(client, name, args);
        if (!result.isError) {
          outcomes.ok++;
          return;
        }
        outcomes.refused++;
        const envelope = JSON.parse(textsOf(result)[1]!).error;
        expect(envelope.code, `${name} ${JSON.stringify(args)}: ${envelope.message}`).not.toBe(
          'internal_error',
        );
        expect(envelope.status).toBeGreaterThanOrEqual(400);
        expect(envelope.status).toBeLessThan(500);
      },
    ),
    { numRuns: 400, seed: 14 },
  );
  expect(outcomes.refused).toBeGreaterThan(100);
  // Still serving, over MCP and over the Local API.
  expect((await client.listTools()).tools.length).toBe(names.length);
  expect((await h.request('GET', '/health')).status).toBe(200);
  expect(h.core.diagnostics.lastError()).toBeNull();
});

it('answers fuzzed JSON-RPC bodies with a 2xx or 4xx, never a server error', async () => {
  const port = h.server.port()!;
  const methods = [
    'initialize',
    'tools/list',
    'tools/call',
    'resources/list',
    'resources/read',
    'ping',
    'prompts/list',
  ];
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.record(
          {
            jsonrpc: fc.oneof(fc.constant('2.0'), fc.jsonValue()),
            id: fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.jsonValue()),
            method: fc.oneof(fc.constantFrom(...methods), fc.string()),
            params: fc.oneof(
              fc.record({
                name: fc.oneof(fc.constantFrom(...names), fc.string()),
                arguments: fc.jsonValue(),
              }),
              fc.record({ uri: fc.oneof(fc.constant(`sessiondock://sessions/${known[0]}`), fc.string()) }),
              fc.jsonValue(),
            ),
          },
          { requiredKeys: [] },
        ),
        fc.array(fc.jsonValue(), { maxLength: 3 }),
        fc.jsonValue(),
      ),
      async (message) => {
        const response = await fetch(`http://127.0.0.1:${port}/mcp`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${h.token()}`,
            'Content-Type': 'application/json',
            Accept: 'application/json, text/event-stream',
          },
          body: JSON.stringify(message),
        });
        const text = await response.text();
        expect(response.status, `${JSON.stringify(message)} -> ${text}`).toBeLessThan(500);
      },
    ),
    { numRuns: 300, seed: 41 },
  );
  expect((await client.listTools()).tools.length).toBe(names.length);
  expect(h.core.diagnostics.lastError()).toBeNull();
});
