import { createReadStream, statSync } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../../shared/errors';

/**
 * Streams an audio file with HTTP Range support (one range: players seek with it). Never reads
 * the file whole. A missing file is 404 preview_not_found; an unsatisfiable range is 416.
 */
export function sendAudioFile(
  request: FastifyRequest,
  reply: FastifyReply,
  path: string,
  mime: string,
): FastifyReply {
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw new Error('not a file');
    size = stats.size;
  } catch {
    throw new AppError('preview_not_found', 'preview not found: its audio file is missing');
  }
  reply.header('Accept-Ranges', 'bytes').header('Content-Type', mime).header('Cache-Control', 'no-store');
  const range = parseRange(request.headers.range, size);
  if (range === 'unsatisfiable') {
    return reply
      .code(416)
      .header('Content-Range', `bytes */${size}`)
      .type('application/json; charset=utf-8')
      .send({
        error: {
          status: 416,
          code: 'invalid_input',
          message: `Range must lie within the file's ${size} bytes.`,
        },
      });
  }
  if (range === null) {
    reply.header('Content-Length', size);
    return reply.code(200).send(createReadStream(path));
  }
  const { start, end } = range;
  reply.header('Content-Range', `bytes ${start}-${end}/${size}`).header('Content-Length', end - start + 1);
  return reply.code(206).send(createReadStream(path, { start, end }));
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
