import { Readable } from 'node:stream';
import { protocol } from 'electron';
import type { Core } from '../core/create-core';
import { openAiffAsWav } from '../core/previews/aiff-as-wav';
import { openAudioRange } from '../core/previews/audio-range';
import { AUDIO_MIME_BY_EXTENSION } from '../../shared/audio';

export const MEDIA_SCHEME = 'sessiondock-media';

/** What `.aif`/`.aiff` previews are recorded with. */
const AIFF_MIME = AUDIO_MIME_BY_EXTENSION['.aif'];

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
 * served as WAV, converted on the fly: Chromium cannot play AIFF (electron#22940).
 */
export function handleMediaProtocol(getCore: () => Core | null): void {
  protocol.handle(MEDIA_SCHEME, (request) => answerMediaRequest(getCore(), request));
}

export async function answerMediaRequest(core: Core | null, request: Request): Promise<Response> {
  const [, sessionId, previewId] = new URL(request.url).pathname.split('/').map(safeDecode);
  if (!core || !sessionId || !previewId) return new Response(null, { status: 404 });
  try {
    const preview = core.previews.resolve(sessionId, previewId);
    const range = request.headers.get('range') ?? undefined;
    // Only the window converts (the Local API serves the file's own bytes). An AIFF that cannot be
    // mapped to WAV sample for sample (compressed AIFF-C, damaged) is served as it is.
    const converted = preview.mime === AIFF_MIME ? await openAiffAsWav(preview.path, range) : null;
    const answer =
      converted ?? openAudioRange(preview.path, preview.mime ?? 'application/octet-stream', range);
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
