// The stdio bridge line by line, as a client that writes its own JSON-RPC would see it: batches,
// notifications (no answer), responses, lines that are not JSON, malformed requests, failures while
// SessionDock is off, and stdin closing. Every line on stdout is JSON-RPC, and nothing else.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_ERROR_CODE } from '../../src/mcp-bridge/failure';
import type { ApiHarness } from '../helpers/api-harness';
import { BIN, bridgeArgs, request, spawnRaw, startPinnedApi, type RawBridge } from './bridge-process';

const notification = (method: string) => ({ jsonrpc: '2.0', method });

let h: ApiHarness & { port: number };
let raw: RawBridge;

beforeAll(async () => {
  h = await startPinnedApi();
  raw = spawnRaw(bridgeArgs(h));
});

afterAll(async () => {
  if (raw?.child.exitCode === null) raw.child.kill('SIGKILL');
  await h?.close();
});

/** A JSON-RPC 2.0 message or a non-empty batch of them. */
function isJsonRpc(value: any): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every(isJsonRpc);
  return typeof value === 'object' && value !== null && value.jsonrpc === '2.0' && 'id' in value;
}

describe('the stdio bridge, raw lines', () => {
  it('initializes, answers nothing to a notification, and forwards the next request', async () => {
    raw.send(
      request(1, 'initialize', {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'raw', version: '1' },
      }),
    );
    expect(await raw.next()).toMatchObject({
      id: 1,
      result: { protocolVersion: '2025-06-18', serverInfo: { name: 'sessiondock' } },
    });
    raw.send(notification('notifications/initialized'));
    raw.send(request(2, 'ping'));
    // The notification got no line: the next one is the ping's answer.
    expect(await raw.next()).toEqual({ jsonrpc: '2.0', id: 2, result: {} });
  });

  it('forwards a batch and writes its answers as one batch', async () => {
    raw.send([
      request(3, 'tools/call', { name: 'create_session', arguments: { title: 'Batched', kind: 'Ableton' } }),
      notification('notifications/initialized'),
      request('four', 'ping'),
    ]);
    const answers = (await raw.next()) as any[];
    expect(answers.map((answer) => answer.id).sort()).toEqual([3, 'four']);
    expect(answers.find((answer) => answer.id === 3).result.structuredContent.session.title).toBe('Batched');
  });

  it('answers a line that is not JSON, and a malformed request, with errors the client can match', async () => {
    raw.send('this is not json');
    expect(await raw.next()).toMatchObject({ id: null, error: { code: -32700 } });
    raw.send({ jsonrpc: '2.0', id: 5, method: 42 });
    // SessionDock refuses the body with an error for `null`; the bridge gives it the request's id.
    expect(await raw.next()).toMatchObject({ id: 5, error: { code: -32700 } });
    raw.send(request(6, 'no/such/method'));
    expect(await raw.next()).toMatchObject({ id: 6, error: { code: -32601 } });
  });

  it('answers each request of a batch while SessionDock is off, and only requests', async () => {
    await h.server.setMode('disabled');
    try {
      raw.send(notification('notifications/initialized'));
      raw.send([request(7, 'tools/list'), notification('notifications/initialized'), request(8, 'ping')]);
      const answers = (await raw.next()) as any[];
      expect(answers).toHaveLength(2);
      for (const [answer, id] of [
        [answers[0], 7],
        [answers[1], 8],
      ]) {
        expect(answer).toMatchObject({
          id,
          error: { code: BRIDGE_ERROR_CODE, data: { reason: 'not_running' } },
        });
        expect(answer.error.message).toContain('SessionDock is not running, or its Local API is disabled');
      }
      // The lone notification was answered by nothing, but said on stderr.
      expect(raw.stderr()).toContain('notifications/initialized: SessionDock is not running');
    } finally {
      await h.server.setMode('full-automation');
    }
    raw.send(request(9, 'ping'));
    expect(await raw.next()).toEqual({ jsonrpc: '2.0', id: 9, result: {} });
  });

  it('wrote nothing but JSON-RPC on stdout, and never the token', () => {
    expect(raw.lines.length).toBeGreaterThanOrEqual(8);
    for (const line of raw.lines) expect(isJsonRpc(JSON.parse(line)), line).toBe(true);
    expect(raw.lines.join('\n') + raw.stderr()).not.toContain(h.token());
  });

  it('answers what is in flight when stdin closes, then exits 0', async () => {
    raw.send(request(10, 'tools/call', { name: 'list_sessions', arguments: { q: 'Batched' } }));
    raw.child.stdin.end();
    expect(await raw.next()).toMatchObject({ id: 10, result: { structuredContent: { meta: { total: 1 } } } });
    expect(await raw.exit).toBe(0);
  });
});

describe('the bridge command line', () => {
  it('refuses a URL off this machine: exit 2, the reason on stderr, nothing on stdout', async () => {
    const bridge = spawnRaw([BIN, '--url', 'http://192.168.1.20:18432/mcp']);
    expect(await bridge.exit).toBe(2);
    expect(bridge.lines).toEqual([]);
    expect(bridge.stderr()).toContain('--url must be on this machine');
  });

  it('prints its usage for --help', async () => {
    const bridge = spawnRaw([BIN, '--help']);
    expect(await bridge.exit).toBe(0);
    expect(bridge.lines[0]).toMatch(/^Usage: sessiondock-mcp /);
  });
});
