import Type from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { Core } from '../../create-core';
import type { RouteSpec } from '../route-spec';
import {
  CollectionCreate,
  CollectionIdParams,
  CollectionPatch,
  CollectionSessionParams,
  CollectionSessionsAddBody,
  CollectionSessionsBody,
} from '../schemas/collection-schemas';
import { requireBody } from './require-body';

const CollectionRef = Type.Ref('Collection');
const idOf = (request: FastifyRequest): string => (request.params as { id: string }).id;
const sessionIdOf = (request: FastifyRequest): string => (request.params as { sessionId: string }).sessionId;

/**
 * Collections (issue 13) [ours]: thin calls into the collections service. A collection's sessions
 * are listed by `GET /sessions?collection=<id>` (in the collection's own order when no sort is given).
 */
export function collectionRoutes(core: Core): RouteSpec[] {
  const { collections } = core;
  return [
    {
      method: 'GET',
      url: '/api/v1/collections',
      operationId: 'listCollections',
      tag: 'collections',
      summary: 'Every collection in the sidebar order, with its number of sessions',
      write: false,
      data: Type.Array(CollectionRef),
      errors: [],
      cacheable: true,
      handler: () => collections.list(),
    },
    {
      method: 'POST',
      url: '/api/v1/collections',
      operationId: 'createCollection',
      tag: 'collections',
      summary: 'Create a manual collection, or a smart one (saved list filters)',
      write: true,
      body: CollectionCreate,
      status: 201,
      data: CollectionRef,
      errors: [400, 413, 415],
      handler: (request) => collections.create(requireBody(request)),
    },
    {
      method: 'GET',
      url: '/api/v1/collections/:id',
      operationId: 'getCollection',
      tag: 'collections',
      summary: 'One collection (its sessions: GET /sessions?collection=<id>)',
      write: false,
      params: CollectionIdParams,
      data: CollectionRef,
      errors: [404],
      cacheable: true,
      handler: (request) => collections.get(idOf(request)),
    },
    {
      method: 'PATCH',
      url: '/api/v1/collections/:id',
      operationId: 'patchCollection',
      tag: 'collections',
      summary: "Rename, move in the sidebar, or change a smart collection's filters",
      write: true,
      params: CollectionIdParams,
      body: CollectionPatch,
      data: CollectionRef,
      errors: [400, 404, 413, 415],
      handler: (request) => collections.update(idOf(request), requireBody(request)),
    },
    {
      method: 'DELETE',
      url: '/api/v1/collections/:id',
      operationId: 'deleteCollection',
      tag: 'collections',
      summary: 'Delete a collection (never its sessions)',
      write: true,
      params: CollectionIdParams,
      data: Type.Object({ deleted: Type.Literal(true), id: Type.String() }),
      errors: [404],
      handler: (request) => collections.delete(idOf(request)),
    },
    {
      method: 'PUT',
      url: '/api/v1/collections/:id/sessions',
      operationId: 'replaceCollectionSessions',
      tag: 'collections',
      summary: "Set a manual collection's sessions: exactly these, in this order",
      write: true,
      params: CollectionIdParams,
      body: CollectionSessionsBody,
      data: CollectionRef,
      errors: [400, 404, 413, 415],
      handler: (request) => collections.setSessions(idOf(request), requireBody(request)),
    },
    {
      method: 'POST',
      url: '/api/v1/collections/:id/sessions',
      operationId: 'addCollectionSessions',
      tag: 'collections',
      summary: 'Add sessions to a manual collection, or move them to a place in it',
      write: true,
      params: CollectionIdParams,
      body: CollectionSessionsAddBody,
      data: CollectionRef,
      errors: [400, 404, 413, 415],
      handler: (request) => collections.addSessions(idOf(request), requireBody(request)),
    },
    {
      method: 'DELETE',
      url: '/api/v1/collections/:id/sessions/:sessionId',
      operationId: 'removeCollectionSession',
      tag: 'collections',
      summary: 'Take a session out of a manual collection (one not in it: nothing changes)',
      write: true,
      params: CollectionSessionParams,
      data: CollectionRef,
      errors: [400, 404],
      handler: (request) => collections.removeSession(idOf(request), sessionIdOf(request)),
    },
  ];
}
