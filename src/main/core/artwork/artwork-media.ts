import { isAppError } from '../../../shared/errors';
import type { Core } from '../create-core';
import { JobAbortedError, JobDroppedError } from './latest-first-queue';
import { THUMBNAIL_SIZES, type ThumbnailSize } from './make-thumbnail';

/**
 * The desktop app's media protocol, registered by src/main/app/media-protocol.ts. Named here,
 * Electron-free, so the IPC handlers can build the window's artwork URLs.
 */
export const MEDIA_SCHEME = 'sessiondock-media';
const ARTWORK_HOST = 'artwork';

/**
 * The URL the window shows a session's thumbnail from: `sessiondock-media://artwork/<session>/<size>?v=<version>`.
 * The version changes whenever the artwork is set, so a new image is a new URL.
 */
export function artworkMediaUrl(sessionId: string, size: ThumbnailSize, version: string): string {
  return `${MEDIA_SCHEME}://${ARTWORK_HOST}/${encodeURIComponent(sessionId)}/${size}?v=${encodeURIComponent(version)}`;
}

/** The session and size an artwork media URL names, or null when it names none. */
export function parseArtworkMediaUrl(url: URL): { sessionId: string; size: ThumbnailSize } | null {
  if (url.host !== ARTWORK_HOST) return null;
  const [, id, size, ...rest] = url.pathname.split('/');
  if (rest.length > 0 || !id || !(THUMBNAIL_SIZES as readonly string[]).includes(size ?? '')) return null;
  let sessionId: string;
  try {
    sessionId = decodeURIComponent(id);
  } catch {
    return null;
  }
  return { sessionId, size: size as ThumbnailSize };
}

/**
 * Answers the window's request for a thumbnail (the app's protocol, and the e2e tests' page
 * server): the WebP bytes with their ETag (304 when If-None-Match names them); 404 without
 * artwork; 422 for a missing or undecodable image (the window shows its placeholder); 503 when
 * the request was dropped for newer ones (a grid scrolled past it). Never the full-size image.
 */
export async function answerArtworkMediaRequest(
  core: Core | null,
  target: { sessionId: string; size: ThumbnailSize },
  request: { headers: Headers; signal?: AbortSignal },
): Promise<Response> {
  if (!core) return new Response(null, { status: 404 });
  try {
    const answer = await core.artwork.thumbnail(target.sessionId, target.size, {
      ifNoneMatch: request.headers.get('if-none-match') ?? undefined,
      signal: request.signal,
      droppable: true,
    });
    const headers = { ETag: answer.etag, 'Cache-Control': 'no-cache' };
    if (answer.status === 304) return new Response(null, { status: 304, headers });
    return new Response(new Uint8Array(answer.body), {
      status: 200,
      headers: { ...headers, 'Content-Type': answer.mime, 'Content-Length': String(answer.body.length) },
    });
  } catch (error) {
    if (error instanceof JobDroppedError || error instanceof JobAbortedError)
      return new Response(null, { status: 503, headers: { 'Retry-After': '1' } });
    if (isAppError(error)) {
      const status = error.code === 'artwork_unreadable' ? 422 : error.code === 'invalid_input' ? 400 : 404;
      return new Response(error.message, {
        status,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      });
    }
    core.logger.error('artwork thumbnail failed', { error: String(error) });
    return new Response(null, { status: 500 });
  }
}
