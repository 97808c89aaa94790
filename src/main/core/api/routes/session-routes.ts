import Type from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { Core } from '../../create-core';
import type { RouteSpec } from '../route-spec';
import { SessionIdParams } from '../schemas/common';
import {
  ListQuery,
  NotesBody,
  PreviewInfo,
  SessionCreate,
  SessionList,
  SessionPatch,
  TagsBody,
} from '../schemas/session-schemas';
import { requireBody } from './require-body';

const SessionRef = Type.Ref('Session');
const idOf = (request: FastifyRequest): string => (request.params as { id: string }).id;

const TagsData = Type.Object({ id: Type.String(), tags: Type.Array(Type.String()) });
const NotesData = Type.Object({ id: Type.String(), notes: Type.String() });
const AutomationData = Type.Object({ id: Type.String(), opened: Type.Boolean(), focused: Type.Boolean() });

/** Sessions, their tags and notes, previews metadata, and open/focus: thin calls into the services. */
export function sessionRoutes(core: Core): RouteSpec[] {
  const { sessions, automation } = core;
  const tagsRoute = (method: 'PUT' | 'PATCH', operationId: string): RouteSpec => ({
    method,
    url: '/api/v1/sessions/:id/tags',
    operationId,
    tag: 'tags',
    summary: "Replace the session's tags",
    write: true,
    params: SessionIdParams,
    body: TagsBody,
    data: TagsData,
    errors: [400, 404, 413, 415],
    handler: (request) => sessions.replaceTags(idOf(request), requireBody(request)),
  });
  const notesRoute = (method: 'PUT' | 'PATCH', operationId: string): RouteSpec => ({
    method,
    url: '/api/v1/sessions/:id/notes',
    operationId,
    tag: 'metadata',
    summary: "Replace the session's notes (null or empty string clears)",
    write: true,
    params: SessionIdParams,
    body: NotesBody,
    data: NotesData,
    errors: [400, 404, 413, 415],
    handler: (request) => sessions.setNotes(idOf(request), requireBody(request)),
  });

  return [
    {
      method: 'GET',
      url: '/api/v1/sessions',
      operationId: 'listSessions',
      tag: 'sessions',
      summary: 'List, search, filter, sort and page sessions',
      write: false,
      querystring: ListQuery,
      data: Type.Array(SessionRef),
      envelope: SessionList,
      errors: [400],
      cacheable: true,
      handler: (request) => sessions.list(request.query),
    },
    {
      method: 'POST',
      url: '/api/v1/sessions',
      operationId: 'createSession',
      tag: 'sessions',
      summary: 'Create a session',
      write: true,
      body: SessionCreate,
      status: 201,
      data: SessionRef,
      errors: [400, 413, 415],
      handler: (request) => sessions.create(requireBody(request)),
    },
    {
      method: 'GET',
      url: '/api/v1/sessions/:id',
      operationId: 'getSession',
      tag: 'sessions',
      summary: 'Get one session',
      write: false,
      params: SessionIdParams,
      data: SessionRef,
      errors: [404],
      handler: (request) => sessions.get(idOf(request)),
    },
    {
      method: 'PATCH',
      url: '/api/v1/sessions/:id',
      operationId: 'patchSession',
      tag: 'sessions',
      summary: 'Change the fields present (at least one)',
      write: true,
      params: SessionIdParams,
      body: SessionPatch,
      data: SessionRef,
      errors: [400, 404, 413, 415],
      handler: (request) => sessions.patch(idOf(request), requireBody(request)),
    },
    {
      method: 'DELETE',
      url: '/api/v1/sessions/:id',
      operationId: 'deleteSession',
      tag: 'sessions',
      summary: 'Delete a session and everything SessionDock stored for it (never the project files)',
      write: true,
      params: SessionIdParams,
      data: Type.Object({ deleted: Type.Literal(true), id: Type.String() }),
      errors: [404],
      handler: (request) => sessions.delete(idOf(request)),
    },
    {
      method: 'GET',
      url: '/api/v1/sessions/:id/tags',
      operationId: 'getSessionTags',
      tag: 'tags',
      summary: "A session's tags",
      write: false,
      params: SessionIdParams,
      data: TagsData,
      errors: [404],
      handler: (request) => sessions.getTags(idOf(request)),
    },
    tagsRoute('PUT', 'replaceSessionTags'),
    tagsRoute('PATCH', 'patchSessionTags'),
    notesRoute('PUT', 'replaceSessionNotes'),
    notesRoute('PATCH', 'patchSessionNotes'),
    {
      method: 'GET',
      url: '/api/v1/tags',
      operationId: 'listTags',
      tag: 'tags',
      summary: 'Every tag with its number of sessions, most used first, then by name',
      write: false,
      data: Type.Array(Type.Object({ tag: Type.String(), count: Type.Integer() })),
      errors: [],
      cacheable: true,
      handler: () => sessions.tagCounts(),
    },
    {
      method: 'GET',
      url: '/api/v1/sessions/:id/preview',
      operationId: 'getSessionPreview',
      tag: 'previews',
      summary: "The session's preview status, preferred preview and preview list",
      write: false,
      params: SessionIdParams,
      data: PreviewInfo,
      errors: [404],
      handler: (request) => core.previews.info(idOf(request)),
    },
    {
      method: 'POST',
      url: '/api/v1/sessions/:id/open',
      operationId: 'openSession',
      tag: 'automation',
      summary: 'Open the project in its DAW (the OS handler) and record lastOpened',
      write: true,
      params: SessionIdParams,
      data: AutomationData,
      errors: [400, 404],
      handler: (request) => automation.open(idOf(request)),
    },
    {
      method: 'POST',
      url: '/api/v1/sessions/:id/focus',
      operationId: 'focusSession',
      tag: 'automation',
      summary: 'Show, restore and focus the SessionDock window and select the session',
      write: true,
      params: SessionIdParams,
      data: AutomationData,
      errors: [400, 404, 501],
      handler: (request) => automation.focus(idOf(request)),
    },
  ];
}
