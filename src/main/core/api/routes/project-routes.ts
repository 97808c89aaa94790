import type { FastifyRequest } from 'fastify';
import type { Core } from '../../create-core';
import type { RouteSpec } from '../route-spec';
import { SessionIdParams } from '../schemas/common';
import { PluginUsageList, ProjectData } from '../schemas/project-schemas';

const idOf = (request: FastifyRequest): string => (request.params as { id: string }).id;

/** What each session's project file says, and plugins across the library (issue 12) [ours]. */
export function projectRoutes(core: Core): RouteSpec[] {
  return [
    {
      method: 'GET',
      url: '/api/v1/sessions/:id/project',
      operationId: 'getSessionProject',
      tag: 'projects',
      summary:
        "What the session's project file says: DAW version, tempo, signature, key, sample rate, tracks, plugins, samples",
      write: false,
      params: SessionIdParams,
      data: ProjectData,
      errors: [404],
      handler: (request) => core.projects.project(idOf(request)),
    },
    {
      method: 'GET',
      url: '/api/v1/plugins',
      operationId: 'listPlugins',
      tag: 'projects',
      summary: 'Every plugin the projects use, with the number of sessions using it, most used first',
      write: false,
      data: PluginUsageList,
      errors: [],
      cacheable: true,
      handler: () => core.projects.plugins(),
    },
  ];
}
