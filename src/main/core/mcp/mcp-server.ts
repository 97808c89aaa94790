import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  type CallToolResult,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import type { ApiState } from '../api/api-state';
import { MIB, toEnvelope } from '../api/error-envelope';
import { assertWritable } from '../api/route-spec';
import type { Core } from '../create-core';
import { listSessionResources, readSessionResource, SESSION_URI_TEMPLATE } from './session-resource';
import { argumentsOf, type McpTool } from './tool';
import { automationTools } from './tools/automation-tools';
import { collectionTools } from './tools/collection-tools';
import { importTools } from './tools/import-tools';
import { previewTools } from './tools/preview-tools';
import { projectTools } from './tools/project-tools';
import { sessionTools } from './tools/session-tools';

const INSTRUCTIONS =
  "SessionDock is the user's library of music projects: one session per DAW project on disk (Ableton, " +
  'Logic, REAPER, FL Studio, Cubase…) with a title, kind, status, client, tags, notes, preview mixdowns ' +
  'with timestamped waveform notes, and what its project file says (tempo, key, plugins). Find sessions ' +
  'with list_sessions; ids look like session_…. Tools that change the library are offered only while ' +
  "the user has set SessionDock's Local API to Full Automation. SessionDock never modifies project or " +
  'audio files.';

/** The tools and what `tools/list` says of them in each mode: built once per API server. */
export interface ToolCatalog {
  byName: ReadonlyMap<string, McpTool>;
  /** Full Automation lists every tool… */
  listedWhenWritable: readonly Tool[];
  /** …read-only only the reads. */
  listedWhenReadOnly: readonly Tool[];
}

/** Every tool, in the order clients list them. */
export function toolCatalog(core: Core): ToolCatalog {
  const tools = [
    ...sessionTools(core),
    ...previewTools(core),
    ...projectTools(core),
    ...collectionTools(core),
    ...importTools(core),
    ...automationTools(core),
  ];
  return {
    byName: new Map(tools.map((tool) => [tool.name, tool])),
    listedWhenWritable: tools.map(describeTool),
    listedWhenReadOnly: tools.filter((tool) => !tool.write).map(describeTool),
  };
}

/** A tool as `tools/list` describes it, with MCP's annotations derived from what it does. */
export function describeTool(tool: McpTool): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: tool.input,
    outputSchema: tool.output,
    annotations: {
      title: tool.title,
      readOnlyHint: !tool.write,
      ...(tool.write && {
        destructiveHint: tool.effects?.destructive ?? true,
        idempotentHint: tool.effects?.idempotent ?? false,
      }),
      // The library on this machine is a closed world; open_session only hands a file to the OS.
      openWorldHint: false,
    },
  };
}

/**
 * One MCP server per HTTP request (stateless Streamable HTTP): tools are listed and judged against
 * the mode as it is now, so a switch to read-only or a token rotation applies to the next request.
 */
export function createMcpServer(core: Core, state: ApiState, catalog: ToolCatalog, version: string): Server {
  const server = new Server(
    { name: 'sessiondock', title: 'SessionDock', version },
    {
      capabilities: { tools: { listChanged: false }, resources: { listChanged: false } },
      instructions: INSTRUCTIONS,
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: [
      ...(state.effectiveMode() === 'full-automation'
        ? catalog.listedWhenWritable
        : catalog.listedWhenReadOnly),
    ],
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const tool = catalog.byName.get(request.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.params.name}`);
    return callTool(core, state, tool, request.params.arguments);
  });
  server.setRequestHandler(ListResourcesRequestSchema, (request) =>
    listSessionResources(core, request.params?.cursor),
  );
  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({
    resourceTemplates: [
      {
        uriTemplate: SESSION_URI_TEMPLATE,
        name: 'session',
        title: 'A SessionDock session',
        description:
          "A session with what its project file says and its preferred preview's waveform notes (JSON).",
        mimeType: 'application/json',
      },
    ],
  }));
  server.setRequestHandler(ReadResourceRequestSchema, (request) =>
    readSessionResource(core, request.params.uri),
  );
  return server;
}

/**
 * Runs a tool like the Local API runs a route: a write is refused outside Full Automation (checked
 * when the call runs) and answered only once it is on disk. A refusal or bad arguments come back
 * as a tool error with the API's message, so the model reads why and can correct itself.
 */
async function callTool(
  core: Core,
  state: ApiState,
  tool: McpTool,
  rawArgs: unknown,
): Promise<CallToolResult> {
  try {
    const args = argumentsOf(rawArgs);
    if (tool.write) {
      assertWritable(state);
      core.writes.begin();
    }
    const result = await tool.run(args);
    if (tool.write) await core.writes.durable();
    return {
      content: [
        { type: 'text', text: tool.summary(result) },
        { type: 'text', text: JSON.stringify(result) },
      ],
      structuredContent: result as Record<string, unknown>,
    };
  } catch (error) {
    const envelope = toEnvelope(error, MIB);
    if (envelope.code === 'internal_error') {
      const detail = error instanceof Error ? error.message : String(error);
      core.diagnostics.record(`MCP ${tool.name}: ${detail}`);
      core.logger.error('MCP tool failed', {
        tool: tool.name,
        error: error instanceof Error ? (error.stack ?? detail) : detail,
      });
    }
    return {
      isError: true,
      content: [
        { type: 'text', text: envelope.message },
        { type: 'text', text: JSON.stringify({ error: envelope }) },
      ],
    };
  }
}
