import Type from 'typebox';
import type { FastifyRequest } from 'fastify';
import { AUDIO_EXTENSIONS_TEXT } from '../../../../shared/audio';
import { LIMITS } from '../../../../shared/domain';
import type { Core } from '../../create-core';
import type { RouteSpec } from '../route-spec';
import {
  ABSOLUTE_PATH_NOTE,
  ABSOLUTE_PATH_PATTERN,
  NOT_BLANK_PATTERN,
  TRIMMED_TEXT_NOTE,
  trimmedTextPattern,
} from '../../../../shared/validation/json-schema';
import { SessionIdParams } from '../schemas/common';
import { requireBody } from './require-body';
import { sendAudioFile } from './audio-stream';

/** The waveform-notes service's limits (local-api.md §5), shared with it through LIMITS. */
const NOTES_MAX = LIMITS.waveformNotesMax;
const NOTE_TEXT_MAX = LIMITS.waveformNoteTextMax;

const idOf = (request: FastifyRequest): string => (request.params as { id: string }).id;
const variantOf = (request: FastifyRequest): unknown => (request.query as { variantId?: unknown }).variantId;

export const VariantQuery = Type.Object({
  variantId: Type.Optional(
    Type.String({
      description:
        'A preview id; default: the preferred preview. Empty (`variantId=`): the preferred preview, as if not given.',
    }),
  ),
});

export const WaveformNote = Type.Object({
  id: Type.String({ description: 'Prefixed wnote_.' }),
  timestamp: Type.Number({ minimum: 0, description: 'Seconds from the start.' }),
  text: Type.String({ minLength: 1, maxLength: NOTE_TEXT_MAX }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const NoteLane = Type.Object({
  sessionId: Type.String(),
  variantId: Type.String(),
  key: Type.String({ description: '<sessionId>:<variantId>' }),
  notes: Type.Array(WaveformNote, { description: 'Sorted by timestamp.' }),
});

export const LaneBody = Type.Object(
  {
    notes: Type.Array(
      Type.Object(
        {
          id: Type.Optional(Type.String({ description: 'A known id keeps the note (and its createdAt).' })),
          timestamp: Type.Number({ minimum: 0, description: 'Seconds from the start (finite).' }),
          text: Type.String({
            minLength: 1,
            maxLength: NOTE_TEXT_MAX,
            pattern: NOT_BLANK_PATTERN,
            description: `1-${NOTE_TEXT_MAX} characters, not only whitespace, no control characters (tab, newline and carriage return allowed); kept as sent.`,
          }),
          createdAt: Type.Optional(
            Type.Unsafe({ description: 'Read-only: accepted (a lane read back) and ignored.' }),
          ),
          updatedAt: Type.Optional(
            Type.Unsafe({ description: 'Read-only: accepted (a lane read back) and ignored.' }),
          ),
        },
        { additionalProperties: false },
      ),
      { maxItems: NOTES_MAX },
    ),
  },
  { additionalProperties: false, description: 'Replaces the whole lane.' },
);

export const PreviewAttachBody = Type.Object(
  {
    path: Type.String({
      pattern: ABSOLUTE_PATH_PATTERN,
      description: `An existing audio file (${AUDIO_EXTENSIONS_TEXT}) not yet a preview of this session. ${ABSOLUTE_PATH_NOTE}`,
    }),
    name: Type.Optional(
      Type.String({
        minLength: 1,
        pattern: trimmedTextPattern(LIMITS.previewNameMax),
        description: `Default: the file name. 1-${LIMITS.previewNameMax} characters. ${TRIMMED_TEXT_NOTE}`,
      }),
    ),
    preferred: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const PreferredPreviewBody = Type.Object(
  { preferredPreviewId: Type.Unsafe<string | null>({ type: ['string', 'null'] }) },
  { additionalProperties: false },
);

const AudioResponse = {
  description: 'The audio bytes (206 with Content-Range for a Range request).',
  content: { 'audio/*': { schema: { type: 'string', format: 'binary' } } },
};

/** Preview files, their audio and their waveform notes: thin calls into the services. */
export function previewRoutes(core: Core): RouteSpec[] {
  const { previews, waveformNotes } = core;
  const laneRoute = (method: 'PUT' | 'PATCH', operationId: string): RouteSpec => ({
    method,
    url: '/api/v1/sessions/:id/waveform-notes',
    operationId,
    tag: 'previews',
    summary: "Replace the preview's waveform notes lane",
    write: true,
    params: SessionIdParams,
    querystring: VariantQuery,
    body: LaneBody,
    data: NoteLane,
    errors: [400, 404, 413, 415],
    handler: (request) => waveformNotes.replace(idOf(request), variantOf(request), requireBody(request)),
  });
  return [
    {
      method: 'POST',
      url: '/api/v1/sessions/:id/previews',
      operationId: 'attachSessionPreview',
      tag: 'previews',
      summary: 'Attach an audio file as a preview (the file is only read)',
      write: true,
      params: SessionIdParams,
      body: PreviewAttachBody,
      status: 201,
      data: Type.Ref('Preview'),
      errors: [400, 404, 413, 415],
      handler: (request) => previews.attach(idOf(request), requireBody(request)),
    },
    {
      method: 'DELETE',
      url: '/api/v1/sessions/:id/previews/:previewId',
      operationId: 'detachSessionPreview',
      tag: 'previews',
      summary: 'Detach a preview (the audio file itself is never touched)',
      write: true,
      params: Type.Object({ id: Type.String(), previewId: Type.String() }),
      data: Type.Object({ deleted: Type.Literal(true), id: Type.String() }),
      errors: [404],
      handler: (request) =>
        previews.detach(idOf(request), (request.params as { previewId: string }).previewId),
    },
    {
      method: 'PUT',
      url: '/api/v1/sessions/:id/preview',
      operationId: 'setSessionPreferredPreview',
      tag: 'previews',
      summary: 'Choose the preferred preview (a choice automatic detection never overrides; null reverts)',
      write: true,
      params: SessionIdParams,
      body: PreferredPreviewBody,
      data: Type.Ref('PreviewInfo'),
      errors: [400, 404, 413, 415],
      handler: (request) => previews.prefer(idOf(request), requireBody(request)),
    },
    {
      method: 'GET',
      url: '/api/v1/sessions/:id/preview/audio',
      operationId: 'getSessionPreviewAudio',
      tag: 'previews',
      summary: "Stream a preview's audio, honouring Range",
      write: false,
      params: SessionIdParams,
      querystring: VariantQuery,
      data: Type.Null(),
      rawResponses: { 200: AudioResponse, 206: AudioResponse },
      errors: [404, 416],
      handler: (request, reply) => {
        const preview = previews.resolve(idOf(request), variantOf(request));
        return sendAudioFile(request, reply, preview.path, preview.mime ?? 'application/octet-stream');
      },
    },
    {
      method: 'GET',
      url: '/api/v1/sessions/:id/waveform',
      operationId: 'getSessionWaveform',
      tag: 'previews',
      summary: "A preview's peaks: min/max pairs mixed to mono, computed once per file and cached",
      write: false,
      params: SessionIdParams,
      querystring: Type.Object({
        ...VariantQuery.properties,
        points: Type.Optional(
          Type.Integer({
            minimum: 16,
            maximum: 20_000,
            default: 1000,
            description: 'Empty (`points=`): 1000, as if not given.',
          }),
        ),
      }),
      data: Type.Object({
        sessionId: Type.String(),
        variantId: Type.String(),
        durationSeconds: Type.Number(),
        sampleRate: Type.Integer(),
        channels: Type.Integer(),
        points: Type.Integer(),
        peaks: Type.Array(Type.Number({ minimum: -1, maximum: 1 }), {
          description: '[min0, max0, min1, max1, …]: `points` pairs.',
        }),
      }),
      errors: [400, 404, 422],
      handler: (request) =>
        core.waveforms.waveform(
          idOf(request),
          variantOf(request),
          (request.query as { points?: unknown }).points,
        ),
    },
    {
      method: 'GET',
      url: '/api/v1/sessions/:id/waveform-notes',
      operationId: 'getSessionWaveformNotes',
      tag: 'previews',
      summary: "The preview's waveform notes lane",
      write: false,
      params: SessionIdParams,
      querystring: VariantQuery,
      data: NoteLane,
      errors: [404],
      handler: (request) => waveformNotes.get(idOf(request), variantOf(request)),
    },
    laneRoute('PUT', 'replaceSessionWaveformNotes'),
    laneRoute('PATCH', 'patchSessionWaveformNotes'),
  ];
}
