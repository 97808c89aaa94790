// The stdio bridge as MCP clients start it: `node bin/sessiondock-mcp.cjs …` (the build when it is
// current, else the sources with tsx), and the SessionDock it talks to on a port that stays the same
// when the Local API is switched off and on again.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ApiServer } from '../../src/main/core/api/api-server';
import { startApi, type ApiHarness } from '../helpers/api-harness';

export const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'sessiondock-mcp.cjs');

/** The harness's core data dir: where its local-api-token is. */
export const coreDataDir = (h: ApiHarness): string => join(h.dataDir, 'data');

/**
 * startApi(), then its server replaced by one pinned to the port it got: the harness's picks a
 * new free port each time it reopens, and a bridge is configured with one port.
 */
export async function startPinnedApi(): Promise<ApiHarness & { port: number }> {
  const h = await startApi();
  const port = h.server.port()!;
  await h.server.stop();
  h.server = new ApiServer(h.core, { portOverride: port });
  await h.server.start();
  return Object.assign(h, { port });
}

export function bridgeArgs(h: ApiHarness, extra: string[] = []): string[] {
  return [BIN, '--data-dir', coreDataDir(h), '--port', String(h.server.port()), ...extra];
}

export interface StdioClient {
  client: Client;
  /** Everything the bridge wrote on stderr so far. */
  stderr(): string;
  /** Errors the client's transport reported (a line on stdout that is not JSON-RPC lands here). */
  transportErrors: Error[];
  close(): Promise<void>;
}

/**
 * The MCP SDK's own Client over its StdioClientTransport, which starts the bridge as a subprocess
 * (with Node, in the repository unless `cwd` says otherwise; `env` adds to the SDK's few variables).
 */
export async function connectStdio(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<StdioClient> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args,
    cwd: options.cwd ?? ROOT,
    ...(options.env && { env: options.env }),
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const transportErrors: Error[] = [];
  const client = new Client({ name: 'sessiondock-bridge-tests', version: '1.0.0' });
  client.onerror = (error) => transportErrors.push(error);
  await client.connect(transport);
  return { client, stderr: () => stderr, transportErrors, close: () => client.close() };
}

export interface RawBridge {
  child: ChildProcessWithoutNullStreams;
  /** Writes one line (a value is written as JSON). */
  send(message: unknown): void;
  /** The next line on stdout, parsed as JSON (the test fails on a line that is not). */
  next(): Promise<unknown>;
  /** Every stdout line so far, as written. */
  lines: string[];
  stderr(): string;
  exit: Promise<number | null>;
}

/** The bridge spawned by hand, to write and read raw lines (batches, garbage, notifications). */
export function spawnRaw(args: string[], env: NodeJS.ProcessEnv = process.env): RawBridge {
  const child = spawn(process.execPath, args, { cwd: ROOT, env });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  const queued: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    const wake = waiting.shift();
    if (wake) wake(line);
    else queued.push(line);
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    stderr: () => stderr,
    exit,
    send(message) {
      child.stdin.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
    },
    async next() {
      const line = queued.shift() ?? (await new Promise<string>((resolve) => waiting.push(resolve)));
      return JSON.parse(line) as unknown;
    },
  };
}

/** A JSON-RPC request line. */
export function request(id: number | string, method: string, params?: unknown): Record<string, unknown> {
  return { jsonrpc: '2.0', id, method, ...(params !== undefined && { params }) };
}
