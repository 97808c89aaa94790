import Type from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalidInput } from '../../../../shared/errors';
import { apiArtworkUrl, artworkInfo } from '../../artwork/artwork-views';
import type { Core } from '../../create-core';
import type { RouteSpec } from '../route-spec';
import { SessionIdParams } from '../schemas/common';
import { ArtworkData, ArtworkPathBody, ArtworkQuery, ThumbnailResponses } from '../schemas/artwork-schemas';
import { requireBody } from './require-body';

const idOf = (request: FastifyRequest): string => (request.params as { id: string }).id;

/** A session's artwork (issue 13 §2) [ours]: its thumbnails, set by path, removed. */
export function artworkRoutes(core: Core): RouteSpec[] {
  const info = (record: Parameters<typeof artworkInfo>[0]) =>
    artworkInfo(record, apiArtworkUrl(core.apiBaseUrl()));
  return [
    {
      method: 'GET',
      url: '/api/v1/sessions/:id/artwork',
      operationId: 'getSessionArtwork',
      tag: 'artwork',
      summary: "The session's artwork as a WebP thumbnail (small or large), with ETag / If-None-Match",
      write: false,
      params: SessionIdParams,
      querystring: ArtworkQuery,
      data: Type.Null(),
      rawResponses: ThumbnailResponses,
      errors: [404, 422],
      handler: (request, reply) => sendThumbnail(core, request, reply),
    },
    {
      method: 'PUT',
      url: '/api/v1/sessions/:id/artwork',
      operationId: 'setSessionArtwork',
      tag: 'artwork',
      summary: "An image file becomes the session's artwork (the file is only read)",
      write: true,
      params: SessionIdParams,
      body: ArtworkPathBody,
      data: ArtworkData,
      errors: [400, 404, 413, 415],
      handler: async (request) => info(await core.artwork.setFromPath(idOf(request), requireBody(request))),
    },
    {
      method: 'DELETE',
      url: '/api/v1/sessions/:id/artwork',
      operationId: 'deleteSessionArtwork',
      tag: 'artwork',
      summary: "Forget the session's artwork (an image SessionDock stored is removed; a user's file never)",
      write: true,
      params: SessionIdParams,
      data: Type.Object({ deleted: Type.Literal(true), id: Type.String() }),
      errors: [404],
      handler: (request) => core.artwork.remove(idOf(request)),
    },
  ];
}

async function sendThumbnail(
  core: Core,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const query = request.query as Record<string, unknown>;
  const unknown = Object.keys(query).filter((key) => key !== 'size');
  if (unknown.length > 0)
    throw invalidInput(`unknown query parameter${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  // A client that hangs up before its turn leaves no thumbnail to make.
  const gone = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) gone.abort();
  });
  const answer = await core.artwork.thumbnail(idOf(request), query.size, {
    ifNoneMatch: request.headers['if-none-match'],
    signal: gone.signal,
  });
  // Revalidated with the ETag, rather than the API's no-store: an unchanged image costs a 304.
  reply.header('ETag', answer.etag).header('Cache-Control', 'private, no-cache');
  if (answer.status === 304) return reply.code(304).send();
  return reply.code(200).type(answer.mime).send(answer.body);
}
