import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ApiHarness } from './api-harness';

export interface McpConnectOptions {
  /** The token sent; a function is asked on every request (the current token, after a rotation…). */
  token?: string | (() => string);
  headers?: Record<string, string>;
}

/** The MCP SDK's own client, connected over real HTTP to the harness's `/mcp`. */
export async function connectMcp(h: ApiHarness, options: McpConnectOptions = {}): Promise<Client> {
  const token = options.token ?? (() => h.token());
  const transport = new StreamableHTTPClientTransport(new URL(`${h.origin}/mcp`), {
    fetch: (url, init) => {
      const headers = new Headers(init?.headers);
      headers.set('Authorization', `Bearer ${typeof token === 'function' ? token() : token}`);
      for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
      return fetch(url, { ...init, headers });
    },
  });
  const client = new Client({ name: 'sessiondock-tests', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/** A tool call's result, typed as the tools answer (structured content plus text). */
export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** The text blocks of a result, in order. */
export function textsOf(result: CallToolResult): string[] {
  return result.content.flatMap((block) => (block.type === 'text' ? [block.text] : []));
}
