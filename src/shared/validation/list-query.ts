import {
  LIMITS,
  SORT_KEYS,
  type SessionKind,
  type SessionListQuery,
  type SessionStatus,
  type SortKey,
} from '../domain';
import { invalidInput } from '../errors';
import { keyClass, parseKey } from '../musical-key';
import { parseKind, parseStatus } from './session-write';
import { normalizeTag, tagKey } from './tags';
import { FORBIDDEN_CONTROL, charLength, describeType, isPlainObject } from './text';

/** The list's query parameters; any other is refused. */
export const LIST_QUERY_PARAMS = [
  'q',
  'kind',
  'daw',
  'tags',
  'status',
  'recent',
  'plugin',
  'tempoMin',
  'tempoMax',
  'key',
  'missingSamples',
  'collection',
  'sort',
  'limit',
  'offset',
] as const;
const KNOWN_PARAMS = new Set<string>(LIST_QUERY_PARAMS);
/** `q`: at most this many characters… */
export const Q_MAX = 500;
/** …and this many terms. */
export const TERMS_MAX = 16;

/**
 * An empty value (`?sort=`, `?limit=`, `?q=`: how a form or a script with an unset variable writes
 * a parameter it has no value for) means "not given", for every parameter alike: `q` searches
 * nothing, `tags`, `kind`, `daw` and `status` filter nothing, `recent` is false, and `sort`, `limit`
 * and `offset` take their defaults. A value that is only whitespace is a value (and is judged as one).
 * `/openapi.json` repeats this in each parameter's description.
 */
export const LIST_QUERY_WHEN_EMPTY: Readonly<Record<(typeof LIST_QUERY_PARAMS)[number], string>> = {
  q: 'no search',
  kind: 'no kind filter',
  daw: 'no kind filter',
  tags: 'no tag filter',
  status: 'no status filter',
  recent: 'false',
  plugin: 'no plugin filter',
  tempoMin: 'no lower tempo bound',
  tempoMax: 'no upper tempo bound',
  key: 'no key filter',
  missingSamples: 'false',
  collection: 'no collection',
  sort: 'the default',
  limit: String(LIMITS.listLimitDefault),
  offset: '0',
};

/**
 * Parses list parameters as they arrive from a query string (strings, repeated keys as arrays)
 * or from IPC (numbers, booleans, arrays). Unknown parameters are refused so typos do not
 * silently widen a query.
 */
export function parseListQuery(input: unknown = {}): SessionListQuery {
  if (!isPlainObject(input)) throw invalidInput(`query must be an object (got ${describeType(input)})`);
  const unknown = Object.keys(input).filter((key) => !KNOWN_PARAMS.has(key));
  if (unknown.length > 0)
    throw invalidInput(`unknown query parameter${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);

  const recent = parseBoolean(single(input, 'recent'), 'recent') ?? false;
  const sortParam = single(input, 'sort');
  const { sort, descending } =
    sortParam === undefined
      ? { sort: recent ? 'lastOpened' : 'updatedAt', descending: true }
      : parseSort(sortParam);

  return {
    terms: parseSearchTerms(single(input, 'q')),
    kind: parseKindFilter(single(input, 'kind'), single(input, 'daw')),
    status: optional(single(input, 'status'), (value) => parseStatus(value)) as SessionStatus | null,
    tags: parseTagFilter(input.tags),
    recent,
    ...parseProjectFilters(input),
    collection: optional(single(input, 'collection'), parseCollectionId),
    collectionSeq: null,
    sort: sort as SortKey,
    descending,
    sortGiven: sortParam !== undefined,
    limit: parseInteger(single(input, 'limit'), 'limit', 1, LIMITS.listLimitMax) ?? LIMITS.listLimitDefault,
    offset: parseInteger(single(input, 'offset'), 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0,
  };
}

/** Filters on what the project file says (issue 12): plugin, tempo range, key, missing samples. */
function parseProjectFilters(
  input: Record<string, unknown>,
): Pick<SessionListQuery, 'plugins' | 'tempoMin' | 'tempoMax' | 'keyClass' | 'missingSamples'> {
  const plugin = optional(single(input, 'plugin'), (value) => {
    if (typeof value !== 'string') throw invalidInput(`plugin must be a string (got ${describeType(value)})`);
    const name = value.trim();
    if (name === '' || charLength(name) > PLUGIN_NAME_MAX || FORBIDDEN_CONTROL.test(name))
      throw invalidInput(
        `plugin must be a plugin name (1 to ${PLUGIN_NAME_MAX} characters, no control characters)`,
      );
    return pluginKey(name);
  });
  const tempoMin = optional(single(input, 'tempoMin'), (value) => parseTempo(value, 'tempoMin'));
  const tempoMax = optional(single(input, 'tempoMax'), (value) => parseTempo(value, 'tempoMax'));
  if (tempoMin !== null && tempoMax !== null && tempoMin > tempoMax)
    throw invalidInput(`tempoMin must not be above tempoMax (got ${tempoMin} and ${tempoMax})`);
  const keyClassValue = optional(single(input, 'key'), (value) => {
    const key = typeof value === 'string' && charLength(value) <= 40 ? parseKey(value) : null;
    if (key === null) throw invalidInput('key must be a musical key such as C, F# minor, Bbm or D dorian');
    return keyClass(key);
  });
  return {
    plugins: plugin === null ? [] : [plugin],
    tempoMin,
    tempoMax,
    keyClass: keyClassValue,
    missingSamples: parseBoolean(single(input, 'missingSamples'), 'missingSamples') ?? false,
  };
}

/** Longest collection id `collection` accepts (ids are opaque; today's are 37 characters). */
export const COLLECTION_ID_MAX = 100;

/** Only the form is judged here; whether the collection exists is the collections scope's question. */
function parseCollectionId(value: unknown): string {
  if (typeof value !== 'string' || charLength(value) > COLLECTION_ID_MAX || FORBIDDEN_CONTROL.test(value))
    throw invalidInput(
      `collection must be a collection id (at most ${COLLECTION_ID_MAX} characters, no control characters)`,
    );
  return value;
}

/** Longest plugin name the filter accepts. */
export const PLUGIN_NAME_MAX = 200;
/** Tempo filter bounds, in bpm: wider than any DAW allows (REAPER: 1–960). */
export const TEMPO_FILTER_MIN = 1;
export const TEMPO_FILTER_MAX = 1000;

/** Plugins are matched by name, case-insensitively, across formats (Serum as VST2 and VST3). */
export function pluginKey(name: string): string {
  return name.normalize('NFC').trim().toLowerCase();
}

function parseTempo(value: unknown, field: string): number {
  const number = typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
  if (
    typeof number !== 'number' ||
    !Number.isFinite(number) ||
    number < TEMPO_FILTER_MIN ||
    number > TEMPO_FILTER_MAX
  )
    throw invalidInput(
      `${field} must be a number of bpm between ${TEMPO_FILTER_MIN} and ${TEMPO_FILTER_MAX}`,
    );
  return number;
}

/** Whitespace-separated terms; terms without a letter or digit can match no word and are dropped. */
export function parseSearchTerms(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'string') throw invalidInput(`q must be a string (got ${describeType(value)})`);
  if (charLength(value) > Q_MAX) throw invalidInput(`q must be at most ${Q_MAX} characters`);
  if (FORBIDDEN_CONTROL.test(value)) throw invalidInput('q must not contain control characters');
  const terms = value
    .normalize('NFC')
    .split(/\s+/u)
    .filter((term) => /[\p{L}\p{N}]/u.test(term));
  if (terms.length > TERMS_MAX) throw invalidInput(`q must have at most ${TERMS_MAX} terms`);
  return terms;
}

function parseKindFilter(kind: unknown, daw: unknown): SessionKind | null {
  const fromKind = optional(kind, (value) => parseKind(value, 'kind'));
  const fromDaw = optional(daw, (value) => parseKind(value, 'daw'));
  if (fromKind && fromDaw && fromKind !== fromDaw) {
    throw invalidInput(
      `kind and daw must name the same kind when both are given (got ${fromKind} and ${fromDaw})`,
    );
  }
  return fromKind ?? fromDaw;
}

/** `tags` may be comma-separated, repeated, or both. */
function parseTagFilter(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  const keys = new Set<string>();
  for (const item of items) {
    if (typeof item !== 'string')
      throw invalidInput(`tags must be a comma-separated string (got ${describeType(item)})`);
    for (const part of item.split(',')) {
      const tag = normalizeTag(part);
      if (tag === '') continue;
      if (charLength(tag) > LIMITS.tagMax)
        throw invalidInput(`tags filter values must be at most ${LIMITS.tagMax} characters`);
      keys.add(tagKey(tag));
    }
  }
  if (keys.size > LIMITS.tagsMax) throw invalidInput(`tags filter must name at most ${LIMITS.tagsMax} tags`);
  return [...keys];
}

function parseSort(value: unknown): { sort: SortKey; descending: boolean } {
  const rule = `sort must be one of: ${SORT_KEYS.join(', ')} (prefix - for descending)`;
  if (typeof value !== 'string') throw invalidInput(rule);
  const descending = value.startsWith('-');
  const key = descending ? value.slice(1) : value;
  if (!(SORT_KEYS as readonly string[]).includes(key)) throw invalidInput(rule);
  return { sort: key as SortKey, descending };
}

function parseBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw invalidInput(`${field} must be true or false`);
}

function parseInteger(value: unknown, field: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `between ${min} and ${max}`;
    throw invalidInput(`${field} must be an integer ${range}`);
  }
  return number;
}

/** Query-string parameters other than tags may appear once; an empty value means "not given". */
function single(input: Record<string, unknown>, key: string): unknown {
  const value = input[key];
  if (Array.isArray(value)) throw invalidInput(`${key} must be given at most once`);
  return value === '' ? undefined : value;
}

function optional<T>(value: unknown, parse: (value: unknown) => T): T | null {
  return value === undefined || value === null ? null : parse(value);
}
