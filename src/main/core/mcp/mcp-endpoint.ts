import type { FastifyInstance } from 'fastify';
import type { Core } from '../create-core';
import type { ApiState } from '../api/api-state';

/** The MCP server at `/mcp` on the Local API's own server (issue 14). */
export function registerMcpEndpoint(app: FastifyInstance, core: Core, state: ApiState): void {
  void app;
  void core;
  void state;
}
