import Type from 'typebox';
import {
  COLLECTION_KINDS,
  COLLECTION_LIMITS,
  COLLECTION_QUERY_PARAMS,
  SESSION_KINDS,
  SESSION_STATUSES,
} from '../../../../shared/domain';
import { caseInsensitivePattern, trimmedTextPattern } from '../../../../shared/validation/json-schema';
import { TEMPO_FILTER_MAX, TEMPO_FILTER_MIN } from '../../../../shared/validation/list-query';
import { Enum } from './common';

// Collections (issue 13) for /openapi.json and response serialisation. Validation itself happens
// once, in src/shared/validation/collection-write.ts; these say the same rules.

const FILTERS = COLLECTION_QUERY_PARAMS.join(', ');
const Tempo = (description: string) =>
  Type.Number({ minimum: TEMPO_FILTER_MIN, maximum: TEMPO_FILTER_MAX, description });

/** A smart collection's filters as stored and returned: one spelling, flags only when true. */
export const CollectionQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ description: 'Search terms, separated by single spaces.' })),
    kind: Type.Optional(Enum(SESSION_KINDS)),
    status: Type.Optional(Enum(SESSION_STATUSES)),
    tags: Type.Optional(Type.Array(Type.String(), { description: 'A session must carry all of them.' })),
    recent: Type.Optional(Type.Literal(true)),
    plugin: Type.Optional(Type.String()),
    tempoMin: Type.Optional(Tempo('bpm')),
    tempoMax: Type.Optional(Tempo('bpm')),
    key: Type.Optional(Type.String({ description: 'Spelled as the library shows keys: "F# minor".' })),
    missingSamples: Type.Optional(Type.Literal(true)),
  },
  {
    $id: 'CollectionQuery',
    additionalProperties: false,
    description: 'The list filters of a smart collection, as GET /sessions takes them.',
  },
);

/** The same filters as a body may send them: the list's own values (strings or JSON types). */
const CollectionQueryInput = Type.Object(
  {
    q: Type.Optional(Type.String()),
    kind: Type.Optional(Type.String({ pattern: caseInsensitivePattern(SESSION_KINDS) })),
    daw: Type.Optional(
      Type.String({ pattern: caseInsensitivePattern(SESSION_KINDS), description: 'Alias of kind.' }),
    ),
    status: Type.Optional(Enum(SESSION_STATUSES)),
    tags: Type.Optional(
      Type.Union([Type.String(), Type.Array(Type.String())], {
        description: 'Comma-separated, or an array; saved as an array of distinct tags.',
      }),
    ),
    recent: Type.Optional(Type.Boolean()),
    plugin: Type.Optional(Type.String()),
    tempoMin: Type.Optional(Tempo('bpm (a number, or a string holding one)')),
    tempoMax: Type.Optional(Tempo('bpm (a number, or a string holding one)')),
    key: Type.Optional(Type.String({ description: 'C, F# minor, Bbm, D dorian…' })),
    missingSamples: Type.Optional(Type.Boolean()),
  },
  {
    additionalProperties: false,
    description:
      `The filters of GET /sessions (${FILTERS}; daw as an alias of kind), judged by the same rules with ` +
      'messages naming query.<filter>. sort, limit, offset and collection are not filters and are refused. ' +
      'An empty string or null means "not given"; {} matches every session.',
    examples: [{ kind: 'Ableton', status: 'mixing', tags: ['client'] }],
  },
);

const name = Type.String({
  minLength: 1,
  pattern: trimmedTextPattern(COLLECTION_LIMITS.nameMax),
  description:
    `1-${COLLECTION_LIMITS.nameMax} characters after trimming, collapsing inner whitespace and NFC; no ` +
    'control characters. Unique regardless of case.',
});

export const Collection = Type.Object(
  {
    id: Type.String({ description: 'Opaque, URL-safe, prefixed collection_.' }),
    name: Type.String(),
    kind: Enum(COLLECTION_KINDS, {
      description: 'manual: the sessions put in it, in their own order; smart: a saved filter.',
    }),
    query: Type.Union([Type.Ref('CollectionQuery'), Type.Null()], {
      description: 'Smart only; null when manual.',
    }),
    sessionCount: Type.Integer({
      description: 'Manual: the sessions in it; smart: the sessions its filters match now.',
    }),
    position: Type.Integer({ description: 'Place in the sidebar, 0 first.' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({
      format: 'date-time',
      description: 'Last change of its name, place, filters or sessions.',
    }),
  },
  { $id: 'Collection' },
);

export const CollectionCreate = Type.Object(
  {
    name,
    kind: Type.Optional(
      Enum(COLLECTION_KINDS, { description: 'Default: smart when query is given, else manual.' }),
    ),
    query: Type.Optional(
      Type.Union([CollectionQueryInput, Type.Null()], {
        description: 'Required for smart, refused for manual.',
      }),
    ),
  },
  {
    $id: 'CollectionCreate',
    additionalProperties: false,
    description: 'Added at the end of the sidebar. Unknown and read-only fields are refused.',
    examples: [
      { name: 'Album: Night Drive' },
      { name: 'Mixing in Ableton', query: { kind: 'Ableton', status: 'mixing' } },
    ],
  },
);

export const CollectionPatch = Type.Object(
  {
    name: Type.Optional(name),
    query: Type.Optional(CollectionQueryInput),
    position: Type.Optional(
      Type.Integer({
        minimum: 0,
        description:
          'Moves it to this place in the sidebar (0 first, at most the number of collections - 1).',
      }),
    ),
  },
  {
    $id: 'CollectionPatch',
    additionalProperties: false,
    minProperties: 1,
    description:
      'Only the fields present change (at least one); query on smart collections only; kind never changes.',
  },
);

const sessionIds = Type.Array(Type.String({ minLength: 1 }), {
  maxItems: COLLECTION_LIMITS.sessionIdsMax,
  description:
    'Session ids; repeated ids count once, at their first place. An id no session has refuses the whole ' +
    'request (400 invalid_input naming it); nothing is changed. The 1 MiB body limit holds ~28,000 ids: ' +
    'a larger collection is a PUT of the first ones, then POSTs of the rest (appended in order).',
});

export const CollectionSessionsBody = Type.Object(
  { sessionIds },
  { $id: 'CollectionSessionsBody', additionalProperties: false, examples: [{ sessionIds: ['session_123'] }] },
);

export const CollectionSessionsAddBody = Type.Object(
  {
    sessionIds,
    position: Type.Optional(
      Type.Integer({
        minimum: 0,
        description:
          'Puts the sessions here in the order given (0 first), moving those already in it; counted in the ' +
          'order without them, past the end appends. Absent: new ones are appended, the others stay.',
      }),
    ),
  },
  {
    $id: 'CollectionSessionsAddBody',
    additionalProperties: false,
    examples: [{ sessionIds: ['session_123'] }],
  },
);

export const CollectionIdParams = Type.Object({
  id: Type.String({
    description: 'Collection id (opaque, prefixed collection_).',
    examples: ['collection_123'],
  }),
});

export const CollectionSessionParams = Type.Object({
  id: CollectionIdParams.properties.id,
  sessionId: Type.String({ description: 'Session id (prefixed session_).', examples: ['session_123'] }),
});
