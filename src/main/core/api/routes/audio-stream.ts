import type { FastifyReply, FastifyRequest } from 'fastify';
import { openAudioRange } from '../../previews/audio-range';

/**
 * Streams a preview's audio over the API with Range support. A missing file is 404
 * preview_not_found; an unsatisfiable range is 416 in the error envelope.
 */
export function sendAudioFile(
  request: FastifyRequest,
  reply: FastifyReply,
  path: string,
  mime: string,
): FastifyReply {
  const answer = openAudioRange(path, mime, request.headers.range);
  reply.code(answer.status).headers(answer.headers);
  if (answer.body) return reply.send(answer.body);
  return reply.type('application/json; charset=utf-8').send({
    error: {
      status: 416,
      code: 'invalid_input',
      message: `Range must lie within the file's ${answer.size} bytes.`,
    },
  });
}
