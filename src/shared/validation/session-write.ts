import {
  LIMITS,
  SESSION_ACCENTS,
  SESSION_KINDS,
  SESSION_READ_ONLY_FIELDS,
  SESSION_STATUSES,
  SESSION_WRITE_FIELDS,
  type SessionAccent,
  type SessionKind,
  type SessionStatus,
  type SessionWrite,
} from '../domain';
import { invalidInput } from '../errors';
import { canonicalKind } from '../kinds';
import { parseProjectPath } from './project-path';
import { parseTags } from './tags';
import { FORBIDDEN_CONTROL, charLength, describeType, isPlainObject } from './text';

const WRITE_FIELDS = new Set<string>(SESSION_WRITE_FIELDS);
const READ_ONLY_FIELDS = new Set<string>(SESSION_READ_ONLY_FIELDS);

export function parseTitle(value: unknown): string {
  const rule = `title must be a non-empty string (at most ${LIMITS.titleMax} characters)`;
  if (typeof value !== 'string') throw invalidInput(rule);
  const title = value.normalize('NFC').trim();
  const length = charLength(title);
  if (length < 1 || length > LIMITS.titleMax || FORBIDDEN_CONTROL.test(title)) throw invalidInput(rule);
  return title;
}

export function parseKind(value: unknown, field = 'kind'): SessionKind {
  const kind = typeof value === 'string' ? canonicalKind(value) : null;
  if (!kind) throw invalidInput(`${field} must be one of: ${listOf(SESSION_KINDS)}`);
  return kind;
}

export function parseStatus(value: unknown, field = 'status'): SessionStatus {
  if (typeof value !== 'string' || !(SESSION_STATUSES as readonly string[]).includes(value)) {
    throw invalidInput(`${field} must be one of: ${listOf(SESSION_STATUSES)}`);
  }
  return value as SessionStatus;
}

export function parseAccent(value: unknown): SessionAccent {
  if (typeof value !== 'string' || !(SESSION_ACCENTS as readonly string[]).includes(value)) {
    throw invalidInput(`accent must be one of: ${listOf(SESSION_ACCENTS)}`);
  }
  return value as SessionAccent;
}

/** `null` clears the client, like an empty string. */
export function parseClient(value: unknown): string {
  if (value === null) return '';
  const rule = `client must be a string of at most ${LIMITS.clientMax} characters with no control characters, or null`;
  if (typeof value !== 'string') throw invalidInput(rule);
  const client = value.normalize('NFC').trim();
  if (charLength(client) > LIMITS.clientMax || FORBIDDEN_CONTROL.test(client)) throw invalidInput(rule);
  return client;
}

/** Notes keep their whitespace exactly as typed; `null` clears them. */
export function parseNotes(value: unknown): string {
  if (value === null) return '';
  const rule = `notes must be a string of at most ${LIMITS.notesMax.toLocaleString('en-US')} characters, or null`;
  if (typeof value !== 'string' || charLength(value) > LIMITS.notesMax) throw invalidInput(rule);
  return value;
}

const FIELD_PARSERS: { [K in keyof SessionWrite]: (value: unknown) => SessionWrite[K] } = {
  title: parseTitle,
  kind: (value) => parseKind(value),
  status: (value) => parseStatus(value),
  accent: parseAccent,
  client: parseClient,
  tags: (value) => parseTags(value),
  notes: parseNotes,
  projectPath: (value) => parseProjectPath(value),
};

/**
 * Validates a create or patch body: a JSON object with only SessionWrite fields.
 * Returns the fields present, normalised. Missing fields stay missing (defaults are the service's job).
 */
export function parseSessionWrite(body: unknown): Partial<SessionWrite> {
  if (!isPlainObject(body)) throw invalidInput(`body must be a JSON object (got ${describeType(body)})`);
  const keys = Object.keys(body);
  const readOnly = keys.filter((key) => READ_ONLY_FIELDS.has(key));
  const unknown = keys.filter((key) => !WRITE_FIELDS.has(key) && !READ_ONLY_FIELDS.has(key));
  const refusals = [
    readOnly.length > 0 ? `read-only field${plural(readOnly)} cannot be written: ${readOnly.join(', ')}` : '',
    unknown.length > 0 ? `unknown field${plural(unknown)}: ${unknown.join(', ')}` : '',
  ].filter(Boolean);
  if (refusals.length > 0) throw invalidInput(refusals.join('; '));

  const write: Partial<Record<keyof SessionWrite, unknown>> = {};
  for (const field of SESSION_WRITE_FIELDS) {
    if (Object.hasOwn(body, field)) write[field] = FIELD_PARSERS[field](body[field]);
  }
  return write as Partial<SessionWrite>;
}

function listOf(values: readonly string[]): string {
  return values.join(', ');
}

function plural(values: readonly unknown[]): string {
  return values.length === 1 ? '' : 's';
}
