import Type from 'typebox';
import { Enum } from './common';
import {
  LIMITS,
  PREVIEW_STATUSES,
  SESSION_ACCENTS,
  SESSION_KINDS,
  SESSION_STATUSES,
  SORT_KEYS,
} from '../../../../shared/domain';
import {
  ABSOLUTE_PATH_NOTE,
  ABSOLUTE_PATH_PATTERN,
  TRIMMED_TEXT_NOTE,
  caseInsensitivePattern,
  trimmedTextPattern,
} from '../../../../shared/validation/json-schema';
import {
  LIST_QUERY_WHEN_EMPTY,
  TEMPO_FILTER_MAX,
  TEMPO_FILTER_MIN,
} from '../../../../shared/validation/list-query';

// Schemas for /openapi.json and response serialisation, built from the same constants the
// validators in src/shared/validation use. Validation itself happens once, in the services.

const ISO_TIME = { format: 'date-time', description: 'ISO-8601 UTC with Z.' };
const IsoTime = Type.String(ISO_TIME);
// `type: [..., 'null']` and `enum` rather than anyOf unions: the same JSON Schema meaning, and
// the response serialiser handles them without validating every value against each branch.
const NullableString = (options: Record<string, unknown> = {}) =>
  Type.Unsafe<string | null>({ ...options, type: ['string', 'null'] });

export const Preview = Type.Object(
  {
    id: Type.String({ description: 'Prefixed preview_.' }),
    name: Type.String(),
    path: Type.String(),
    status: Enum(PREVIEW_STATUSES.filter((s) => s !== 'none')),
  },
  { $id: 'Preview' },
);

export const Session = Type.Object(
  {
    id: Type.String({ description: 'Opaque, URL-safe, prefixed session_.' }),
    title: Type.String({ minLength: 1, maxLength: LIMITS.titleMax }),
    kind: Enum(SESSION_KINDS, { description: 'The DAW.' }),
    status: Enum(SESSION_STATUSES),
    accent: Enum(SESSION_ACCENTS),
    client: Type.String({ maxLength: LIMITS.clientMax }),
    tags: Type.Array(Type.String({ minLength: 1, maxLength: LIMITS.tagMax }), { maxItems: LIMITS.tagsMax }),
    notes: Type.String({ maxLength: LIMITS.notesMax }),
    lastOpened: NullableString(ISO_TIME),
    createdAt: IsoTime,
    updatedAt: IsoTime,
    projectPath: NullableString(),
    projectOriginalPath: NullableString(),
    previewStatus: Enum(PREVIEW_STATUSES),
    previewUrl: NullableString({ format: 'uri' }),
    previewAudioUrl: NullableString({ format: 'uri' }),
    previewAudioMime: NullableString(),
    preferredPreviewId: NullableString(),
    previews: Type.Array(Type.Ref('Preview')),
  },
  { $id: 'Session' },
);

const writableFields = {
  title: Type.String({
    minLength: 1,
    pattern: trimmedTextPattern(LIMITS.titleMax),
    description: `1-${LIMITS.titleMax} characters. ${TRIMMED_TEXT_NOTE}`,
  }),
  kind: Type.String({
    pattern: caseInsensitivePattern(SESSION_KINDS),
    description: `One of ${SESSION_KINDS.join(', ')}; case-insensitive. Default on create: inferred from projectPath's extension, else Other.`,
  }),
  status: Enum(SESSION_STATUSES, { description: 'Default draft.' }),
  accent: Enum(SESSION_ACCENTS, { description: 'Default gradient.' }),
  client: NullableString({
    pattern: trimmedTextPattern(LIMITS.clientMax, 0),
    description: `At most ${LIMITS.clientMax} characters; null clears. ${TRIMMED_TEXT_NOTE}`,
  }),
  // No maxItems: the limit counts distinct tags after normalising, which JSON Schema cannot say.
  tags: Type.Array(Type.String({ minLength: 1, pattern: trimmedTextPattern(LIMITS.tagMax) }), {
    description: `Each entry 1-${LIMITS.tagMax} characters after trimming and collapsing inner whitespace, NFC, no control characters. Entries are de-duplicated case-insensitively after that normalising (first spelling wins, order kept), and at most ${LIMITS.tagsMax} distinct tags may remain: a list may hold more than ${LIMITS.tagsMax} entries when duplicates (e.g. "Mix", " mix ") reduce it to ${LIMITS.tagsMax} or fewer; ${LIMITS.tagsMax + 1} or more distinct tags → 400 invalid_input.`,
  }),
  notes: NullableString({ maxLength: LIMITS.notesMax, description: 'null clears. Kept exactly as sent.' }),
  projectPath: NullableString({
    pattern: ABSOLUTE_PATH_PATTERN,
    description: `The project file or bundle, or null. ${ABSOLUTE_PATH_NOTE}`,
  }),
};

export const SessionCreate = Type.Object(
  { title: writableFields.title, ...optionalAll(writableFields, 'title') },
  {
    $id: 'SessionCreate',
    additionalProperties: false,
    description: 'Unknown and read-only fields are refused.',
  },
);

export const SessionPatch = Type.Object(optionalAll(writableFields), {
  $id: 'SessionPatch',
  additionalProperties: false,
  minProperties: 1,
  description: 'Only the fields present change (at least one). Unknown and read-only fields are refused.',
});

export const TagsBody = Type.Object(
  { tags: writableFields.tags },
  { $id: 'TagsBody', additionalProperties: false },
);

export const NotesBody = Type.Object(
  { notes: writableFields.notes },
  { $id: 'NotesBody', additionalProperties: false },
);

/** "Empty (`name=`): what it means." — the same rule for every list parameter (list-query.ts). */
const whenEmpty = (name: keyof typeof LIST_QUERY_WHEN_EMPTY): string =>
  ` Empty (\`${name}=\`): ${LIST_QUERY_WHEN_EMPTY[name]}, as if not given.`;

export const ListQuery = Type.Object({
  q: Type.Optional(
    Type.String({
      description:
        'Every whitespace-separated term must match the start of a word in title, client or notes (case- and accent-insensitive); terms without a letter or digit are ignored.' +
        whenEmpty('q'),
    }),
  ),
  kind: Type.Optional(Type.String({ description: 'Exact kind, case-insensitive.' + whenEmpty('kind') })),
  daw: Type.Optional(
    Type.String({
      description: 'Alias of kind; must agree with kind when both are given.' + whenEmpty('daw'),
    }),
  ),
  tags: Type.Optional(
    Type.String({
      description:
        'Comma-separated (and/or repeated); a session must carry all of them, case-insensitive. Empty items are skipped.' +
        whenEmpty('tags'),
    }),
  ),
  status: Type.Optional(Enum(SESSION_STATUSES, { description: whenEmpty('status').trim() })),
  recent: Type.Optional(
    Type.Boolean({
      description:
        'true: only sessions opened at least once, most recently opened first.' + whenEmpty('recent'),
    }),
  ),
  plugin: Type.Optional(
    Type.String({
      description:
        'Only sessions whose project uses this plugin (its name, any format, case-insensitive), from the project file.' +
        whenEmpty('plugin'),
    }),
  ),
  tempoMin: Type.Optional(
    Type.Number({
      minimum: TEMPO_FILTER_MIN,
      maximum: TEMPO_FILTER_MAX,
      description: "Only sessions whose project's tempo is at least this (bpm)." + whenEmpty('tempoMin'),
    }),
  ),
  tempoMax: Type.Optional(
    Type.Number({
      minimum: TEMPO_FILTER_MIN,
      maximum: TEMPO_FILTER_MAX,
      description: "Only sessions whose project's tempo is at most this (bpm)." + whenEmpty('tempoMax'),
    }),
  ),
  key: Type.Optional(
    Type.String({
      description:
        'Only sessions whose project sets this key: C, F# minor, Bbm, D dorian… (enharmonic spellings match).' +
        whenEmpty('key'),
    }),
  ),
  missingSamples: Type.Optional(
    Type.Boolean({
      description:
        'true: only sessions whose project refers to samples missing on this disk.' +
        whenEmpty('missingSamples'),
    }),
  ),
  collection: Type.Optional(
    Type.String({
      description:
        "Only sessions of this collection (GET /collections): a manual one's sessions, listed in the " +
        "collection's own order when sort is not given (and recent is not true); a smart one's saved " +
        'filters, which the other parameters narrow further. An id no collection has: 400 invalid_input.' +
        whenEmpty('collection'),
    }),
  ),
  sort: Type.Optional(
    Enum(
      SORT_KEYS.flatMap((key) => [key, `-${key}`]),
      {
        description:
          "Prefix - for descending. Default -updatedAt, or -lastOpened with recent=true (or a smart collection's saved recent), or a manual collection's own order. Ties broken by id." +
          whenEmpty('sort'),
      },
    ),
  ),
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: LIMITS.listLimitMax,
      default: LIMITS.listLimitDefault,
      description: whenEmpty('limit').trim(),
    }),
  ),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: whenEmpty('offset').trim() })),
});

export const SessionList = Type.Object({
  data: Type.Array(Type.Ref('Session')),
  meta: Type.Object({
    total: Type.Integer({ description: 'All matches before paging.' }),
    limit: Type.Integer(),
    offset: Type.Integer(),
  }),
});

export const PreviewInfo = Type.Object(
  {
    id: Type.String(),
    previewStatus: Session.properties.previewStatus,
    preferredPreviewId: Session.properties.preferredPreviewId,
    previewUrl: Session.properties.previewUrl,
    previewAudioUrl: Session.properties.previewAudioUrl,
    previewAudioMime: Session.properties.previewAudioMime,
    previews: Type.Array(Type.Ref('Preview')),
  },
  { $id: 'PreviewInfo' },
);

function optionalAll<T extends Record<string, Type.TSchema>, E extends keyof T = never>(
  fields: T,
  except?: E,
) {
  const result: Record<string, Type.TSchema> = {};
  for (const [key, schema] of Object.entries(fields)) if (key !== except) result[key] = Type.Optional(schema);
  return result as { [K in Exclude<keyof T, E>]: Type.TOptional<T[K]> };
}
