import { createReadStream, statSync, type ReadStream } from 'node:fs';
import { AppError } from '../../../shared/errors';

/** A preview's audio answer, whatever the transport (the API, the app's media protocol, tests). */
export interface AudioRangeResponse {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  /** The bytes to send; null for 416. Opened read-only, streamed, never read whole. */
  body: ReadStream | null;
  size: number;
}

/**
 * Answers a request for an audio file with HTTP Range support (one range: players seek with it).
 * A missing file throws 404 preview_not_found; an unsatisfiable range is a 416 with no body.
 */
export function openAudioRange(
  path: string,
  mime: string,
  rangeHeader: string | undefined,
): AudioRangeResponse {
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw new Error('not a file');
    size = stats.size;
  } catch {
    throw new AppError('preview_not_found', 'preview not found: its audio file is missing');
  }
  const answer = answerRange(mime, rangeHeader, size);
  const body =
    answer.bytes === null
      ? null
      : answer.bytes === 'whole'
        ? createReadStream(path)
        : createReadStream(path, answer.bytes);
  return { status: answer.status, headers: answer.headers, body, size };
}

/** How a Range request over `size` bytes is answered, whatever produces the bytes. */
export interface RangeAnswer {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  /** What to send: everything, an inclusive span, or nothing (416). */
  bytes: 'whole' | { start: number; end: number } | null;
}

/** The status and headers for a Range request over `size` bytes of type `mime` (one range). */
export function answerRange(mime: string, rangeHeader: string | undefined, size: number): RangeAnswer {
  const headers: Record<string, string> = {
    'Accept-Ranges': 'bytes',
    'Content-Type': mime,
    'Cache-Control': 'no-store',
  };
  const range = parseRange(rangeHeader, size);
  if (range === 'unsatisfiable') {
    return { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` }, bytes: null };
  }
  if (range === null) {
    return { status: 200, headers: { ...headers, 'Content-Length': String(size) }, bytes: 'whole' };
  }
  const { start, end } = range;
  return {
    status: 206,
    headers: {
      ...headers,
      'Content-Range': `bytes ${start}-${end}/${size}`,
      'Content-Length': String(end - start + 1),
    },
    bytes: range,
  };
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n`; anything else (or several ranges) is served whole. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
