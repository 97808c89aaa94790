import { Readable } from 'node:stream';
import { protocol } from 'electron';
import type { Core } from '../core/create-core';
import { answerArtworkMediaRequest, MEDIA_SCHEME, parseArtworkMediaUrl } from '../core/artwork/artwork-media';
import { openPlayerAudio } from '../core/previews/player-audio';

export { MEDIA_SCHEME };

/** Must run before the app is ready: lets <audio> stream (and seek in) our media URLs. */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: MEDIA_SCHEME,
      privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true },
    },
  ]);
}

export function mediaUrl(sessionId: string, previewId: string): string {
  return `${MEDIA_SCHEME}://preview/${encodeURIComponent(sessionId)}/${encodeURIComponent(previewId)}`;
}

/**
 * Serves a preview's audio to the window: only files that are previews of a session (never an
 * arbitrary path), with Range so the player can seek, read-only and streamed. AIFF previews are
 * served as WAV, converted on the fly: Chromium cannot play AIFF (electron#22940). And a session's
 * artwork thumbnails (`sessiondock-media://artwork/…`): WebP made in main, never the full image
 * (core/artwork/artwork-media.ts).
 */
export function handleMediaProtocol(getCore: () => Core | null): void {
  protocol.handle(MEDIA_SCHEME, (request) => answerMediaRequest(getCore(), request));
}

export async function answerMediaRequest(core: Core | null, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const artwork = parseArtworkMediaUrl(url);
  if (artwork) return answerArtworkMediaRequest(core, artwork, request);
  const [, sessionId, previewId] = url.pathname.split('/').map(safeDecode);
  if (!core || !sessionId || !previewId) return new Response(null, { status: 404 });
  try {
    const preview = core.previews.resolve(sessionId, previewId);
    const answer = await openPlayerAudio(preview, request.headers.get('range') ?? undefined);
    const body = answer.body ? (Readable.toWeb(answer.body) as ReadableStream<Uint8Array>) : null;
    return new Response(body, { status: answer.status, headers: answer.headers });
  } catch {
    return new Response(null, { status: 404 });
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return '';
  }
}
