import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import secureJson from 'secure-json-parse';
import { version } from '../../../../package.json';
import type { ApiState } from '../api/api-state';
import { MIB } from '../api/error-envelope';
import type { Core } from '../create-core';
import { createMcpServer, toolCatalog } from './mcp-server';

/** The MCP endpoint's path on the Local API's server. */
export const MCP_PATH = '/mcp';
/** Like the Local API's bodies: a tool call's arguments fit well within it (10,000 session ids do). */
const MCP_BODY_LIMIT = MIB;

/**
 * The MCP server at `/mcp` on the Local API's own server (issue 14), as stateless Streamable HTTP:
 * each POST carries one JSON-RPC message (or a batch) and gets its answer as JSON. It sits behind the
 * same onRequest checks as every route (Host, Origin, bearer token), and each request gets a fresh
 * MCP server that reads the mode as it is then. There is no server-to-client stream, so GET and
 * DELETE (which the specification reserves for one) are answered 405.
 */
export function registerMcpEndpoint(app: FastifyInstance, core: Core, state: ApiState): void {
  const catalog = toolCatalog(core);
  void app.register(async (instance) => {
    // JSON-RPC has its own answer to a body that is not JSON (-32700), so the body is kept as text
    // here rather than refused by the Local API's parser with its envelope.
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: MCP_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    instance.post(MCP_PATH, { schema: { hide: true } }, async (request, reply) => {
      const parsed = parseJsonRpc(request.body);
      if (parsed === PARSE_ERROR)
        return sendJsonRpcError(reply, 400, -32700, 'Parse error: the body is not JSON.');
      const server = createMcpServer(core, state, catalog, version);
      const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true });
      try {
        await server.connect(transport);
        const response = await transport.handleRequest(toWebRequest(request), { parsedBody: parsed });
        return await sendWebResponse(reply, response);
      } finally {
        await server.close();
      }
    });
    const noStream = (_request: FastifyRequest, reply: FastifyReply): FastifyReply =>
      sendJsonRpcError(
        reply.header('Allow', 'POST'),
        405,
        -32000,
        'Method not allowed: this server has no event stream; POST JSON-RPC messages.',
      );
    instance.get(MCP_PATH, { schema: { hide: true } }, noStream);
    instance.delete(MCP_PATH, { schema: { hide: true } }, noStream);
  });
}

const PARSE_ERROR = Symbol('parse error');

function parseJsonRpc(body: unknown): unknown {
  if (typeof body !== 'string') return undefined;
  try {
    // As the Local API parses bodies: no __proto__ or constructor.prototype smuggled in.
    return secureJson.parse(body, undefined, { protoAction: 'remove', constructorAction: 'remove' });
  } catch {
    return PARSE_ERROR;
  }
}

function sendJsonRpcError(reply: FastifyReply, status: number, code: number, message: string): FastifyReply {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ jsonrpc: '2.0', error: { code, message }, id: null });
}

/** The transport speaks web-standard Request/Response; the body was already read by Fastify. */
function toWebRequest(request: FastifyRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return new Request(`http://${request.headers.host ?? '127.0.0.1'}${MCP_PATH}`, { method: 'POST', headers });
}

async function sendWebResponse(reply: FastifyReply, response: Response): Promise<FastifyReply> {
  reply.code(response.status);
  response.headers.forEach((value, name) => {
    reply.header(name, value);
  });
  const text = await response.text();
  return reply.send(text === '' ? undefined : text);
}
