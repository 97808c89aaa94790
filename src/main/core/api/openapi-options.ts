import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';

/** The OpenAPI 3.1 document: tags, the bearer scheme applied to every route, component names. */
export function openApiOptions(): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'SessionDock Local API',
        version: '1.0.0',
        description:
          'Scripts, launchers and AI agents talk to a running SessionDock here. Every /api/v1 request needs ' +
          '`Authorization: Bearer <token>`; the token is in `<data dir>/local-api-token` and shown in Settings. ' +
          'Errors are `{"error": {"status", "code", "message"}}`. AI agents can use the MCP server at `/mcp` ' +
          '(Model Context Protocol, Streamable HTTP) with the same token, modes and protections; it is not ' +
          'described here, as MCP clients read its tools from the server itself.',
      },
      servers: [{ url: '/', description: 'This SessionDock' }],
      tags: [
        { name: 'system', description: 'Health and status' },
        { name: 'sessions', description: 'Sessions: list, create, read, change, delete' },
        { name: 'metadata', description: 'Notes and other session metadata' },
        { name: 'tags', description: 'Tags of a session and across the library' },
        { name: 'previews', description: 'Preview mixdowns, audio and waveforms' },
        { name: 'projects', description: 'What project files say: tempo, key, tracks, plugins, samples' },
        { name: 'imports', description: 'Importing projects in bulk' },
        { name: 'automation', description: 'Opening projects and focusing the window' },
        {
          name: 'collections',
          description:
            'Manual collections (sessions in their own order) and smart ones (saved list filters); ' +
            'GET /sessions?collection=<id> lists their sessions',
        },
        {
          name: 'artwork',
          description:
            "A session's image (PNG, JPEG, WebP or GIF): WebP thumbnails made once and cached, set by path, removed",
        },
        {
          name: 'events',
          description:
            'Live changes as Server-Sent Events: sessions, imports, previews and the Local API itself, resumable with Last-Event-ID',
        },
      ],
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'The token from local-api-token (sdk_…).',
          },
        },
      },
      security: [{ bearerAuth: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) =>
        typeof json.$id === 'string' ? json.$id : `def-${index}`,
    },
  };
}
