import {
  COLLECTION_KINDS,
  COLLECTION_LIMITS,
  COLLECTION_QUERY_PARAMS,
  type CollectionKind,
  type CollectionQuery,
} from '../domain';
import { AppError, invalidInput } from '../errors';
import { formatKey, parseKey } from '../musical-key';
import { LIST_QUERY_PARAMS, parseListQuery, parseSearchTerms } from './list-query';
import { normalizeTag, tagKey } from './tags';
import { FORBIDDEN_CONTROL, charLength, describeType, isPlainObject } from './text';

// The bodies of the collection routes and IPC channels (issue 13), validated once for both doors.
// Messages name the field and the rule, like every invalid_input.

/** A create body after validation. */
export interface CollectionCreate {
  name: string;
  kind: CollectionKind;
  /** Smart only. */
  query: CollectionQuery | null;
}

/** A patch body after validation: at least one field. */
export interface CollectionPatch {
  name?: string;
  query?: CollectionQuery;
  position?: number;
}

const CREATE_FIELDS = ['name', 'kind', 'query'];
const PATCH_FIELDS = ['name', 'query', 'position'];
const READ_ONLY_FIELDS = ['id', 'sessionCount', 'createdAt', 'updatedAt'];
/** `daw` is the list's alias of `kind`: accepted, saved as `kind`. */
const QUERY_FIELDS = new Set<string>([...COLLECTION_QUERY_PARAMS, 'daw']);

/** Trimmed, inner whitespace collapsed, NFC: "Mix  Notes " and "Mix Notes" are one name. */
export function normalizeCollectionName(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

/** Names are unique regardless of case. */
export function collectionNameKey(name: string): string {
  return normalizeCollectionName(name).toLowerCase();
}

export function parseCollectionName(value: unknown): string {
  const rule = `name must be a non-empty string (at most ${COLLECTION_LIMITS.nameMax} characters)`;
  if (typeof value !== 'string') throw invalidInput(`${rule}, got ${describeType(value)}`);
  const name = normalizeCollectionName(value);
  if (FORBIDDEN_CONTROL.test(name)) throw invalidInput('name must not contain control characters');
  const length = charLength(name);
  if (length < 1 || length > COLLECTION_LIMITS.nameMax) throw invalidInput(rule);
  return name;
}

export function parseCollectionCreate(body: unknown): CollectionCreate {
  const fields = objectWithKnownFields(body, CREATE_FIELDS);
  if (!Object.hasOwn(fields, 'name'))
    throw invalidInput(
      `name is required: a non-empty string (at most ${COLLECTION_LIMITS.nameMax} characters)`,
    );
  const name = parseCollectionName(fields.name);
  const hasQuery = fields.query !== undefined && fields.query !== null;
  const kind =
    fields.kind === undefined || fields.kind === null
      ? hasQuery
        ? 'smart'
        : 'manual'
      : parseCollectionKind(fields.kind);
  if (kind === 'manual' && hasQuery)
    throw invalidInput('query is only for smart collections (kind "smart"); a manual collection has none');
  if (kind === 'smart' && !hasQuery)
    throw invalidInput(
      `query is required for a smart collection: an object of list filters (${COLLECTION_QUERY_PARAMS.join(', ')})`,
    );
  return { name, kind, query: kind === 'smart' ? parseCollectionQuery(fields.query) : null };
}

export function parseCollectionPatch(body: unknown): CollectionPatch {
  if (isPlainObject(body) && Object.hasOwn(body, 'kind'))
    throw invalidInput('kind cannot be changed: a collection stays manual or smart');
  const fields = objectWithKnownFields(body, PATCH_FIELDS);
  const patch: CollectionPatch = {};
  if (fields.name !== undefined) patch.name = parseCollectionName(fields.name);
  if (fields.query !== undefined) patch.query = parseCollectionQuery(fields.query);
  if (fields.position !== undefined) {
    const position = fields.position;
    if (typeof position !== 'number' || !Number.isInteger(position) || position < 0)
      throw invalidInput('position must be an integer >= 0 (0 is the top of the sidebar)');
    patch.position = position;
  }
  if (Object.keys(patch).length === 0)
    throw invalidInput(`body must contain at least one field to change (${PATCH_FIELDS.join(', ')})`);
  return patch;
}

function parseCollectionKind(value: unknown): CollectionKind {
  if (typeof value !== 'string' || !(COLLECTION_KINDS as readonly string[]).includes(value))
    throw invalidInput(`kind must be one of: ${COLLECTION_KINDS.join(', ')}`);
  return value as CollectionKind;
}

/**
 * A smart collection's filters: the list's filter parameters, judged by the very parser of
 * `GET /sessions` (its messages prefixed `query.`), then stored in one spelling so the window can
 * show them and two equal filters look equal. Order and paging are not filters and are refused.
 */
export function parseCollectionQuery(value: unknown): CollectionQuery {
  if (!isPlainObject(value))
    throw invalidInput(
      `query must be an object of list filters (${COLLECTION_QUERY_PARAMS.join(', ')}), got ${describeType(value)}`,
    );
  for (const key of Object.keys(value)) {
    if (QUERY_FIELDS.has(key)) continue;
    if ((LIST_QUERY_PARAMS as readonly string[]).includes(key))
      throw invalidInput(
        `query.${key} is not a filter: a smart collection saves only filters (${COLLECTION_QUERY_PARAMS.join(', ')})`,
      );
    throw invalidInput(
      `query has an unknown filter: ${key} (filters: ${COLLECTION_QUERY_PARAMS.join(', ')})`,
    );
  }
  let parsed;
  try {
    parsed = parseListQuery(value);
  } catch (error) {
    if (error instanceof AppError) throw invalidInput(`query.${error.message}`);
    throw error;
  }
  const query: CollectionQuery = {};
  const terms = parseSearchTerms(emptyIsAbsent(value.q));
  if (terms.length > 0) query.q = terms.join(' ');
  if (parsed.kind !== null) query.kind = parsed.kind;
  if (parsed.status !== null) query.status = parsed.status;
  const tags = tagSpellings(value.tags);
  if (tags.length > 0) query.tags = tags;
  if (parsed.recent) query.recent = true;
  const plugin = emptyIsAbsent(value.plugin);
  if (typeof plugin === 'string') query.plugin = plugin.normalize('NFC').trim();
  if (parsed.tempoMin !== null) query.tempoMin = parsed.tempoMin;
  if (parsed.tempoMax !== null) query.tempoMax = parsed.tempoMax;
  const key = emptyIsAbsent(value.key);
  if (typeof key === 'string') query.key = formatKey(parseKey(key)!);
  if (parsed.missingSamples) query.missingSamples = true;
  return query;
}

/**
 * The body of `PUT`/`POST /collections/{id}/sessions`: `{sessionIds: string[]}`, plus `position`
 * where adding allows it. Repeated ids count once, at their first place.
 */
export function parseSessionIdsBody(
  body: unknown,
  options: { position: boolean },
): { sessionIds: string[]; position: number | null } {
  const fields = objectWithKnownFields(body, options.position ? ['sessionIds', 'position'] : ['sessionIds']);
  if (!Object.hasOwn(fields, 'sessionIds'))
    throw invalidInput('sessionIds is required: an array of session ids');
  const value = fields.sessionIds;
  if (!Array.isArray(value))
    throw invalidInput(`sessionIds must be an array of session ids (got ${describeType(value)})`);
  if (value.length > COLLECTION_LIMITS.sessionIdsMax)
    throw invalidInput(
      `sessionIds must hold at most ${COLLECTION_LIMITS.sessionIdsMax} ids (got ${value.length})`,
    );
  const seen = new Set<string>();
  value.forEach((item, index) => {
    if (typeof item !== 'string' || item === '')
      throw invalidInput(`sessionIds[${index}] must be a session id (a non-empty string)`);
    seen.add(item);
  });
  let position: number | null = null;
  if (fields.position !== undefined && fields.position !== null) {
    const raw = fields.position;
    if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0)
      throw invalidInput('position must be an integer >= 0 (0 is the top of the collection)');
    position = raw;
  }
  return { sessionIds: [...seen], position };
}

function objectWithKnownFields(body: unknown, known: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(body)) throw invalidInput(`body must be a JSON object (got ${describeType(body)})`);
  const readOnly = Object.keys(body).filter((key) => READ_ONLY_FIELDS.includes(key));
  if (readOnly.length > 0)
    throw invalidInput(`read-only field${readOnly.length > 1 ? 's' : ''}: ${readOnly.join(', ')}`);
  const unknown = Object.keys(body).filter((key) => !known.includes(key));
  if (unknown.length > 0)
    throw invalidInput(`unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  return body;
}

/** As the list parser reads them: an empty string is "not given". */
function emptyIsAbsent(value: unknown): unknown {
  return value === '' ? undefined : value;
}

/** The tags as spelled (normalised), de-duplicated case-insensitively, first spelling kept. */
function tagSpellings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const items = (Array.isArray(value) ? value : [value]) as string[];
  const byKey = new Map<string, string>();
  for (const item of items) {
    for (const part of item.split(',')) {
      const tag = normalizeTag(part);
      if (tag !== '' && !byKey.has(tagKey(tag))) byKey.set(tagKey(tag), tag);
    }
  }
  return [...byKey.values()];
}
